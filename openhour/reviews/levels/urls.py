from django.urls import URLPattern, path

from openhour.reviews.levels import views

urlpatterns: list[URLPattern] = [
    path("trust/levels", views.trust_levels, name="trust_levels"),
]
