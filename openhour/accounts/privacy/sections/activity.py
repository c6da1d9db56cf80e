"""The steps the person took on each process (a proposal sent, a milestone released, a payout asked for...), from
the event rows every transition writes."""

from typing import Any

from django.apps import apps
from django.db.models import F

from openhour.accounts.models import User

from .base import rows

KEY = "activity"
# Event model -> what its rows are about (the foreign key naming the thing that changed).
EVENTS = {
    "catalog.HourlieEvent": "hourlie",
    "catalog.OrderEvent": "order",
    "jobs.ProjectEvent": "project",
    "jobs.ProposalEvent": "proposal",
    "contracts.ContractEvent": "contract",
    "contracts.MilestoneEvent": "milestone",
    "change_orders.ChangeOrderEvent": "change_order",
    "hourly.WeekEvent": "week",
    "disputes.DisputeEvent": "dispute",
    "money.PayoutEvent": "payout",
    "reviews.ReviewEvent": "review",
    "integrity.CaseEvent": "case",
}
MODELS = tuple(EVENTS)


def section(user: User) -> list[dict[str, Any]]:
    steps = [step for label, about in EVENTS.items() for step in _steps(label, about, user)]
    return sorted(steps, key=lambda step: step["at"])


def _steps(label: str, about: str, user: User) -> list[dict[str, Any]]:
    model = apps.get_model(label)
    found = rows(
        model.objects.filter(by=user),
        "action",
        "from_status",
        "to_status",
        "note",
        at=F("created_at"),
        about_id=F(f"{about}_id"),
    )
    return [{"about": about, **step} for step in found]
