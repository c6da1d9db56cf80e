from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "openhour.messaging"
    label = "messaging"
    verbose_name = "Messages and notifications"
