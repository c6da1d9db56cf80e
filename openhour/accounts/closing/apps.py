from django.apps import AppConfig


class ClosingConfig(AppConfig):
    name = "openhour.accounts.closing"
    label = "closing"
    verbose_name = "Closed accounts"
