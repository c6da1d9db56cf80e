"""The public transparency report, included at the site root."""

from django.urls import URLPattern, path

from openhour.reviews.integrity import views_transparency

urlpatterns: list[URLPattern] = [
    path("trust/transparency", views_transparency.transparency_page, name="trust_transparency"),
]
