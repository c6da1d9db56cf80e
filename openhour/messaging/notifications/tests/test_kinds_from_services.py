"""Each kind of notification comes from the real service that takes the step, reaches the right person
(never the one who acted), and is e-mailed by default only when it needs that person to act."""

import pytest
import time_machine

from openhour.contracts.change_orders.services import change_order_accept
from openhour.contracts.change_orders.tests.helpers import ADD, funded_contract, propose
from openhour.contracts.disputes.decisions import dispute_decide
from openhour.contracts.disputes.services import dispute_open
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
from openhour.contracts.services import contracts, delivery, offers
from openhour.jobs.services.projects import invitation_send
from openhour.jobs.services.proposals import proposal_accept, proposal_decline
from openhour.jobs.tests.proposal_kit import post, send
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.services import payout_mark_failed, payout_request, payout_send
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def test_a_proposal_tells_the_client_and_hiring_tells_the_freelancer(
    clara, fred, notices, notice_mail, django_capture_on_commit_callbacks
):
    project = post(clara)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send(project_id=project.pk, freelancer_username="fred", by=clara)
        proposal = send(project, fred)
        proposal_accept(proposal_id=proposal.pk, by=clara)

    assert notices(clara) == [("proposal_received", "Fred Freelancer sent a proposal for “Django shop”")]
    assert notices(fred) == [
        ("invited", "Clara Client invited you to send a proposal for “Django shop”"),
        ("hired", "Clara Client hired you for “Django shop”"),
    ]
    assert [m.subject for m in notice_mail(clara)] == ["Fred Freelancer sent a proposal for “Django shop”"]
    assert len(notice_mail(fred)) == 2  # both need him to act


def test_a_declined_proposal_is_told_in_the_app_only(clara, fred, olga, notices, notice_mail):
    project = post(clara)
    proposal = send(project, fred)
    proposal_decline(proposal_id=proposal.pk, by=clara, reason="We chose a local studio.")

    assert notices(fred) == [("proposal_declined", "Your proposal for “Django shop” was declined")]
    assert notice_mail(fred) == []
    assert notices(olga) == []


def test_an_offer_and_its_answer(clara, fred, notices):
    contract = offers.offer_create(
        client=clara,
        to="fred",
        title="Logo",
        message="Can you start Monday?",
        currency="GBP",
        milestones=[{"title": "Logo", "amount": 20_000, "due_in_days": 7}],
    )
    offers.offer_accept(contract_id=contract.pk, by=fred)

    assert notices(fred) == [("offer_received", "Clara Client offers you a contract: “Logo”")]
    assert notices(clara) == [("offer_answered", "Fred Freelancer accepted your offer “Logo”")]


def test_the_milestone_steps_reach_the_other_party(clara, fred, notices, ledger_ok):
    contract = contract_between(clara, fred, 30_000, 20_000)
    first, second = contract.milestones.order_by("pk")
    top_up(clara, 60_000)
    contracts.milestone_fund(milestone_id=first.pk, by=clara, method="wallet")
    delivery.milestone_submit(milestone_id=first.pk, by=fred, message="The designs.")
    delivery.milestone_request_changes(milestone_id=first.pk, by=clara, message="A darker blue, please.")
    delivery.milestone_submit(milestone_id=first.pk, by=fred, message="Darker.")
    contracts.milestone_release(milestone_id=first.pk, by=clara)
    contracts.milestone_fund(milestone_id=second.pk, by=clara, method="wallet")
    contracts.milestone_refund(milestone_id=second.pk, by=fred, note="I cannot do this part.")

    assert [kind for kind, _title in notices(fred)] == [
        "hired",
        "milestone_funded",
        "changes_requested",
        "milestone_released",
        "milestone_funded",
    ]
    assert notices(clara) == [
        ("milestone_delivered", "Fred Freelancer delivered “Part 1”: please review it"),
        ("milestone_delivered", "Fred Freelancer delivered “Part 1”: please review it"),
        ("milestone_refunded", "“Part 2” of “Shop redesign” was refunded to you"),
    ]
    ledger_ok()


def test_change_orders_and_disputes(clara, fred, operator, client_for, notices, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000)
    order_id = propose(client_for(fred), contract, ADD).json()["id"]
    change_order_accept(change_order_id=order_id, by=clara)
    milestone = contract.milestones.order_by("pk").first()
    dispute = dispute_open(milestone_id=milestone.pk, by=clara, reason="Nothing was delivered.")
    dispute_decide(dispute_id=dispute.pk, by=operator, release=0, decision="Nothing was delivered: refund.")

    assert notices(clara)[0] == ("change_order_proposed", "Fred Freelancer proposes a change to “Shop redesign”")
    assert ("change_order_answered", "Clara Client accepted your change to “Shop redesign”") in notices(fred)
    assert ("dispute_opened", "Clara Client opened a dispute on “Part 1”: give your side") in notices(fred)
    decided = ("dispute_decided", "The dispute on “Part 1” is decided")
    assert decided in notices(clara) and decided in notices(fred)
    assert not any(kind == "dispute_opened" for kind, _title in notices(clara))
    ledger_ok()


def test_payouts_sent_and_failed(fred, notices, ledger_ok):
    top_up(fred, 50_000)
    method = payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})
    first = payout_request(owner=fred, amount=20_000, currency="GBP", method_id=method.pk)
    payout_send(payout_id=first.pk, actor="system")
    payout_mark_failed(payout_id=first.pk, reason="Account closed", actor="system")

    assert notices(fred) == [
        ("payout_sent", "Your payout of £200 is on its way"),
        ("payout_failed", "Your payout of £200 failed: the money is back in your wallet"),
    ]
    ledger_ok()


def test_a_closed_week_of_hours_asks_the_client_to_review(clara, fred, client_for, notices):
    with time_machine.travel("2026-11-16T09:00:00+00:00", tick=False):
        contract = hourly_contract_between(clara, fred)
        assert log(client_for(fred), contract, "2026-11-16", "4").status_code == 201
    with time_machine.travel("2026-11-23T00:00:00+00:00", tick=False):
        assert weeks_fire_due() == 1

    assert notices(clara) == [
        ("hours_to_review", "Fred Freelancer’s hours for the week of 16 Nov 2026 wait for your review")
    ]
