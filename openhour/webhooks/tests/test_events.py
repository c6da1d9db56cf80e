"""Each event comes from the real step, driven through the services, and carries only what its subscriber may see:
a party hears of their own contracts (with their own fees), never of another contract, never the other party's
e-mail, payout details or private notes; an operator's market-wide endpoint hears of everything, public-safe.
Olga is in none of these contracts and hears nothing."""

from datetime import timedelta
from typing import get_args

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from conftest import make_user
from openhour.contracts.disputes.decisions import dispute_decide
from openhour.contracts.disputes.services import dispute_open
from openhour.contracts.services.delivery import milestone_submit
from openhour.jobs.tests.proposal_kit import post, send
from openhour.lib.process import FREELANCER, OPERATOR
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.services import payout_mark_paid, payout_request, payout_send
from openhour.money.services import escrow
from openhour.money.tests.kit import contract_between, top_up
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished
from openhour.webhooks import payloads
from openhour.webhooks.models import SUBSCRIBABLE, Event
from openhour.webhooks.services import events as webhooks
from openhour.webhooks.tests.conftest import hook_for

pytestmark = pytest.mark.django_db

WIRE = {
    "account_holder": "Fred Freelancer",
    "swift": "CHASUS33",
    "account_number": "000123456789",
    "bank_name": "JPMorgan Chase",
    "bank_address": "383 Madison Ave, New York",
    "country": "us",
}


def money(amount, currency="GBP"):
    return {"amount": amount, "currency": currency}


def bodies(receiver):
    return b"".join(request.body for request in receiver.requests)


def funded_and_released(clara, fred, amount=30_000):
    contract = contract_between(clara, fred, amount)
    milestone = contract.milestones.get()
    top_up(clara, amount * 2)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=clara)
    milestone.refresh_from_db()
    return milestone


def test_a_proposal_is_received_by_the_projects_client_only(clara, fred, olga, receiver, committed, run_worker):
    for person in (clara, fred, olga):
        hook_for(person, receiver, "proposal.received")
    project = post(clara)

    proposal = committed(lambda: send(project, fred))
    run_worker()

    (event,) = receiver.events("proposal.received", to="clara")
    assert event["data"] == {
        "proposal": {
            "id": str(proposal.pk),
            "status": "submitted",
            "price": money(60_000),
            "delivery_days": 14,
            "freelancer": {"username": "fred"},
            "created_at": event["data"]["proposal"]["created_at"],
        },
        "project": {"id": str(project.pk), "title": "Django shop"},
    }
    assert receiver.events(to="fred") == receiver.events(to="olga") == []
    assert b"I have built many shops" not in bodies(receiver)  # the cover letter stays behind the API


def test_money_steps_reach_both_parties_each_with_their_own_fees(
    clara, fred, olga, operator, receiver, committed, run_worker, ledger_ok
):
    for person in (clara, fred, olga):
        hook_for(person, receiver)
    hook_for(operator, receiver, scope="market")

    milestone = committed(lambda: funded_and_released(clara, fred))
    run_worker()

    kinds = ["contract.started", "milestone.funded", "milestone.released"]
    for who in ("clara", "fred", "operator"):
        assert [event["type"] for event in receiver.events(to=who)] == kinds, who
    assert receiver.events(to="olga") == []
    (clara_funded,) = receiver.events("milestone.funded", to="clara")
    (fred_funded,) = receiver.events("milestone.funded", to="fred")
    assert clara_funded["data"]["client_fee"] == money(milestone.client_fee) and milestone.client_fee > 0
    assert "client_fee" not in fred_funded["data"]
    (fred_released,) = receiver.events("milestone.released", to="fred")
    assert fred_released["data"]["released"] == money(30_000)
    assert fred_released["data"]["freelancer_fee"] == money(milestone.freelancer_fee)
    assert fred_released["data"]["received"] == money(30_000 - milestone.freelancer_fee)
    assert fred_released["data"]["milestone"]["contract"]["client"] == {"username": "clara"}
    (clara_released,) = receiver.events("milestone.released", to="clara")
    assert set(clara_released["data"]) == {"milestone", "released"}  # the freelancer's fee tier is theirs
    (market_funded,) = receiver.events("milestone.funded", to="operator")
    (market_released,) = receiver.events("milestone.released", to="operator")
    assert set(market_funded["data"]) == {"milestone"} and set(market_released["data"]) == {"milestone", "released"}
    assert b"@example.com" not in bodies(receiver)
    ledger_ok()


def test_a_partys_endpoint_never_hears_of_another_contract(clara, fred, receiver, committed, run_worker, ledger_ok):
    other = make_user("otto", name="Otto Other", freelancer=True)
    hook_for(fred, receiver)

    committed(lambda: funded_and_released(clara, fred))
    theirs = committed(lambda: funded_and_released(clara, other))
    run_worker()

    heard = receiver.events(to="fred")
    assert len(heard) == 3
    contracts = {
        event["data"].get("contract", event["data"].get("milestone", {}).get("contract"))["id"] for event in heard
    }
    assert str(theirs.contract_id) not in contracts and len(contracts) == 1
    assert b"otto" not in bodies(receiver)
    ledger_ok()


