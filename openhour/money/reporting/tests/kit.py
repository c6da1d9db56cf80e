"""Milestones paid to a freelancer at given moments, for the reporting tests."""

from datetime import UTC, datetime
from typing import Any

import time_machine

from openhour.contracts.models import Milestone
from openhour.money.services import escrow
from openhour.money.tests.kit import contract_between, top_up

YEAR = 2026


def at(month: int, day: int = 15, year: int = YEAR) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


def paid(client: Any, freelancer: Any, *amounts: int, when: datetime, currency: str = "GBP") -> list[Milestone]:
    """One contract with a milestone per amount, funded and released by the client at `when`."""
    with time_machine.travel(when, tick=False):
        milestones = list(contract_between(client, freelancer, *amounts, currency=currency).milestones.all())
        top_up(client, sum(escrow.funding_quote(one).total for one in milestones), currency)
        for one in milestones:
            escrow.escrow_fund(milestone_id=one.pk, actor="client", by=client)
            escrow.escrow_release(milestone_id=one.pk, actor="client", by=client)
    return [Milestone.objects.get(pk=one.pk) for one in milestones]
