"""A week closes at the end of Sunday in the contract's own time zone, however far from UTC, and silence
approves it when the review window ends."""

from datetime import datetime

import pytest
import time_machine

from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.money import ledger
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

START = datetime.fromisoformat("2026-11-16T00:00:00+00:00")


def at(when: str):
    return time_machine.travel(datetime.fromisoformat(when), tick=False)


@pytest.mark.parametrize(
    ("zone", "sunday_2330", "local_midnight"),
    [
        # Los Angeles is UTC-8 in November: its Sunday night is Monday morning in UTC.
        ("America/Los_Angeles", "2026-11-23T07:30:00+00:00", "2026-11-23T08:00:00+00:00"),
        # Auckland is UTC+13 in November: its Sunday ends while UTC is still on Sunday.
        ("Pacific/Auckland", "2026-11-22T10:30:00+00:00", "2026-11-22T11:00:00+00:00"),
        ("Europe/London", "2026-11-22T23:30:00+00:00", "2026-11-23T00:00:00+00:00"),
    ],
)
def test_sunday_2330_local_still_counts_and_midnight_local_closes(
    zone, sunday_2330, local_midnight, clara, fred, client_for
):
    with at("2026-11-16T12:00:00+00:00"):
        contract = hourly_contract_between(clara, fred, time_zone=zone)
    as_fred = client_for(fred)
    with at(sunday_2330):
        logged = log(as_fred, contract, "2026-11-22", "0.5", "Late fix")
        assert logged.status_code == 201, logged.content
        assert weeks_fire_due() == 0
        assert TimesheetWeek.objects.get().starts_on.isoformat() == "2026-11-16"
    with at(local_midnight):
        assert log(as_fred, contract, "2026-11-22", "0.25").json()["error"]["fields"] == {
            "date": ["That week is closed."]
        }
        assert weeks_fire_due() == 1
        week = as_fred.get(f"/api/v1/contracts/{contract.pk}/timesheet").json()["weeks"][0]
        assert week["status"] == "in_review" and week["hours"] == "0.5"
        assert datetime.fromisoformat(week["closes_at"]) == datetime.fromisoformat(local_midnight)
        assert log(as_fred, contract, "2026-11-23", "1").status_code == 201  # Monday, local: a new week


def test_silence_approves_after_the_review_window_and_pays_from_the_wallet(clara, fred, client_for, ledger_ok):
    with at("2026-11-16T09:00:00+00:00"):
        contract = hourly_contract_between(clara, fred)
        log(client_for(fred), contract, "2026-11-16", "4")
    top_up(clara, 20_000)
    with at("2026-11-23T00:00:00+00:00"):
        weeks_fire_due()
    week = client_for(clara).get(f"/api/v1/contracts/{contract.pk}/timesheet").json()["weeks"][0]
    assert datetime.fromisoformat(week["review_ends_at"]) == datetime.fromisoformat("2026-11-28T00:00:00+00:00")
    with at("2026-11-27T23:59:00+00:00"):
        assert weeks_fire_due() == 0
    with at("2026-11-28T00:00:00+00:00"):
        assert weeks_fire_due() == 1
    week_row = TimesheetWeek.objects.get()
    assert week_row.status == "approved" and week_row.events.last().actor == "system"
    paid = week_row.approved_milestone
    assert paid is not None and paid.status == "released" and paid.amount == 18_000  # 4 x £45
    assert ledger.wallet(owner=clara, currency="GBP").balance == 20_000 - 18_900  # with the 5% client fee
    assert ledger.wallet(owner=fred, currency="GBP").balance == 14_400  # less the 20% freelancer fee
    ledger_ok()


def test_the_review_timer_stops_once_the_client_answers(clara, fred, client_for, ledger_ok):
    with at("2026-11-16T09:00:00+00:00"):
        contract = hourly_contract_between(clara, fred)
        log(client_for(fred), contract, "2026-11-16", "1")
    top_up(clara, 10_000)
    with at("2026-11-23T00:00:00+00:00"):
        weeks_fire_due()
        week = TimesheetWeek.objects.get()
        client_for(clara).post(f"/api/v1/timesheet-weeks/{week.pk}/approve", {}, content_type="application/json")
    with at("2026-12-10T00:00:00+00:00"):
        assert weeks_fire_due() == 0
    assert ledger.wallet(owner=fred, currency="GBP").balance == 3_600
    ledger_ok()


def test_the_client_is_mailed_when_a_week_waits_and_when_hours_wait_for_payment(
    clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks, ledger_ok
):
    with at("2026-11-16T09:00:00+00:00"):
        contract = hourly_contract_between(clara, fred, time_zone="America/Los_Angeles")
        log(client_for(fred), contract, "2026-11-16", "2.5")
    with at("2026-11-23T08:00:00+00:00"), django_capture_on_commit_callbacks(execute=True):
        weeks_fire_due()
    [review] = mailoutbox
    assert review.to == ["clara@example.com"]
    assert review.subject == "Fred Freelancer’s hours for the week of 16 Nov 2026 wait for your review"
    assert "2.5 hours were logged" in review.body
    assert "by 28 Nov 2026, 00:00 (America/Los_Angeles time)" in review.body
    with at("2026-11-28T08:00:00+00:00"), django_capture_on_commit_callbacks(execute=True):
        weeks_fire_due()  # the wallet is empty: approved, waiting for payment
    assert mailoutbox[-1].subject == "Approved hours “Hours, week of 16 Nov 2026” wait for your payment"
    assert "£112.50 could not be charged to your wallet" in mailoutbox[-1].body
    ledger_ok()
