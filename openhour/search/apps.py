from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "openhour.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from openhour.search import documents

        documents.connect()
