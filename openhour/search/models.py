from django.db import models


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

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"


from openhour.search.saved.models import SavedSearch, SavedSearchMatch  # noqa: E402  -- the app's models, in their package

__all__ = ["SavedSearch", "SavedSearchMatch", "SearchDocument"]
