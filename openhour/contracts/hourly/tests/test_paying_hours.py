"""Approved hours are charged to the client's wallet and released to the freelancer at once; when the wallet
is short they wait for the client to pay them (wallet or card), and disputed hours are held in escrow."""

from datetime import datetime

import pytest
import time_machine

from openhour.contracts.hourly.models import TimesheetWeek
from openhour.contracts.hourly.selectors import actions_for
from openhour.contracts.hourly.services import amount_for, weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.contracts.models import Milestone
from openhour.contracts.services.contracts import milestone_fund
from openhour.money import ledger
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


def week_in_review(clara, fred, client_for, *hours: str, rate: int = 4500) -> TimesheetWeek:
    with time_machine.travel("2026-11-16T09:00:00+00:00", tick=False):
        contract = hourly_contract_between(clara, fred, rate=rate)
    with time_machine.travel("2026-11-22T12:00:00+00:00", tick=False):
        for day, amount in enumerate(hours or ("2",), start=16):
            assert log(client_for(fred), contract, f"2026-11-{day}", amount).status_code == 201
    with time_machine.travel("2026-11-23T00:00:00+00:00", tick=False):
        weeks_fire_due()
    return TimesheetWeek.objects.get()


def approve(browser, week):
    return browser.post(f"/api/v1/timesheet-weeks/{week.pk}/approve", {}, content_type="application/json")


def test_the_amount_is_rounded_half_up_once():
    assert amount_for(15, 4502) == 1126  # 1125.5 -> 1126
    assert amount_for(45, 3333) == 2500  # 2499.75 -> 2500
    assert amount_for(90, 4500) == 6750


def test_approved_hours_are_paid_from_the_wallet_net_of_the_fee(clara, fred, client_for, ledger_ok):
    week = week_in_review(clara, fred, client_for, "2", "1.25")
    top_up(clara, 20_000)
    answer = approve(client_for(clara), week).json()
    assert answer["status"] == "approved" and answer["approved_milestone"]["status"] == "released"
    paid = Milestone.objects.get()
    assert (paid.title, paid.amount, paid.release_on_funding) == ("Hours, week of 16 Nov 2026", 14_625, True)
    assert ledger.wallet(owner=clara, currency="GBP").balance == 20_000 - 14_625 - 731  # 5% fee, half-up
    assert ledger.wallet(owner=fred, currency="GBP").balance == 11_700  # 80% of £146.25
    assert actions_for(user=clara) == []
    ledger_ok()


def test_a_short_wallet_leaves_the_hours_approved_and_waiting_for_a_card(clara, fred, client_for, ledger_ok):
    week = week_in_review(clara, fred, client_for, "2")
    [review] = actions_for(user=clara)
    assert review.kind == "approve_hours" and review.due_at == datetime.fromisoformat("2026-11-28T00:00:00+00:00")
    top_up(clara, 5_000)  # less than the £94.50 the hours cost
    answer = approve(client_for(clara), week).json()
    assert answer["status"] == "approved" and answer["approved_milestone"]["status"] == "awaiting_funding"
    assert ledger.wallet(owner=clara, currency="GBP").balance == 5_000
    [pay] = actions_for(user=clara)
    assert pay.kind == "pay_hours" and "Pay approved hours" in pay.title
    assert actions_for(user=fred) == []
    milestone = Milestone.objects.get()
    shown = client_for(clara).get(f"/contracts/{week.contract_id}").content.decode()
    assert "wait for your payment" in shown and f'href="#fund-{milestone.pk}">Pay approved hours' in shown
    assert f'id="fund-{milestone.pk}"' in shown  # the contract page's usual fund form

    funding = milestone_fund(milestone_id=milestone.pk, by=clara, method="card", card_token="tok_visa")
    assert funding.milestone.status == "released"  # hours are paid as soon as they are funded
    assert ledger.wallet(owner=fred, currency="GBP").balance == 7_200
    assert ledger.wallet(owner=clara, currency="GBP").balance == 5_000
    assert actions_for(user=clara) == []
    ledger_ok()


