"""Placeholder: filled in by the urls_invoices work."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
