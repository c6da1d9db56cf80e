"""The demo's contracts are played forward through the real services, once: the pages and dashboards show
work in every common state, and a second seeding leaves what people did in the demo alone."""

import pytest

from openhour.accounts.demo import seed_demo
from openhour.contracts.demo import seed_contracts
from openhour.contracts.models import Contract, Milestone
from openhour.money.demo import seed_money

pytestmark = pytest.mark.django_db


def test_demo_hires_show_released_changed_delivered_and_unfunded_work(ledger_ok):
    seed_demo()
    seed_money()

    assert seed_contracts() == 3
    firsts = [c.milestones.order_by("position", "pk")[0].status for c in Contract.objects.order_by("pk")]
    assert firsts == [
        Milestone.Status.RELEASED, Milestone.Status.CHANGES_REQUESTED, Milestone.Status.SUBMITTED,
        Milestone.Status.AWAITING_FUNDING,
    ]  # fmt: skip
    assert seed_contracts() == 0
    ledger_ok()
