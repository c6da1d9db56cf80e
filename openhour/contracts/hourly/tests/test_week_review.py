"""Who may take which step of a time-sheet week from which state: every (state, action, actor)."""

from datetime import datetime

import pytest
import time_machine

from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

MONDAY = datetime.fromisoformat("2026-11-16T09:00:00+00:00")
THURSDAY = datetime.fromisoformat("2026-11-19T15:00:00+00:00")
NEXT_TUESDAY = datetime.fromisoformat("2026-11-24T10:00:00+00:00")  # the week of 16 Nov is in review


def week_in(state: str, clara, fred, client_for) -> TimesheetWeek:
    """A week of two lines (2h and 1h at £45) brought to `state` through the product's own steps."""
    with time_machine.travel(MONDAY, tick=False):
        contract = hourly_contract_between(clara, fred)
    with time_machine.travel(THURSDAY, tick=False):
        log(client_for(fred), contract, "2026-11-17", "2")
        log(client_for(fred), contract, "2026-11-18", "1")
    week = TimesheetWeek.objects.get()
    top_up(clara, 50_000)
    if state != "open":
        with time_machine.travel(NEXT_TUESDAY, tick=False):
            weeks_fire_due()
    if state == "approved":
        approve(client_for(clara), week)
    if state == "disputed":
        dispute(client_for(clara), week)
    week.refresh_from_db()
    assert week.status == state
    return week


def approve(browser, week, note=""):
    return browser.post(f"/api/v1/timesheet-weeks/{week.pk}/approve", {"note": note}, content_type="application/json")


def dispute(browser, week):
    line = week.lines.order_by("id").first()
    body = {"lines": [line.pk], "reason": "I did not ask for this work."}
    return browser.post(f"/api/v1/timesheet-weeks/{week.pk}/dispute", body, content_type="application/json")


STATES = ["open", "in_review", "approved", "disputed"]
ALLOWED = {
    ("in_review", "approve", "clara"): 200,
    ("in_review", "approve", "operator"): 200,
    ("in_review", "dispute", "clara"): 200,
    ("in_review", "approve", "fred"): 403,
    ("in_review", "dispute", "fred"): 403,
    ("in_review", "dispute", "operator"): 403,
}
TABLE = [
    (state, action, who, ALLOWED.get((state, action, who), 404 if who == "olga" else 409))
    for state in STATES
    for action in ("approve", "dispute")
    for who in ("clara", "fred", "operator", "olga")
]


@pytest.mark.parametrize(("state", "action", "who", "expected"), TABLE)
def test_every_state_action_and_actor(state, action, who, expected, clara, fred, olga, operator, client_for, ledger_ok):
    week = week_in(state, clara, fred, client_for)
    browser = client_for({"clara": clara, "fred": fred, "operator": operator, "olga": olga}[who])
    answer = approve(browser, week, note="Checked with both") if action == "approve" else dispute(browser, week)
    assert answer.status_code == expected, answer.content
    if expected == 409:
        assert answer.json()["error"]["code"] == f"timesheetweek_{state}"
    week.refresh_from_db()
    assert week.status == ({"approve": "approved", "dispute": "disputed"}[action] if expected == 200 else state)
    ledger_ok()


def test_an_operator_approves_only_with_a_reason(clara, fred, operator, client_for, ledger_ok):
    week = week_in("in_review", clara, fred, client_for)
    refused = approve(client_for(operator), week)
    assert refused.status_code == 400 and "note" in refused.json()["error"]["fields"]
    ledger_ok()


def test_only_the_system_closes_a_week_at_the_end_of_sunday(clara, fred, client_for):
    week = week_in("open", clara, fred, client_for)
    with time_machine.travel("2026-11-22T23:59:00+00:00", tick=False):
        assert weeks_fire_due() == 0
    with time_machine.travel("2026-11-23T00:00:00+00:00", tick=False):
        assert weeks_fire_due() == 1
        assert weeks_fire_due() == 0  # a timer fires once
    week.refresh_from_db()
    assert week.status == "in_review"
    assert [(e.action, e.actor) for e in week.events.all()] == [("open", "freelancer"), ("close", "system")]
