"""The demo's contracts are played forward through the real services, once: the pages and dashboards show
work in every common state, and a second seeding leaves what people did in the demo alone."""

import pytest

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.models import Contract, Milestone
from openhour.demo.contracts import seed_contracts
from openhour.demo.money import seed_money
from openhour.demo.people import seed_demo

pytestmark = pytest.mark.django_db


def test_demo_contracts_show_work_in_every_common_state(ledger_ok):
    seed_demo()
    seed_money()

    assert seed_contracts() == 5
    hires = Contract.objects.filter(proposal__isnull=False).order_by("pk")
    firsts = [c.milestones.order_by("position", "pk")[0].status for c in hires]
    assert firsts == [
        Milestone.Status.RELEASED,
        Milestone.Status.CHANGES_REQUESTED,
        Milestone.Status.SUBMITTED,
        Milestone.Status.AWAITING_FUNDING,
    ]
    assert Dispute.objects.get().milestone.contract == hires[0]
    offer = Contract.objects.get(title="Winter blend packaging")
    assert (offer.status, offer.freelancer.username) == (Contract.Status.OFFERED, "amara-okafor")
    hourly = Contract.objects.get(title="Shop maintenance, hourly")
    assert (hourly.status, hourly.kind) == (Contract.Status.ACTIVE, Contract.Kind.HOURLY)
    assert hourly.timesheet_weeks.get().lines.get().minutes == 90
    assert seed_contracts() == 0
    ledger_ok()
