from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "openhour.catalog"
    label = "catalog"
    verbose_name = "Catalogue"
