from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Nothing is wired at start-up: each service that takes a step emits its event itself
    (openhour/webhooks/services/events.py)."""

    name = "openhour.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks"
