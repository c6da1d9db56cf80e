"""Real parallel transactions (PostgreSQL): lines logged at once never pass the weekly limit together, and a
week approved by the client while its review window ends is paid once."""

import itertools

import pytest
import time_machine

from openhour.contracts.hourly.lines import line_add
from openhour.contracts.hourly.models import TimesheetLine, TimesheetWeek
from openhour.contracts.hourly.services import week_approve, weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between
from openhour.contracts.models import Milestone
from openhour.lib.errors import DomainError
from openhour.money import ledger
from openhour.money.tests.kit import in_parallel, top_up

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_parallel_lines_never_pass_the_weekly_limit(clara, fred):
    with time_machine.travel("2026-11-18T09:00:00+00:00", tick=False):
        contract = hourly_contract_between(clara, fred, weekly_limit=10)

        def work() -> object:
            return line_add(contract_id=contract.pk, by=fred, worked_on=contract.started_at.date(), hours="6", memo="x")

        results = in_parallel(4, work)
    assert sum(isinstance(r, TimesheetLine) for r in results) == 1
    assert all(isinstance(r, DomainError) and "hours" in r.fields for r in results if not isinstance(r, TimesheetLine))
    assert TimesheetWeek.objects.count() == 1


def test_approval_and_the_end_of_the_review_window_pay_once(clara, fred, ledger_ok):
    with time_machine.travel("2026-11-18T09:00:00+00:00", tick=False):
        contract = hourly_contract_between(clara, fred)
        line_add(contract_id=contract.pk, by=fred, worked_on=contract.started_at.date(), hours="2", memo="x")
    top_up(clara, 50_000)
    with time_machine.travel("2026-11-23T00:00:00+00:00", tick=False):
        weeks_fire_due()
    week = TimesheetWeek.objects.get()
    with time_machine.travel("2026-11-28T00:00:00+00:00", tick=False):
        turns = itertools.count()

        def work() -> object:  # half the workers approve, half run the timers
            return week_approve(week_id=week.pk, by=clara) if next(turns) % 2 else weeks_fire_due()

        results = in_parallel(6, work)
    assert Milestone.objects.count() == 1 and Milestone.objects.get().status == "released"
    assert sum(isinstance(r, TimesheetWeek) for r in results) + sum(r for r in results if isinstance(r, int)) == 1
    assert ledger.wallet(owner=fred, currency="GBP").balance == 7_200
    ledger_ok()
