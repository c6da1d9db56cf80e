"""Pages of identity checks, and Stripe Identity's webhook."""

from django.urls import URLPattern, path

from openhour.accounts.identity import views, webhooks

urlpatterns: list[URLPattern] = [
    path("me/identity", views.identity_page, name="identity"),
    path("operations/identity", views.queue_page, name="identity_queue"),
    path("operations/identity/<int:check_id>/decide", views.decide, name="identity_decide"),
    path("operations/identity/files/<str:file_id>", views.document, name="identity_document"),
    path("webhooks/stripe/identity", webhooks.stripe_identity_webhook, name="stripe_identity_webhook"),
]
