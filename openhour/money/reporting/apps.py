from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "openhour.money.reporting"
    label = "reporting"
    verbose_name = "Seller income reporting"
