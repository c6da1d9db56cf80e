"""What people hear of change orders: the other party is asked to answer, the proposer hears the answer, the
client is asked to fund added milestones; and deadline reminders follow due dates a change order moves."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.contracts.change_orders.tests.helpers import ADD, answer, funded_contract, propose
from openhour.contracts.models import MilestoneTimer
from openhour.contracts.services.delivery import milestones_fire_due
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


def test_the_other_party_is_asked_and_the_proposer_hears_back(
    clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    contract = contract_between(clara, fred, 30_000)
    with django_capture_on_commit_callbacks(execute=True):
        order = propose(client_for(fred), contract, ADD).json()
    assert [m.to for m in mailoutbox] == [[clara.email]]
    assert "Fred Freelancer proposes a change" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        answer(client_for(clara), order["id"], "accept", "Happy to.")
    assert [m.to for m in mailoutbox[1:]] == [[fred.email]]  # Clara accepted on the page with the fund form
    assert "Clara Client accepted your change" in mailoutbox[1].body and "Happy to." in mailoutbox[1].body
    assert "Fund the new milestones" not in mailoutbox[1].body


def test_a_client_whose_added_milestones_are_accepted_is_asked_to_fund_them(
    clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    contract = contract_between(clara, fred, 30_000)
    order = propose(client_for(clara), contract, ADD).json()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(client_for(fred), order["id"], "accept")
    [accepted] = mailoutbox
    assert accepted.to == [clara.email] and "Fund the new milestones so that work on them can start." in accepted.body
    assert accepted.alternatives and f"/contracts/{contract.pk}#change-orders" in accepted.body


def test_a_refused_proposal_mails_nobody(clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks):
    contract = contract_between(clara, fred, 30_000)
    with django_capture_on_commit_callbacks(execute=True):
        assert propose(client_for(fred), contract, ADD | {"amount": -1}).status_code == 400
    assert mailoutbox == []


def test_deadline_reminders_follow_a_moved_due_date(
    clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks, ledger_ok
):
    contract = funded_contract(clara, fred, client_for, 30_000)
    milestone = contract.milestones.get()
    due = timezone.localdate() + timedelta(days=10)
    order = propose(client_for(clara), contract, {"action": "edit", "id": str(milestone.pk), "due_on": due.isoformat()})
    answer(client_for(fred), order.json()["id"], "accept")
    pending = MilestoneTimer.objects.filter(milestone=milestone, action="deadline", fired_at=None, cancelled_at=None)
    assert [t.due_at.date() for t in pending] == [due - timedelta(days=2)]
    later = due + timedelta(days=10)
    order = propose(
        client_for(fred), contract, {"action": "edit", "id": str(milestone.pk), "due_on": later.isoformat()}
    )
    answer(client_for(clara), order.json()["id"], "accept")
    assert [t.due_at.date() for t in pending.all()] == [later - timedelta(days=2)]
    with (
        time_machine.travel(timezone.now() + timedelta(days=9)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert milestones_fire_due() == 0  # the first date no longer applies
    with (
        time_machine.travel(timezone.now() + timedelta(days=19)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert milestones_fire_due() == 1
    assert "is due on" in mailoutbox[-1].body
    ledger_ok()
