from django.apps import AppConfig


class MoneyConfig(AppConfig):
    name = "openhour.money"
    label = "money"
    verbose_name = "Money"
