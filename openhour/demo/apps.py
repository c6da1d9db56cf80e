from django.apps import AppConfig


class DemoConfig(AppConfig):
    """No models: the demo is made through the product's services, so the production schema has no demo table."""

    name = "openhour.demo"
    label = "demo"
    verbose_name = "Demo and red-team data"
