"""Reads for webhooks: a person's endpoints and one endpoint's delivery log. Everyone sees only their own:
another person's endpoint (an operator's too) is not found."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_404
from openhour.webhooks.models import Attempt, Delivery, Endpoint

MISSING = "No such webhook endpoint."


def endpoints_of(*, owner: Any) -> QuerySet[Endpoint]:
    """Newest first."""
    return Endpoint.objects.filter(owner=owner).order_by("-created_at", "-id")


def endpoint_of(*, owner: Any, endpoint_id: object) -> Endpoint:
    found = endpoints_of(owner=owner).filter(pk=pk_or_404(endpoint_id, _(MISSING))).first()
    if found is None:
        raise NotFound(_(MISSING))
    return found


def deliveries_of(*, endpoint: Endpoint) -> QuerySet[Delivery]:
    """Newest first, each with its event and its attempts: three queries for a page, however long."""
    attempts = Prefetch("attempt_log", queryset=Attempt.objects.order_by("number"))
    rows = Delivery.objects.filter(endpoint=endpoint).select_related("event").prefetch_related(attempts)
    return rows.order_by("-created_at", "-id")
