"""The switcher and the language settings page."""

from django.urls import URLPattern, path

from openhour.accounts.language import views

urlpatterns: list[URLPattern] = [
    path("language", views.language_switch, name="language_switch"),
    path("me/language", views.language_settings, name="language_settings"),
]
