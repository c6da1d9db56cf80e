from django.apps import AppConfig


class HealthConfig(AppConfig):
    """The processes' health: heartbeats of the worker and the timers, the operators' status check, and the
    worker that keeps going when the database is locked or restarts."""

    name = "openhour.operations.health"
    label = "health"
    verbose_name = "Health of the processes"