def test_silence_with_a_short_wallet_still_approves(clara, fred, client_for, ledger_ok):
    week = week_in_review(clara, fred, client_for, "2")
    with time_machine.travel("2026-11-28T00:00:00+00:00", tick=False):
        assert weeks_fire_due() == 1
    week.refresh_from_db()
    assert week.status == "approved" and week.approved_milestone.status == "awaiting_funding"
    top_up(clara, 9_450)
    paid = client_for(clara).post(
        f"/milestones/{week.approved_milestone.pk}/fund",
        {f"m{week.approved_milestone.pk}-method": "wallet", "confirm": "yes"},  # as from the confirmation page
    )
    assert paid.status_code == 302
    week.approved_milestone.refresh_from_db()
    assert week.approved_milestone.status == "released"
    ledger_ok()


def test_disputed_lines_are_held_in_escrow_and_the_rest_is_paid(clara, fred, client_for, ledger_ok):
    from openhour.contracts.disputes.models import Dispute

    week = week_in_review(clara, fred, client_for, "2", "1")
    _first, second = week.lines.order_by("worked_on")
    top_up(clara, 20_000)
    body = {"lines": [str(second.pk)], "reason": "This was not agreed."}
    answer = client_for(clara).post(f"/api/v1/timesheet-weeks/{week.pk}/dispute", body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    out = answer.json()
    assert out["status"] == "disputed" and out["disputed_minutes"] == 60
    assert [line["disputed"] for line in out["lines"]] == [False, True]
    assert out["approved_milestone"]["status"] == "released" and out["disputed_milestone"]["status"] == "disputed"
    held = Milestone.objects.get(pk=out["disputed_milestone"]["id"])
    assert (held.title, held.amount, held.release_on_funding) == ("Disputed hours, week of 16 Nov 2026", 4_500, False)
    assert Dispute.objects.get().milestone == held
    assert ledger.wallet(owner=fred, currency="GBP").balance == 7_200  # the 2 undisputed hours, net
    assert ledger.wallet(owner=clara, currency="GBP").balance == 20_000 - 9_450 - 4_725
    ledger_ok()


def test_a_dispute_the_wallet_cannot_hold_is_refused_and_changes_nothing(clara, fred, client_for, ledger_ok):
    week = week_in_review(clara, fred, client_for, "2", "1")
    top_up(clara, 1_000)
    body = {"lines": [week.lines.first().pk], "reason": "Too many hours."}
    answer = client_for(clara).post(f"/api/v1/timesheet-weeks/{week.pk}/dispute", body, content_type="application/json")
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "insufficient_funds"
    assert "add £" in answer.json()["error"]["message"]
    week.refresh_from_db()
    assert week.status == "in_review" and not week.lines.filter(disputed=True).exists()
    assert not Milestone.objects.exists()
    assert ledger.wallet(owner=clara, currency="GBP").balance == 1_000
    ledger_ok()


def test_a_dispute_needs_lines_of_this_week_and_a_reason(clara, fred, client_for, ledger_ok):
    week = week_in_review(clara, fred, client_for, "2")
    top_up(clara, 20_000)
    url = f"/api/v1/timesheet-weeks/{week.pk}/dispute"
    refused = client_for(clara).post(url, {"lines": [999_999], "reason": " "}, content_type="application/json")
    assert refused.status_code == 400
    assert set(refused.json()["error"]["fields"]) == {"lines", "reason"}
    week.refresh_from_db()
    assert week.status == "in_review"
    ledger_ok()


def test_only_the_client_is_asked_to_pay_approved_hours_on_the_page(clara, fred, operator, client_for, ledger_ok):
    week = week_in_review(clara, fred, client_for, "2")
    approve(client_for(clara), week)  # an empty wallet: the hours wait for payment
    assert "wait for your payment" in client_for(clara).get(f"/contracts/{week.contract_id}").content.decode()
    for person in (fred, operator):
        shown = client_for(person).get(f"/contracts/{week.contract_id}").content.decode()
        assert "wait for your payment" not in shown and "Pay approved hours" not in shown
    ledger_ok()
