"""Real parallel transactions (PostgreSQL): both sides opening a dispute at once make one dispute; the end
of the appeal window racing an operator's decision on an appeal moves the money once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openhour.contracts.disputes.decisions import dispute_decide
from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.services import dispute_appeal, dispute_open, disputes_fire_due
from openhour.contracts.disputes.tests.kit import funded
from openhour.lib.errors import DomainError
from openhour.money.tests.kit import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_both_sides_opening_at_once_make_one_dispute(clara, fred, ledger_ok):
    milestone = funded(clara, fred)
    people = iter([clara, fred])

    def work() -> object:
        return dispute_open(milestone_id=milestone.pk, by=next(people), reason="We disagree.")

    results = in_parallel(2, work)
    assert sum(isinstance(r, Dispute) for r in results) == 1
    assert all(isinstance(r, DomainError) for r in results if not isinstance(r, Dispute))
    assert Dispute.objects.count() == 1
    ledger_ok()


def test_an_appeal_racing_the_end_of_the_window_either_stops_the_money_or_is_refused(clara, fred, operator, ledger_ok):
    from openhour.money import ledger

    dispute = dispute_open(milestone_id=funded(clara, fred).pk, by=clara, reason="Missing pages.")
    dispute_decide(dispute_id=dispute.pk, by=operator, release=10_000, decision="A third of it.")
    tasks = iter(
        [
            lambda: dispute_appeal(dispute_id=dispute.pk, by=fred, reason="It was all there."),
            lambda: disputes_fire_due(now=timezone.now() + timedelta(days=4)),  # the worker sees the window ended
        ]
    )
    results = in_parallel(2, lambda: next(tasks)())
    assert not any(isinstance(r, Exception) and not isinstance(r, DomainError) for r in results), results
    dispute.refresh_from_db()
    paid = ledger.wallet(owner=fred, currency="GBP").balance
    if dispute.status == "appealed":
        assert paid == 0  # the appeal came first: nothing moves until the final decision
    else:
        assert dispute.status == "settled" and paid == 8_000  # the window ended first
        assert any(isinstance(r, DomainError) and r.code == "dispute_settled" for r in results)
    ledger_ok()


def test_a_dispute_racing_the_automatic_release_either_pauses_it_or_is_refused(clara, fred, ledger_ok):
    import time_machine

    from openhour.contracts.services.delivery import milestones_fire_due
    from openhour.money import ledger

    milestone = funded(clara, fred, delivered=True)
    tasks = iter(
        [lambda: dispute_open(milestone_id=milestone.pk, by=clara, reason="Not finished."), milestones_fire_due]
    )
    with time_machine.travel(timezone.now() + timedelta(days=15)):  # the review window has just ended
        results = in_parallel(2, lambda: next(tasks)())
    assert not any(isinstance(r, Exception) and not isinstance(r, DomainError) for r in results), results
    milestone.refresh_from_db()
    paid = ledger.wallet(owner=fred, currency="GBP").balance
    if milestone.status == "disputed":
        assert paid == 0 and Dispute.objects.count() == 1
    else:
        assert milestone.status == "released" and paid == 24_000 and Dispute.objects.count() == 0
    ledger_ok()
