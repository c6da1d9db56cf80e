from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "openhour.contracts"
    label = "contracts"
    verbose_name = "Contracts"
