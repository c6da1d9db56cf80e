from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "openhour.messaging"
    label = "messaging"
    verbose_name = "Messages and notifications"

    def ready(self) -> None:
        # Notifications listen to the other apps' event rows, so those apps never call into messaging.
        from openhour.messaging.notifications import events

        events.connect()
