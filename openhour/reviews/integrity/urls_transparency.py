"""Placeholder: filled in by its part."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
