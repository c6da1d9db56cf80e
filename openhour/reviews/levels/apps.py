from django.apps import AppConfig


class LevelsConfig(AppConfig):
    name = "openhour.reviews.levels"
    label = "levels"
    verbose_name = "Reputation levels"
