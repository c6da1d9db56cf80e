"""The contract page of an hourly contract reads its time sheet in a fixed number of queries, however many
weeks it has."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.hourly.services import week_approve, weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

START = datetime.fromisoformat("2026-09-07T09:00:00+00:00")  # a Monday


def paid_weeks(contract, clara, fred, client_for, count: int, first: int = 0) -> None:
    """`count` weeks of two lines each, closed, approved and paid."""
    for n in range(first, first + count):
        wednesday = START + timedelta(weeks=n, days=2)
        with time_machine.travel(wednesday, tick=False):
            for day in (wednesday - timedelta(days=1), wednesday):
                assert log(client_for(fred), contract, day.date().isoformat(), "1.5").status_code == 201
        with time_machine.travel(wednesday + timedelta(days=5), tick=False):
            weeks_fire_due()
            week_approve(week_id=TimesheetWeek.objects.get(contract=contract, status="in_review").pk, by=clara)


def queries(browser, contract) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(f"/contracts/{contract.pk}").status_code == 200
    return len(captured)


LATER = START + timedelta(weeks=12, days=2)  # a Wednesday


def contract_with(paid: int, clara, fred, client_for):
    """`paid` weeks paid, then last week in review and this week open."""
    with time_machine.travel(START, tick=False):
        contract = hourly_contract_between(clara, fred)
    paid_weeks(contract, clara, fred, client_for, paid)
    with time_machine.travel(LATER - timedelta(weeks=1), tick=False):
        log(client_for(fred), contract, (LATER - timedelta(weeks=1)).date().isoformat(), "2")
    with time_machine.travel(LATER, tick=False):
        weeks_fire_due()
        log(client_for(fred), contract, LATER.date().isoformat(), "2")
    return contract


def test_the_page_does_not_grow_with_the_number_of_weeks(clara, fred, client_for, ledger_ok):
    top_up(clara, 1_000_000)
    few, many = contract_with(1, clara, fred, client_for), contract_with(6, clara, fred, client_for)
    assert [w.status for w in TimesheetWeek.objects.filter(contract=many)][:2] == ["open", "in_review"]
    with time_machine.travel(LATER, tick=False):
        for who in (clara, fred):
            assert queries(client_for(who), many) == queries(client_for(who), few), who
    ledger_ok()
