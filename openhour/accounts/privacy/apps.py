from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "openhour.accounts.privacy"
    label = "privacy"
    verbose_name = "Personal data"
