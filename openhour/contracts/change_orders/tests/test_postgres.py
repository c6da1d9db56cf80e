"""Change orders under real parallel transactions: a change order is applied once however many accept it
at the same moment, and an acceptance racing a funding of the milestone it removes leaves one consistent
outcome, never a deadlock and never money moved twice."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from openhour.contracts.change_orders import rules, services
from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.models import Milestone
from openhour.contracts.services import delivery
from openhour.lib.errors import DomainError
from openhour.money import ledger
from openhour.money.services import escrow
from openhour.money.tests.kit import contract_between, in_parallel, top_up

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def outcome(work: Any) -> Any:
    try:
        return work()
    except DomainError as error:
        return error.code


def test_two_simultaneous_accepts_refund_once(clara, fred, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, escrow.funding_quote(milestone).total)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    order = services.change_order_propose(
        contract_id=milestone.contract_id, by=clara, changes=[rules.Change(action="remove", milestone_id=milestone.pk)]
    )

    results = in_parallel(
        4, lambda: outcome(lambda: services.change_order_accept(change_order_id=order.pk, by=fred).status)
    )

    assert sorted(results) == ["accepted"] + ["changeorder_accepted"] * 3
    milestone.refresh_from_db()
    assert milestone.status == "refunded" and milestone.refunded == 20_000
    assert ledger.wallet(owner=clara, currency="GBP").balance == escrow.funding_quote(milestone).total
    ledger_ok()


def test_accepting_a_removal_while_the_client_funds_it(clara, fred, ledger_ok):
    milestone = contract_between(clara, fred, 20_000, 5_000).milestones.get(title="Part 1")
    total = escrow.funding_quote(milestone).total
    top_up(clara, total)
    order = services.change_order_propose(
        contract_id=milestone.contract_id, by=fred, changes=[rules.Change(action="remove", milestone_id=milestone.pk)]
    )
    jobs = [
        lambda: services.change_order_accept(change_order_id=order.pk, by=clara).status,
        lambda: escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara).status,
    ]
    queue = list(jobs)

    results = set(in_parallel(2, lambda: outcome(queue.pop())))
    milestone.refresh_from_db()
    order.refresh_from_db()
    wallet = ledger.wallet(owner=clara, currency="GBP").balance
    if milestone.status == Milestone.Status.REMOVED:  # the acceptance came first: nothing to fund any more
        assert results == {"accepted", "milestone_removed"}
        assert order.status == ChangeOrder.Status.ACCEPTED and wallet == total
    else:  # the funding came first: what was agreed no longer holds, so nothing changes
        assert results == {"funded", "change_order_stale"}
        assert milestone.status == Milestone.Status.FUNDED and wallet == 0
        assert order.status == ChangeOrder.Status.PROPOSED
    ledger_ok()


def test_accepting_a_removal_while_the_automatic_release_fires(clara, fred, settings, ledger_ok):
    settings.AUTO_RELEASE_REMINDER_DAYS = []  # only the release is due
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, escrow.funding_quote(milestone).total)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    delivery.milestone_submit(milestone_id=milestone.pk, by=fred, message="Done.")
    order = services.change_order_propose(
        contract_id=milestone.contract_id, by=clara, changes=[rules.Change(action="remove", milestone_id=milestone.pk)]
    )
    queue = [
        lambda: services.change_order_accept(change_order_id=order.pk, by=fred).status,
        delivery.milestones_fire_due,
    ]

    with time_machine.travel(timezone.now() + timedelta(days=settings.AUTO_RELEASE_DAYS, minutes=1)):
        results = set(in_parallel(2, lambda: outcome(queue.pop())))

    milestone.refresh_from_db()
    if milestone.status == Milestone.Status.REFUNDED:  # accepted first: the release timer was cancelled
        assert results == {"accepted", 0}
        assert ledger.wallet(owner=clara, currency="GBP").balance == escrow.funding_quote(milestone).total
    else:  # released first: the removal no longer applies
        assert milestone.status == Milestone.Status.RELEASED and results == {"change_order_stale", 1}
    ledger_ok()