def test_delivery_refund_and_dispute_steps_are_told(clara, fred, operator, receiver, committed, run_worker, ledger_ok):
    hook_for(clara, receiver, "milestone.delivered", "milestone.refunded", "dispute.opened", "dispute.decided")
    contract = contract_between(clara, fred, 20_000, 10_000)
    first, second = contract.milestones.order_by("position")
    top_up(clara, 40_000)

    def steps():
        for milestone in (first, second):
            escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
        milestone_submit(milestone_id=first.pk, by=fred, message="Here is the design.")
        dispute = dispute_open(milestone_id=first.pk, by=clara, reason="It is not what we agreed.")
        dispute_decide(dispute_id=dispute.pk, by=operator, release=5_000, decision="A quarter of it is done.")
        escrow.escrow_refund(milestone_id=second.pk, actor=FREELANCER, by=fred)
        return dispute

    dispute = committed(steps)
    run_worker()

    kinds = [event["type"] for event in receiver.events(to="clara")]
    assert kinds == ["milestone.delivered", "dispute.opened", "dispute.decided", "milestone.refunded"]
    (delivered,) = receiver.events("milestone.delivered", to="clara")
    assert delivered["data"]["version"] == 1 and delivered["data"]["milestone"]["status"] == "submitted"
    (decided,) = receiver.events("dispute.decided", to="clara")
    assert decided["data"]["dispute"]["id"] == str(dispute.pk)
    assert decided["data"]["dispute"]["release"] == money(5_000)
    assert decided["data"]["dispute"]["refund"] == money(15_000)
    (refunded,) = receiver.events("milestone.refunded", to="clara")
    assert refunded["data"]["refunded"] == money(10_000)
    assert b"not what we agreed" not in bodies(receiver) and b"Here is the design" not in bodies(receiver)
    ledger_ok()


def test_published_reviews_reach_both_parties_without_the_private_note(
    clara, fred, olga, receiver, committed, run_worker, ledger_ok
):
    for person in (clara, fred, olga):
        hook_for(person, receiver, "review.published")
    contract = finished(clara, fred)

    committed(lambda: review_submit(contract_id=contract.pk, by=clara, data=body(private_note="Between us: slow.")))
    committed(lambda: review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER)))
    run_worker()  # the checks run in the worker, then publish both

    for who in ("clara", "fred"):
        assert sorted(event["data"]["review"]["author_role"] for event in receiver.events(to=who)) == [
            "client",
            "freelancer",
        ]
    assert receiver.events(to="olga") == []
    (by_clara,) = [e for e in receiver.events(to="fred") if e["data"]["review"]["author_role"] == "client"]
    assert by_clara["data"]["review"]["subject"] == {"username": "fred"}
    assert by_clara["data"]["review"]["overall"] == 5
    assert b"Between us" not in bodies(receiver)
    ledger_ok()


def test_a_paid_payout_reaches_its_owner_without_the_account_details(
    clara, fred, olga, operator, receiver, committed, run_worker, ledger_ok
):
    finished(clara, fred)
    hook_for(fred, receiver, "payout.paid")
    hook_for(olga, receiver, "payout.paid")
    method = payout_method_add(owner=fred, kind="wire", details=WIRE)
    payout = payout_request(owner=fred, amount=10_000, currency="GBP", method_id=method.pk)

    with time_machine.travel(timezone.now() + timedelta(days=4)):
        payout_send(payout_id=payout.pk, actor=OPERATOR, by=operator, note="Wired by hand.")
        committed(lambda: payout_mark_paid(payout_id=payout.pk, actor=OPERATOR, by=operator, note="Arrived."))
        run_worker()

    (event,) = receiver.events("payout.paid", to="fred")
    assert event["data"]["payout"]["id"] == str(payout.pk)
    assert event["data"]["payout"]["amount"] == money(10_000)
    assert event["data"]["payout"]["method"] == "wire" and event["data"]["payout"]["status"] == "paid"
    assert receiver.events(to="olga") == []
    assert b"000123456789" not in bodies(receiver) and b"CHASUS33" not in bodies(receiver)
    ledger_ok()


def test_a_step_that_rolls_back_emits_nothing(clara, fred, receiver, committed, ledger_ok):
    hook_for(clara, receiver, "milestone.funded")
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    top_up(clara, 60_000)

    def funding_that_fails():
        with transaction.atomic():
            escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
            raise RuntimeError("something after the funding failed")

    with pytest.raises(RuntimeError):
        committed(funding_that_fails)

    assert not Event.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__startswith="openhour.webhooks").exists()
    ledger_ok()


def test_emitting_an_event_nobody_subscribed_to_costs_no_query(clara, fred, receiver, django_assert_num_queries):
    hook_for(clara, receiver, "proposal.received")
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    webhooks.emit("milestone.released", about=milestone, audience=webhooks.parties(milestone))  # reads the types

    with django_assert_num_queries(0):
        assert webhooks.emit("milestone.released", about=milestone, audience=webhooks.parties(milestone)) == 0
    hook_for(fred, receiver, "milestone.released")
    assert webhooks.emit("milestone.released", about=milestone, audience=webhooks.parties(milestone)) == 1


def test_the_catalogue_the_services_emit_is_the_one_people_subscribe_to():
    subscribable = {value for value, _label in SUBSCRIBABLE}
    assert set(get_args(webhooks.EventName)) == subscribable == set(payloads.BUILDERS)
