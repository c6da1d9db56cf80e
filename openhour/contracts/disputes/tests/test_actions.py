"""What a dispute asks of each person, on the dashboard and by e-mail: an answer before the deadline from
the side that has not spoken, and a decision they may appeal until the window ends; the contract's
timeline tells it."""

import pytest

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.selectors import actions_for
from openhour.contracts.disputes.tests.kit import decide, funded, open_dispute, state

pytestmark = pytest.mark.django_db


def test_the_side_that_has_not_answered_is_asked_to_before_the_deadline(clara, fred, olga, client_for):
    pk = int(open_dispute(client_for(clara), funded(clara, fred)).json()["id"])
    dispute = Dispute.objects.get(pk=pk)
    assert actions_for(user=clara) == [] and actions_for(user=olga) == []
    [action] = actions_for(user=fred)
    assert action.kind == "answer_dispute" and action.url == f"/disputes/{pk}" and action.due_at == dispute.due_at
    assert "Part 1" in action.title
    state(client_for(fred), pk)
    assert actions_for(user=fred) == []


def test_decisions_that_may_be_appealed_wait_until_the_window_ends(clara, fred, operator, client_for):
    pk = int(open_dispute(client_for(clara), funded(clara, fred)).json()["id"])
    decide(client_for(operator), pk, 30_000, "Everything was delivered.")
    assert actions_for(user=fred) == []  # he received everything
    [action] = actions_for(user=clara)
    assert action.kind == "appeal_dispute" and action.due_at == Dispute.objects.get(pk=pk).due_at


def test_the_contract_timeline_tells_the_dispute(clara, fred, operator, client_for):
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(clara), milestone).json()["id"])
    decide(client_for(operator), pk, 15_000, "Half each.")
    client_for(fred).post(f"/api/v1/disputes/{pk}/appeal", {"reason": "No."}, content_type="application/json")
    page = client_for(clara).get(f"/contracts/{milestone.contract_id}").content.decode()
    assert "Dispute on “Part 1” decided by an operator" in page and "Decision on “Part 1” appealed" in page


def test_the_other_side_is_mailed_when_a_dispute_opens_and_both_when_it_is_decided(
    clara, fred, operator, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    milestone = funded(clara, fred)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pk = int(open_dispute(client_for(clara), milestone).json()["id"])
    [asked] = mailoutbox
    assert (
        asked.to == [fred.email] and f"/disputes/{pk}" in asked.body and "Clara Client opened a dispute" in asked.body
    )
    with django_capture_on_commit_callbacks(execute=True):
        decide(client_for(operator), pk, 100)
    assert sorted(m.to[0] for m in mailoutbox[1:]) == sorted([clara.email, fred.email])  # one mail each
