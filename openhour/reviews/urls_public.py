"""Public reputation pages, each with its full path: a person's reviews and how reviews work."""

from django.urls import URLPattern, path

from openhour.reviews import views_public

urlpatterns: list[URLPattern] = [
    path("u/<str:username>/reviews", views_public.public_reviews, name="public_reviews"),
    path("trust/reviews", views_public.trust_reviews, name="trust_reviews"),
]
