"""The time-sheet panel on an hourly contract's page: the freelancer logs, edits and deletes this week's
lines with plain forms; the client reviews a closed week with its cost and approves or disputes it; nobody
else sees or does any of it."""

from datetime import datetime

import pytest
import time_machine

from openhour.contracts.hourly.models import TimesheetLine, TimesheetWeek
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.money import ledger
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db

MONDAY = datetime.fromisoformat("2026-11-16T09:00:00+00:00")
THURSDAY = datetime.fromisoformat("2026-11-19T15:00:00+00:00")
NEXT_MONDAY = datetime.fromisoformat("2026-11-23T09:00:00+00:00")


@pytest.fixture
def contract(clara, fred):
    with time_machine.travel(MONDAY, tick=False):
        return hourly_contract_between(clara, fred, weekly_limit=10)


def add(browser, contract, day="2026-11-17", hours="2", memo="Checkout fixes"):
    url = f"/contracts/{contract.pk}/timesheet/lines"
    return browser.post(url, {"hl-date": day, "hl-hours": hours, "hl-memo": memo})


def page(browser, contract) -> str:
    answer = browser.get(f"/contracts/{contract.pk}")
    assert answer.status_code == 200
    return answer.content.decode()


@time_machine.travel(THURSDAY, tick=False)
def test_the_freelancer_logs_edits_and_deletes_this_weeks_hours(contract, fred, client_for):
    as_fred = client_for(fred)
    shown = page(as_fred, contract)
    assert "£45 an hour, up to 10 hours a week" in shown and "10 hours left this week" in shown
    assert 'for="id_hl-hours"' in shown and "Log the hours" in shown
    done = add(as_fred, contract, hours="1:30")
    assert done.status_code == 302 and done["Location"].endswith("#timesheet-title")
    shown = page(as_fred, contract)
    assert "8.5 hours left this week" in shown and "Checkout fixes" in shown and "£67.50" in shown
    line = TimesheetLine.objects.get()
    saved = as_fred.post(
        f"/timesheet-lines/{line.pk}/edit",
        {f"line{line.pk}-date": "2026-11-18", f"line{line.pk}-hours": "3", f"line{line.pk}-memo": "Tests"},
    )
    assert saved.status_code == 302
    line.refresh_from_db()
    assert (line.worked_on.isoformat(), line.minutes, line.memo) == ("2026-11-18", 180, "Tests")
    assert as_fred.post(f"/timesheet-lines/{line.pk}/delete").status_code == 302
    assert not TimesheetLine.objects.exists() and "No hours logged yet." in page(as_fred, contract)


@time_machine.travel(THURSDAY, tick=False)
def test_over_the_limit_the_form_comes_back_with_the_hours_left(contract, fred, client_for):
    as_fred = client_for(fred)
    add(as_fred, contract, hours="9")
    refused = add(as_fred, contract, hours="2", memo="More")
    assert refused.status_code == 400
    shown = refused.content.decode()
    assert "Only 1 hours are left this week." in shown and 'value="More"' in shown
    line = TimesheetLine.objects.get()
    edit = as_fred.post(
        f"/timesheet-lines/{line.pk}/edit",
        {f"line{line.pk}-date": "2026-11-17", f"line{line.pk}-hours": "10.5", f"line{line.pk}-memo": "x"},
    )
    assert edit.status_code == 400 and "Only 10 hours are left this week." in edit.content.decode()


def test_a_closed_week_is_a_field_error_on_the_page(contract, fred, client_for):
    as_fred = client_for(fred)
    with time_machine.travel(THURSDAY, tick=False):
        add(as_fred, contract)
    with time_machine.travel(NEXT_MONDAY, tick=False):
        refused = add(as_fred, contract, day="2026-11-20")
        assert refused.status_code == 400 and "That week is closed." in refused.content.decode()
        line = TimesheetLine.objects.get()
        edit = as_fred.post(
            f"/timesheet-lines/{line.pk}/edit",
            {f"line{line.pk}-date": "2026-11-17", f"line{line.pk}-hours": "1", f"line{line.pk}-memo": "x"},
        )
        assert edit.status_code == 400 and "That week is closed." in edit.content.decode()
        assert f"/timesheet-lines/{line.pk}/edit" not in page(as_fred, contract)  # no edit form any more


def in_review(contract, fred, client_for) -> TimesheetWeek:
    with time_machine.travel(THURSDAY, tick=False):
        log(client_for(fred), contract, "2026-11-17", "2", "Checkout fixes")
        log(client_for(fred), contract, "2026-11-18", "1", "Meeting")
    with time_machine.travel(NEXT_MONDAY, tick=False):
        weeks_fire_due()
    return TimesheetWeek.objects.get()


