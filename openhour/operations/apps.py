from django.apps import AppConfig


class OperationsConfig(AppConfig):
    """What the people who run the market see of it as a whole: figures, health and the market's own brand."""

    name = "openhour.operations"
    label = "operations"
    verbose_name = "Running the market"
