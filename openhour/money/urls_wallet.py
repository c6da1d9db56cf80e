"""Placeholder: filled in by the urls_wallet work."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
