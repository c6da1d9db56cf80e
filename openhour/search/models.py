from typing import Any

from django.db import models

from openhour.search.languages import SIMPLE


class SearchConfigurationField(models.CharField):
    """A text-search configuration's name. On PostgreSQL it is stored as `regconfig`, as the generated vector must
    be computed by immutable functions only and a cast from text to `regconfig` is not one; text elsewhere."""

    def db_type(self, connection: Any) -> str | None:
        return "regconfig" if connection.vendor == "postgresql" else super().db_type(connection)


class SearchDocument(models.Model):
    """The searchable text of one project, person or Hourlie (see the package docstring)."""

    class Kind(models.TextChoices):
        PROJECT = "project"
        PERSON = "person"
        HOURLIE = "hourlie"

    kind = models.CharField(max_length=10, choices=Kind)
    object_id = models.BigIntegerField()
    title = models.TextField(blank=True)
    skills = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # The language of whoever wrote it, and the configuration PostgreSQL reads it with (openhour.search.languages).
    language = models.CharField(max_length=10, blank=True, default="", db_default="")
    config = SearchConfigurationField(max_length=63, default=SIMPLE, db_default=SIMPLE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


from openhour.search.saved.models import SavedSearch, SavedSearchMatch  # noqa: E402  -- the app's models, in their package

__all__ = ["SavedSearch", "SavedSearchMatch", "SearchDocument"]
