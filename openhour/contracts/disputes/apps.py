from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "openhour.contracts.disputes"
    label = "disputes"
    verbose_name = "Disputes"
