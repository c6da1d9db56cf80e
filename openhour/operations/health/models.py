from django.db import models


class Heartbeat(models.Model):
    """When a long-running process last proved it was doing its work: one row per process kind."""

    class Process(models.TextChoices):
        WORKER = "worker", "Task worker"
        TIMERS = "timers", "Timers"

    process = models.CharField(max_length=20, choices=Process.choices, primary_key=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.process} at {self.beat_at:%Y-%m-%d %H:%M:%S}"
