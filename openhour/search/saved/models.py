"""The saved searches of a person and what each has found (see the package docstring)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    class Kind(models.TextChoices):
        PROJECTS = "projects", _("Projects")
        FREELANCERS = "freelancers", _("Freelancers")

    class Alert(models.TextChoices):
        OFF = "off", _("No e-mail")
        INSTANT = "instant", _("E-mail me as they appear")
        DAILY = "daily", _("E-mail me once a day")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    kind = models.CharField(_("what it searches"), max_length=12, choices=Kind)
    query = models.JSONField(_("filters"), default=dict, blank=True)
    name = models.CharField(_("name"), max_length=120)
    alert = models.CharField(_("e-mail alert"), max_length=8, choices=Alert, default=Alert.DAILY)
    created_at = models.DateTimeField(_("saved"), auto_now_add=True)
    # Matches are looked for among what appeared or changed after this; it moves on each time the search looks.
    checked_at = models.DateTimeField(_("last looked for matches"))
    last_alerted_at = models.DateTimeField(_("last e-mailed"), null=True, blank=True)

    class Meta:
        app_label = "search"
        ordering = ["-created_at", "-id"]
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        indexes = [models.Index(fields=["alert", "checked_at"], name="saved_search_due")]

    def __str__(self) -> str:
        return self.name


class SavedSearchMatch(models.Model):
    """A project or person a saved search found; `sent_at` is set when an alert e-mail listed it."""

    search = models.ForeignKey(SavedSearch, on_delete=models.CASCADE, related_name="matches")
    object_id = models.BigIntegerField()
    found_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "search"
        constraints = [models.UniqueConstraint(fields=["search", "object_id"], name="saved_search_match_once")]
        indexes = [
            models.Index(fields=["search", "sent_at"], name="saved_search_match_unsent"),
        ]

    def __str__(self) -> str:
        return f"{self.search_id}: {self.object_id}"
