from django.conf import settings
from django.db import models

from openhour.reviews.levels.rules import Code, reason_text


class FreelancerLevel(models.Model):
    """The level a freelancer holds now ("" for none), written by the nightly check (services.levels_refresh).
    A row exists once someone was first checked, so losing a level keeps the row and its history."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reputation_level")
    level = models.CharField(max_length=20, choices=Code, blank=True)
    since = models.DateTimeField(null=True, blank=True)  # when the level held now was earned
    checked_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: {self.level or '-'}"


class LevelChange(models.Model):
    """A level earned or lost, with what was missing when it was lost: "On-time rate fell below 90%"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="level_changes")
    from_level = models.CharField(max_length=20, choices=Code, blank=True)
    to_level = models.CharField(max_length=20, choices=Code, blank=True)
    # [{"criterion", "threshold", "value"}]: the criteria of `from_level` not met at the check (rules.shortfall)
    reasons = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="level_change_user_newest")]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.from_level or '-'} -> {self.to_level or '-'}"

    @property
    def reason_texts(self) -> list[str]:
        return [text for text in map(reason_text, self.reasons) if text]


class LevelsRun(models.Model):
    """When the nightly check last started (one row): the timer claims a run by moving `started_at` forward
    with a conditional UPDATE, so two timer processes never both run it."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    checked = models.PositiveIntegerField(default=0)  # freelancers with a level row after the run
    changed = models.PositiveIntegerField(default=0)  # levels earned or lost

    def __str__(self) -> str:
        return f"levels run at {self.started_at}"
