from django.apps import AppConfig


class MessagingConfig(AppConfig):
    """Nothing is wired at start-up: the services that cause a notification send it themselves
    (openhour/messaging/notifications/events.py says who hears of which step)."""

    name = "openhour.messaging"
    label = "messaging"
    verbose_name = "Messages and notifications"
