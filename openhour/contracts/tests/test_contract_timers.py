"""Contract deadlines: an unanswered offer lapses; the client is reminded to fund a fixed contract, and one
never funded is cancelled after 30 days (a funded one never is); both parties hear of a milestone's deadline
two days before it while the work is still to be delivered. An ended contract fires nothing."""

from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from django.utils.formats import date_format

from openhour.catalog.models import Order
from openhour.catalog.tests.test_hourlies_services import publish
from openhour.contracts.models import Contract
from openhour.contracts.services.delivery import milestones_fire_due
from openhour.contracts.tests.test_offers_kit import fixed_offer, hourly_offer, post
from openhour.contracts.timers import contracts_fire_due
from openhour.messaging.models import Notification
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def at(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the timer workers at a moment, with e-mails sent as they would be after each commit."""

    @contextmanager
    def moment(when: datetime) -> Any:
        with time_machine.travel(when), django_capture_on_commit_callbacks(execute=True):
            yield

    def fire(when: datetime) -> int:
        with moment(when):
            return contracts_fire_due() + milestones_fire_due()

    return fire


def accepted(clara: Any, fred: Any, client_for: Any, *amounts: int, days: int = 7) -> Contract:
    offer = fixed_offer(clara, fred, *amounts, days=days)
    assert post(client_for(fred), f"/api/v1/contracts/{offer.pk}/accept").status_code == 200
    offer.refresh_from_db()
    return offer


def fund(clara: Any, client_for: Any, contract: Contract, *positions: int) -> None:
    for milestone in contract.milestones.filter(position__in=positions):
        assert post(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund").json()["status"] == "funded"


def subjects(mailoutbox: list[Any], subject: str) -> list[Any]:
    return [mail for mail in mailoutbox if subject in mail.subject]


FUND = "so that Fred Freelancer can start"
DUE = "is due on"


def test_an_unanswered_offer_lapses_after_14_days(clara, fred, client_for, at, mailoutbox):
    offer = fixed_offer(clara, fred)
    start = timezone.now()
    assert at(start + timedelta(days=13)) == 0
    assert at(start + timedelta(days=14, minutes=1)) == 1
    offer.refresh_from_db()
    assert offer.status == "withdrawn"
    lapsed = offer.events.last()
    assert (lapsed.action, lapsed.actor, lapsed.note) == ("expire", "system", "No answer within 14 days.")
    assert mailoutbox[-1].to == [clara.email] and "lapsed without an answer" in mailoutbox[-1].body
    late = post(client_for(fred), f"/api/v1/contracts/{offer.pk}/accept")
    assert (late.status_code, late.json()["error"]["code"]) == (409, "contract_withdrawn")


def test_an_answered_offer_does_not_lapse(clara, fred, client_for, at):
    offer = fixed_offer(clara, fred)
    post(client_for(fred), f"/api/v1/contracts/{offer.pk}/decline")
    assert at(timezone.now() + timedelta(days=15)) == 0
    offer.refresh_from_db()
    assert offer.status == "declined"


def test_the_client_is_reminded_to_fund_then_a_contract_never_funded_is_cancelled(
    clara, fred, client_for, at, mailoutbox
):
    contract = accepted(clara, fred, client_for, 20_000, 10_000)
    start = contract.started_at
    at(start + timedelta(days=2))
    assert subjects(mailoutbox, FUND) == []
    for day, sent in ((3, 1), (9, 1), (10, 2)):
        at(start + timedelta(days=day, minutes=1))
        assert len(subjects(mailoutbox, FUND)) == sent
    reminder = subjects(mailoutbox, FUND)[0]
    assert reminder.to == [clara.email] and "“Part 1”, “Part 2”" in reminder.body
    at(start + timedelta(days=29))
    contract.refresh_from_db()
    assert contract.status == "active"
    at(start + timedelta(days=30, minutes=1))
    contract.refresh_from_db()
    assert (contract.status, contract.outcome, contract.reviewable) == ("ended", "cancelled", False)
    ended = contract.events.last()
    assert (ended.actor, ended.note) == ("system", "Cancelled: nothing was funded within 30 days.")
    told = Notification.objects.filter(kind="contract_cancelled", url=f"/contracts/{contract.pk}")
    assert sorted(told.values_list("user__username", flat=True)) == ["clara", "fred"]
    assert subjects(mailoutbox, "was cancelled") == []  # nothing left to do: it stays in the app


def test_a_funded_contract_is_never_cancelled_and_reminders_stop_once_all_is_funded(
    clara, fred, client_for, at, mailoutbox, ledger_ok
):
    contract = accepted(clara, fred, client_for, 20_000, 10_000)
    start = contract.started_at
    top_up(clara, 40_000)
    fund(clara, client_for, contract, 0)
    at(start + timedelta(days=3, minutes=1))
    assert "“Part 2”" in subjects(mailoutbox, FUND)[0].body and "“Part 1”" not in subjects(mailoutbox, FUND)[0].body
    fund(clara, client_for, contract, 1)
    at(start + timedelta(days=40))
    contract.refresh_from_db()
    assert contract.status == "active" and len(subjects(mailoutbox, FUND)) == 1
    ledger_ok()


def test_a_contract_funded_and_refunded_was_funded_and_stays(clara, fred, client_for, at, ledger_ok):
    contract = accepted(clara, fred, client_for, 20_000, 10_000)
    top_up(clara, 21_000)
    fund(clara, client_for, contract, 0)
    post(client_for(fred), f"/api/v1/milestones/{contract.milestones.get(position=0).pk}/refund")
    at(contract.started_at + timedelta(days=31))
    contract.refresh_from_db()
    assert contract.status == "active"
    ledger_ok()


def test_an_ended_contract_fires_nothing(clara, fred, client_for, at, mailoutbox):
    contract = accepted(clara, fred, client_for, 20_000)
    post(client_for(clara), f"/api/v1/contracts/{contract.pk}/end", {"note": "Not needed."})
    assert at(contract.started_at + timedelta(days=60)) == 0
    assert mailoutbox == []
    contract.refresh_from_db()
    assert contract.events.last().note == "Not needed."


def test_an_hourly_contract_has_no_funding_reminders(clara, fred, client_for, at, mailoutbox):
    offer = hourly_offer(clara, fred)
    post(client_for(fred), f"/api/v1/contracts/{offer.pk}/accept")
    at(timezone.now() + timedelta(days=31))
    offer.refresh_from_db()
    assert offer.status == "active" and subjects(mailoutbox, FUND) == []


def test_an_unpaid_hourlie_order_is_cancelled_with_its_contract(clara, fred, client_for, at, ledger_ok):
    hourlie = publish(fred)
    body = {
        "package": "Basic",
        "requirements": "Fix the login bug.",
        "payment": {"method": "card", "card_token": "tok_3ds"},
    }
    waiting = post(client_for(clara), f"/api/v1/hourlies/{hourlie.pk}/orders", body).json()
    assert waiting["status"] == "awaiting_payment"
    at(timezone.now() + timedelta(days=30, minutes=1))
    order = Order.objects.get()
    assert order.status == "cancelled" and order.contract.status == "ended"
    assert order.events.last().actor == "system"
    ledger_ok()


def test_both_parties_hear_of_a_deadline_two_days_before_it(clara, fred, client_for, at, mailoutbox, ledger_ok):
    contract = accepted(clara, fred, client_for, 20_000, days=7)
    top_up(clara, 21_000)
    fund(clara, client_for, contract, 0)
    start = contract.started_at
    at(start + timedelta(days=4, hours=23))
    assert subjects(mailoutbox, DUE) == []
    at(start + timedelta(days=5, minutes=1))
    due = subjects(mailoutbox, DUE)
    assert sorted(mail.to[0] for mail in due) == [clara.email, fred.email]
    assert f"is due on {date_format(contract.milestones.get().due_on)}" in due[0].body  # as every page says dates
    ledger_ok()


def test_no_deadline_reminder_once_delivered_or_while_unfunded(clara, fred, client_for, at, mailoutbox, ledger_ok):
    contract = accepted(clara, fred, client_for, 20_000, 10_000, days=7)
    top_up(clara, 21_000)
    fund(clara, client_for, contract, 0)
    delivered = contract.milestones.get(position=0)
    sent = client_for(fred).post(f"/api/v1/milestones/{delivered.pk}/submit", {"message": "Done."})
    assert sent.status_code == 200
    at(contract.started_at + timedelta(days=6))
    assert subjects(mailoutbox, DUE) == []  # one delivered, the other never funded
    ledger_ok()


def test_changes_asked_before_the_deadline_still_get_the_reminder(clara, fred, client_for, at, mailoutbox, ledger_ok):
    contract = accepted(clara, fred, client_for, 20_000, days=7)
    top_up(clara, 21_000)
    fund(clara, client_for, contract, 0)
    milestone = contract.milestones.get()
    client_for(fred).post(f"/api/v1/milestones/{milestone.pk}/submit", {"message": "Done."})
    post(client_for(clara), f"/api/v1/milestones/{milestone.pk}/request-changes", {"message": "Bigger logo."})
    at(contract.started_at + timedelta(days=5, minutes=1))
    assert len(subjects(mailoutbox, DUE)) == 2  # one each
    ledger_ok()


def test_a_deadline_too_close_to_remind_of_sets_no_reminder(clara, fred, client_for):
    contract = accepted(clara, fred, client_for, 20_000, days=2)
    assert not contract.milestones.get().timers.filter(action="deadline").exists()
