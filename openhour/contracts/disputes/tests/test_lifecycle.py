"""A dispute from opening to settlement: both sides make their case, an operator decides a split with a
written decision both see, and the money moves only when the appeal window has passed — or at once when a
different operator decides an appeal."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.services import disputes_fire_due
from openhour.contracts.disputes.tests.kit import appeal, decide, funded, open_dispute, state, withdraw
from openhour.money import ledger

pytestmark = pytest.mark.django_db


def _wallet(user) -> int:
    return ledger.wallet(owner=user, currency="GBP").balance


def test_a_split_decided_by_an_operator_moves_the_money_after_the_appeal_window(
    clara, fred, operator, client_for, ledger_ok
):
    milestone = funded(clara, fred, delivered=True)
    opened = open_dispute(client_for(clara), milestone)
    assert opened.status_code == 201, opened.content
    body = opened.json()
    assert body["status"] == "open" and body["opened_by"] == "client" and body["held"]["amount"] == 30_000
    assert body["respond_by"] and body["statements"][0]["text"] == "The work is not what we agreed."
    milestone.refresh_from_db()
    assert milestone.status == "disputed"
    assert state(client_for(fred), body["id"], "I delivered everything asked.").status_code == 201

    decided = decide(client_for(operator), int(body["id"]), 12_000, "Half the pages were missing.").json()
    assert decided["status"] == "decided" and decided["appeal_until"]
    for person in (clara, fred):
        seen = client_for(person).get(f"/api/v1/disputes/{body['id']}").json()["decision"]
        assert seen["release"]["amount"] == 12_000 and seen["refund"]["amount"] == 18_000
        assert seen["decision"] == "Half the pages were missing." and seen["by"] == "operator"
    assert (_wallet(clara), _wallet(fred)) == (0, 0)  # nothing moves before the window ends

    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        assert disputes_fire_due() == 1
    dispute = Dispute.objects.get()
    milestone.refresh_from_db()
    assert dispute.status == "settled" and milestone.status == "split"
    assert _wallet(fred) == 9_600  # £120 less the 20% fee
    assert _wallet(clara) == 18_900  # £180 back, with the matching share of her £15 fee
    ledger_ok()


def test_an_appeal_goes_to_a_different_operator_whose_decision_is_final_and_pays_at_once(
    clara, fred, operator, client_for, ledger_ok
):
    from conftest import make_user

    second = make_user("otto", name="Otto Operator", is_staff=True)
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(fred), milestone, "The client will not pay for finished work.").json()["id"])
    decide(client_for(operator), pk, 0, "No delivery was ever made.")
    assert appeal(client_for(fred), pk).json()["status"] == "appealed"
    assert appeal(client_for(fred), pk).status_code == 409  # one appeal only

    same = decide(client_for(operator), pk, 30_000, "On reflection, pay it all.")
    assert same.status_code == 403  # the first decider does not hear the appeal
    final = decide(client_for(second), pk, 30_000, "The work was sent by e-mail: pay it all.").json()
    assert final["status"] == "settled" and final["decision"]["final"] is True
    assert final["first_decision"]["release"]["amount"] == 0
    assert _wallet(fred) == 24_000
    again = client_for(second).post(f"/api/v1/disputes/{pk}/decide", {}, content_type="application/json")
    assert again.status_code in (400, 422)
    ledger_ok()


def test_the_whole_amount_to_either_side_releases_or_refunds(clara, fred, operator, client_for, ledger_ok):
    for release, status in ((30_000, "released"), (0, "refunded")):
        Dispute.objects.all().delete()
        milestone = funded(clara, fred)
        pk = int(open_dispute(client_for(clara), milestone).json()["id"])
        state(client_for(fred), pk)
        decide(client_for(operator), pk, release, "Decided on the evidence.")
        with time_machine.travel(timezone.now() + timedelta(days=4)):
            disputes_fire_due()
        milestone.refresh_from_db()
        assert milestone.status == status and milestone.events.last().actor == "system"
    ledger_ok()


def test_a_decision_outside_what_is_held_is_refused(clara, fred, operator, client_for, ledger_ok):
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(clara), milestone).json()["id"])
    for release in (-1, 30_001):
        refused = decide(client_for(operator), pk, release)
        assert refused.status_code == 400 and "release" in refused.json()["error"]["fields"]
    assert decide(client_for(operator), pk, 100, " ").status_code in (400, 422)
    assert Dispute.objects.get().status == "open"
    ledger_ok()


def test_withdrawing_resumes_the_review_with_the_time_it_had_left(clara, fred, client_for, ledger_ok):
    from openhour.contracts.services.delivery import milestones_fire_due

    milestone = funded(clara, fred, delivered=True)
    start = timezone.now()
    with time_machine.travel(start + timedelta(days=8)):
        assert milestones_fire_due() == 1  # the day-7 reminder
    with time_machine.travel(start + timedelta(days=10)):
        pk = int(open_dispute(client_for(clara), milestone).json()["id"])
    with time_machine.travel(start + timedelta(days=30)):
        assert milestones_fire_due() == 0  # paused: nothing is released during the dispute
        assert withdraw(client_for(fred), pk).status_code == 403  # only the opener withdraws
        assert withdraw(client_for(clara), pk).json()["status"] == "withdrawn"
    milestone.refresh_from_db()
    assert milestone.status == "submitted"
    with time_machine.travel(start + timedelta(days=33, hours=23)):
        assert milestones_fire_due() == 1  # the day-12 reminder, two days after resuming
        milestone.refresh_from_db()
        assert milestone.status == "submitted"
    with time_machine.travel(start + timedelta(days=34, minutes=5)):
        assert milestones_fire_due() == 1  # the four days left of the 14
    milestone.refresh_from_db()
    assert milestone.status == "released"
    ledger_ok()


def test_withdrawing_a_dispute_on_funded_work_returns_it_to_funded(clara, fred, operator, client_for, ledger_ok):
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(fred), milestone).json()["id"])
    assert withdraw(client_for(operator), pk).status_code == 400  # operators give a reason
    assert withdraw(client_for(operator), pk, "Settled between them by message.").json()["status"] == "withdrawn"
    milestone.refresh_from_db()
    assert milestone.status == "funded"
    again = open_dispute(client_for(clara), milestone)  # a new dispute may follow a withdrawn one
    assert again.status_code == 201
    ledger_ok()


def test_one_live_dispute_per_milestone(clara, fred, client_for, ledger_ok):
    milestone = funded(clara, fred)
    open_dispute(client_for(clara), milestone)
    second = open_dispute(client_for(fred), milestone)
    assert (second.status_code, second.json()["error"]["code"]) == (409, "milestone_disputed")
    assert Dispute.objects.count() == 1
    ledger_ok()


def test_opening_works_inside_a_callers_transaction(clara, fred, ledger_ok):
    """Disputed hours: the week is funded and disputed in one transaction, as the time sheet does."""
    from django.db import transaction

    from openhour.contracts.disputes.services import dispute_open
    from openhour.money.services import escrow
    from openhour.money.tests.kit import contract_between, top_up

    milestone = contract_between(clara, fred, 9_000).milestones.get()
    top_up(clara, 9_450)
    with transaction.atomic():
        escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
        dispute = dispute_open(milestone_id=milestone.pk, by=clara, reason="Ten of these hours were not worked.")
    assert dispute.held == 9_000 and dispute.milestone_status_before == "funded"
    milestone.refresh_from_db()
    assert milestone.status == "disputed"
    ledger_ok()
