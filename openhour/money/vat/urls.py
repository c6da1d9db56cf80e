"""Pages of vat: the billing details of the person signed in."""

from django.urls import URLPattern, path

from openhour.money.vat import views

urlpatterns: list[URLPattern] = [
    path("me/billing", views.billing_details, name="billing_details"),
]
