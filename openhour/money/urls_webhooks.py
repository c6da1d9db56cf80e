"""Placeholder: filled in by the urls_webhooks work."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
