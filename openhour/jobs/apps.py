from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "openhour.jobs"
    label = "jobs"
    verbose_name = "Jobs"
