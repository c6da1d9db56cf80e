"""What the person set up to work with the site: saved searches and webhooks (never a webhook's secret)."""

from typing import Any

from openhour.accounts.models import User
from openhour.search.saved.models import SavedSearch
from openhour.webhooks.models import Endpoint

from .base import rows

KEY = "tools"
MODELS = ("search.SavedSearch", "webhooks.Endpoint")


def section(user: User) -> dict[str, Any]:
    return {
        "saved_searches": rows(
            SavedSearch.objects.filter(owner=user), "name", "kind", "query", "alert", "created_at", "last_alerted_at"
        ),
        "webhooks": rows(Endpoint.objects.filter(owner=user), "url", "events", "scope", "created_at", "disabled_at"),
    }
