from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "openhour.accounts.legal"
    label = "legal"
    verbose_name = "Legal pages"
