"""Provider webhooks: signed, CSRF-exempt, POST only."""

from django.urls import path

from openhour.money import webhooks

urlpatterns = [
    path("webhooks/stripe", webhooks.stripe_webhook, name="stripe_webhook"),
]
