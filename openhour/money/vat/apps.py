from django.apps import AppConfig


class VatConfig(AppConfig):
    name = "openhour.money.vat"
    label = "vat"
    verbose_name = "VAT"
