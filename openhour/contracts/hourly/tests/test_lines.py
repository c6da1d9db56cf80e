"""The freelancer logs hours in the open week: in quarter hours, never for days to come or before the
contract started, never above the weekly limit, never in a closed week; only the freelancer logs."""

from datetime import datetime

import pytest
import time_machine

from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db

MONDAY = datetime.fromisoformat("2026-11-16T09:00:00+00:00")  # London is on UTC in November
THURSDAY = datetime.fromisoformat("2026-11-19T15:00:00+00:00")


@pytest.fixture
def contract(clara, fred):
    with time_machine.travel(MONDAY, tick=False):
        return hourly_contract_between(clara, fred, weekly_limit=10)


@time_machine.travel(THURSDAY, tick=False)
def test_hours_are_logged_as_decimals_or_clock_time_and_shown_in_the_week(contract, fred, client_for):
    as_fred = client_for(fred)
    first = log(as_fred, contract, "2026-11-16", "1.5", "Set up the project")
    assert first.status_code == 201, first.content
    assert first.json() | {"id": "x"} == {
        "id": "x",
        "date": "2026-11-16",
        "hours": "1.5",
        "minutes": 90,
        "memo": "Set up the project",
        "disputed": False,
    }
    assert log(as_fred, contract, "2026-11-19", "2:15").json()["minutes"] == 135
    assert log(as_fred, contract, "2026-11-19", 3).json()["hours"] == "3"
    sheet = as_fred.get(f"/api/v1/contracts/{contract.pk}/timesheet").json()
    [week] = sheet["weeks"]
    assert week["starts_on"] == "2026-11-16" and week["status"] == "open"
    assert week["hours"] == "6.75" and week["amount"] == {"amount": 30_375, "currency": "GBP"}  # 6.75 x £45
    assert week["closes_at"].startswith("2026-11-23T00:00:00")
    assert sheet["this_week"] == {"starts_on": "2026-11-16", "hours_left": "3.25"}


@pytest.mark.parametrize("hours", ["0", "-1", "1.1", "0:20", "25", "many", "nan", "1e9"])
@time_machine.travel(THURSDAY, tick=False)
def test_hours_must_be_positive_quarter_hours(hours, contract, fred, client_for):
    refused = log(client_for(fred), contract, "2026-11-17", hours)
    assert refused.status_code == 400
    assert "hours" in refused.json()["error"]["fields"]


@time_machine.travel(THURSDAY, tick=False)
def test_no_hours_for_days_to_come_or_before_the_start_and_a_memo_is_needed(contract, fred, client_for):
    as_fred = client_for(fred)
    assert "date" in log(as_fred, contract, "2026-11-20").json()["error"]["fields"]  # tomorrow
    assert "date" in log(as_fred, contract, "2026-11-15").json()["error"]["fields"]  # before work started
    fields = log(as_fred, contract, "2026-11-17", memo="  ").json()["error"]["fields"]
    assert list(fields) == ["memo"]


@time_machine.travel(THURSDAY, tick=False)
def test_the_weekly_limit_is_a_field_error_naming_the_hours_left(contract, fred, client_for):
    as_fred = client_for(fred)
    assert log(as_fred, contract, "2026-11-16", "8.5").status_code == 201
    refused = log(as_fred, contract, "2026-11-17", "2")
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"] == {"hours": ["Only 1.5 hours are left this week."]}
    assert log(as_fred, contract, "2026-11-17", "1.5").status_code == 201
    assert log(as_fred, contract, "2026-11-18", "0.25").json()["error"]["fields"]["hours"] == [
        "Only 0 hours are left this week."
    ]


def test_a_closed_week_takes_no_new_lines_and_no_changes(contract, fred, client_for):
    as_fred = client_for(fred)
    with time_machine.travel(THURSDAY, tick=False):
        line = log(as_fred, contract, "2026-11-17").json()
    with time_machine.travel("2026-11-23T00:01:00+00:00", tick=False):  # Sunday has ended in London
        refused = log(as_fred, contract, "2026-11-22")
        assert refused.status_code == 400
        assert refused.json()["error"]["fields"] == {"date": ["That week is closed."]}
        edit = as_fred.patch(f"/api/v1/timesheet-lines/{line['id']}", {"hours": "1"}, content_type="application/json")
        assert edit.json()["error"]["fields"] == {"date": ["That week is closed."]}
        assert as_fred.delete(f"/api/v1/timesheet-lines/{line['id']}").status_code == 400
        assert log(as_fred, contract, "2026-11-23").status_code == 201  # the new week is open


@time_machine.travel(THURSDAY, tick=False)
def test_open_lines_are_edited_and_deleted_and_an_empty_week_goes(contract, fred, client_for):
    as_fred = client_for(fred)
    line = log(as_fred, contract, "2026-11-17", "2").json()
    url = f"/api/v1/timesheet-lines/{line['id']}"
    changed = as_fred.patch(url, {"hours": "9.5", "memo": "Checkout and tests"}, content_type="application/json")
    assert changed.json() | {"id": "x"} == {
        "id": "x",
        "date": "2026-11-17",
        "hours": "9.5",
        "minutes": 570,
        "memo": "Checkout and tests",
        "disputed": False,
    }
    over = as_fred.patch(url, {"hours": "10.25"}, content_type="application/json")
    assert over.json()["error"]["fields"] == {"hours": ["Only 10 hours are left this week."]}
    assert as_fred.patch(url, {"date": "2026-11-20"}, content_type="application/json").status_code == 400
    assert as_fred.delete(url).status_code == 204
    assert as_fred.get(f"/api/v1/contracts/{contract.pk}/timesheet").json()["weeks"] == []


@time_machine.travel(THURSDAY, tick=False)
def test_only_the_freelancer_logs_and_outsiders_see_nothing(contract, clara, fred, olga, operator, client_for):
    assert log(client_for(clara), contract, "2026-11-17").status_code == 403
    assert log(client_for(operator), contract, "2026-11-17").status_code == 403
    assert log(client_for(olga), contract, "2026-11-17").status_code == 404
    assert client_for(olga).get(f"/api/v1/contracts/{contract.pk}/timesheet").status_code == 404
    line = log(client_for(fred), contract, "2026-11-17").json()
    url = f"/api/v1/timesheet-lines/{line['id']}"
    assert client_for(olga).patch(url, {"hours": "1"}, content_type="application/json").status_code == 404
    assert client_for(olga).delete(url).status_code == 404
    assert client_for(clara).delete(url).status_code == 403
    assert client_for(clara).get(f"/api/v1/contracts/{contract.pk}/timesheet").json()["weeks"][0]["hours"] == "2"


@time_machine.travel(THURSDAY, tick=False)
def test_fixed_price_and_ended_contracts_take_no_hours(clara, fred, client_for):
    fixed = contract_between(clara, fred, 30_000)
    assert log(client_for(fred), fixed, "2026-11-17").json()["error"]["code"] == "contract_fixed"
    assert client_for(fred).get(f"/api/v1/contracts/{fixed.pk}/timesheet").status_code == 409
    ended = hourly_contract_between(clara, fred)
    client_for(clara).post(f"/api/v1/contracts/{ended.pk}/end", {}, content_type="application/json")
    assert log(client_for(fred), ended, "2026-11-19").json()["error"]["code"] == "contract_ended"
