from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "openhour.search"
    label = "search"
    verbose_name = "Search"
