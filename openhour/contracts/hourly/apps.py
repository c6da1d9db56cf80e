from django.apps import AppConfig


class HourlyConfig(AppConfig):
    name = "openhour.contracts.hourly"
    label = "hourly"
    verbose_name = "Time sheets"
