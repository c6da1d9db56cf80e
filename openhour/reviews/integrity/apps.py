from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "openhour.reviews.integrity"
    label = "integrity"
    verbose_name = "Review integrity and moderation"

    def ready(self) -> None:
        # Sign-ups and sign-ins are recorded (IP, device cookie) as evidence for conflict-of-interest checks.
        from openhour.reviews.integrity import access

        access.connect()