def test_the_client_sees_the_cost_and_approves_on_the_page(contract, clara, fred, client_for, ledger_ok):
    week = in_review(contract, fred, client_for)
    top_up(clara, 20_000)
    shown = page(client_for(clara), contract)
    assert "Review the hours of the week of 16 Nov 2026" in shown
    assert "3 hours × £45" in shown and "£135" in shown  # the hours
    assert "£6.75" in shown and "£141.75" in shown  # the 5% client service fee, and the total
    assert "Fred Freelancer receives" in shown and "£108" in shown  # less the 20% freelancer fee
    assert "approved and charged automatically on 28 Nov 2026, 00:00" in shown
    assert "Approve 3 hours and pay £141.75" in shown and "Dispute the chosen hours" in shown
    assert "Approve 3 hours" not in page(client_for(fred), contract)
    asked = client_for(clara).post(f"/timesheet-weeks/{week.pk}/approve").content.decode()
    assert "Confirm and pay £141.75" in asked and "£108" in asked
    assert ledger.wallet(owner=fred, currency="GBP").balance == 0  # the first click pays nothing
    done = client_for(clara).post(f"/timesheet-weeks/{week.pk}/approve", {"confirm": "yes"}, follow=True)
    assert "the hours are paid to the freelancer" in done.content.decode()
    assert ledger.wallet(owner=fred, currency="GBP").balance == 10_800
    ledger_ok()


def test_the_client_disputes_lines_on_the_page(contract, clara, fred, client_for, ledger_ok):
    week = in_review(contract, fred, client_for)
    meeting = week.lines.get(memo="Meeting")
    form = {f"week{week.pk}-lines": [str(meeting.pk)], f"week{week.pk}-reason": "No meeting was held."}
    refused = client_for(clara).post(f"/timesheet-weeks/{week.pk}/dispute", form)
    assert refused.status_code == 400 and "add £47.25 to your wallet" in refused.content.decode()
    top_up(clara, 20_000)
    done = client_for(clara).post(f"/timesheet-weeks/{week.pk}/dispute", form)
    assert done.status_code == 302
    week.refresh_from_db()
    assert week.status == "disputed" and week.disputed_milestone.status == "disputed"
    shown = page(client_for(fred), contract)
    assert "Some hours of the week of 16 Nov 2026 disputed" in shown and "disputed hours: Disputed" in shown
    ledger_ok()


def test_outsiders_see_nothing_and_the_parties_keep_to_their_roles(contract, clara, fred, olga, client_for, ledger_ok):
    week = in_review(contract, fred, client_for)
    line = week.lines.first()
    as_olga = client_for(olga)
    assert as_olga.get(f"/contracts/{contract.pk}").status_code == 404
    with time_machine.travel(THURSDAY, tick=False):
        assert add(as_olga, contract).status_code == 404
        assert add(client_for(clara), contract).status_code == 403
    assert as_olga.post(f"/timesheet-lines/{line.pk}/delete").status_code == 404
    assert as_olga.post(f"/timesheet-weeks/{week.pk}/approve").status_code == 404
    assert as_olga.post(f"/timesheet-weeks/{week.pk}/dispute", {}).status_code == 404
    assert client_for(fred).post(f"/timesheet-weeks/{week.pk}/approve").status_code == 403
    week.refresh_from_db()
    assert week.status == "in_review"
    ledger_ok()


def test_a_fixed_price_contract_has_no_time_sheet(clara, fred, client_for):
    from openhour.money.tests.kit import contract_between

    fixed = contract_between(clara, fred, 30_000)
    assert "Time sheet" not in page(client_for(fred), fixed)


def test_an_operator_approves_a_week_on_the_page_with_a_reason(contract, clara, fred, operator, client_for, ledger_ok):
    week = in_review(contract, fred, client_for)
    top_up(clara, 20_000)
    as_operator = client_for(operator)
    assert "Reason (operators give one)" in page(as_operator, contract)
    refused = as_operator.post(f"/timesheet-weeks/{week.pk}/approve", follow=True)
    assert "Operators give a written reason." in refused.content.decode()
    as_operator.post(f"/timesheet-weeks/{week.pk}/approve", {"note": "The client asked us by phone."})
    week.refresh_from_db()
    assert week.status == "approved" and week.events.get(action="approve").actor == "operator"
    assert "Hours of the week of 16 Nov 2026 approved" in page(client_for(fred), contract)
    ledger_ok()
