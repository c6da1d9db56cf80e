"""Reads of saved searches: a person's own, never anyone else's."""

from django.db.models import QuerySet

from openhour.accounts.models import User
from openhour.search.saved.models import SavedSearch


def saved_searches_of(*, owner: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(owner=owner).order_by("-created_at", "-id")
