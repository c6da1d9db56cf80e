"""The timer worker and the people it races: a timer whose step the state no longer allows does nothing and
never stops the timers after it; a client releasing at the moment the automatic release fires pays once,
with no deadlock (PostgreSQL, real parallel transactions)."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.contracts.models import Milestone, MilestoneTimer
from openhour.contracts.services import contracts, delivery
from openhour.contracts.services.delivery import milestones_fire_due
from openhour.lib.errors import Conflict, DomainError
from openhour.lib.process import timers_fire_due
from openhour.money import ledger
from openhour.money.tests.kit import contract_between, in_parallel, top_up


def delivered(clara, fred) -> Milestone:
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    top_up(clara, 31_500)
    contracts.milestone_fund(milestone_id=milestone.pk, by=clara, method="wallet")
    delivery.milestone_submit(milestone_id=milestone.pk, by=fred, message="Done.")
    return milestone


@pytest.mark.django_db
def test_a_refused_timer_is_used_up_and_the_next_one_still_fires(clara, fred):
    milestone = delivered(clara, fred)
    past = timezone.now() - timedelta(minutes=1)
    first, second = (MilestoneTimer.objects.create(milestone=milestone, action=a, due_at=past) for a in ("x", "y"))
    applied = []

    def fire(timer: MilestoneTimer) -> None:
        applied.append(timer.action)
        if timer.action == "x":
            raise Conflict("The state moved on.", code="milestone_released")

    assert timers_fire_due(timer_model=MilestoneTimer, fire=fire) == 1
    assert applied == ["x", "y"]
    first.refresh_from_db(), second.refresh_from_db()
    assert first.fired_at and second.fired_at  # claimed either way: the refused one is not retried forever
    assert timers_fire_due(timer_model=MilestoneTimer, fire=fire) == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_release_racing_the_automatic_release_pays_once(clara, fred, ledger_ok):
    milestone = delivered(clara, fred)
    tasks = iter([lambda: contracts.milestone_release(milestone_id=milestone.pk, by=clara), milestones_fire_due])
    with time_machine.travel(timezone.now() + timedelta(days=15)):  # the review window has just ended
        results = in_parallel(2, lambda: next(tasks)())
    assert not any(isinstance(r, Exception) and not isinstance(r, DomainError) for r in results), results
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.RELEASED
    assert ledger.wallet(owner=fred, currency="GBP").balance == 24_000  # £300 less the 20% fee, once
    ledger_ok()
