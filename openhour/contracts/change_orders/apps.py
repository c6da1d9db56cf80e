from django.apps import AppConfig


class ChangeOrdersConfig(AppConfig):
    name = "openhour.contracts.change_orders"
    label = "change_orders"
    verbose_name = "Change orders"
