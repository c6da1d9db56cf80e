"""Placeholder: filled in by the urls_payouts work."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
