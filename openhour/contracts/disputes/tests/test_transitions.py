"""Every (state, action, person) of a dispute: the allowed steps succeed; the others are refused with 409
`dispute_<status>` when the state does not allow the step, or 403 when this person may not take it."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from conftest import make_user
from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.services import disputes_fire_due
from openhour.contracts.disputes.tests.kit import appeal, decide, funded, open_dispute, state, withdraw

pytestmark = pytest.mark.django_db

STATES = ["open", "awaiting_decision", "decided", "appealed", "settled", "withdrawn"]
PEOPLE = ["clara", "fred", "opal", "otto"]  # Clara opened it; Opal made the first decision, Otto did not
EVERYONE = set(PEOPLE)
# action -> {state it may be taken from: who may take it}
ALLOWED = {
    "statement": {"open": EVERYONE, "awaiting_decision": EVERYONE, "appealed": EVERYONE},
    "decide": {"open": {"opal", "otto"}, "awaiting_decision": {"opal", "otto"}, "appealed": {"otto"}},
    "appeal": {"decided": {"clara", "fred"}},
    "withdraw": {"open": {"clara", "opal", "otto"}, "awaiting_decision": {"clara", "opal", "otto"}},
}
CASES = [(s, action, who) for s in STATES for action in ALLOWED for who in PEOPLE]


def _reach(target: str, people: dict, client_for) -> Dispute:
    clara, fred, opal = people["clara"], people["fred"], people["opal"]
    pk = int(open_dispute(client_for(clara), funded(clara, fred)).json()["id"])
    if target == "awaiting_decision":
        state(client_for(fred), pk)
        with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
            disputes_fire_due()
    if target in ("decided", "appealed", "settled"):
        decide(client_for(opal), pk, 12_000)
    if target == "appealed":
        appeal(client_for(fred), pk)
    if target == "settled":
        with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
            disputes_fire_due()
    if target == "withdrawn":
        withdraw(client_for(clara), pk)
    dispute = Dispute.objects.get(pk=pk)
    assert dispute.status == target
    return dispute


def _take(action: str, client, dispute: Dispute):
    if action == "statement":
        return state(client, dispute)
    if action == "decide":
        return decide(client, dispute, 10_000)
    if action == "appeal":
        return appeal(client, dispute)
    return withdraw(client, dispute, "The parties agreed between them.")


@pytest.mark.parametrize(("start", "action", "who"), CASES)
def test_each_step_from_each_state_by_each_person(start, action, who, clara, fred, operator, client_for, ledger_ok):
    people = {"clara": clara, "fred": fred, "opal": operator, "otto": make_user("otto", name="Otto", is_staff=True)}
    dispute = _reach(start, people, client_for)
    answer = _take(action, client_for(people[who]), dispute)
    allowed_from = ALLOWED[action]
    if start not in allowed_from:
        assert answer.status_code == 409, answer.content
        assert answer.json()["error"]["code"] == f"dispute_{start}"
    elif who not in allowed_from[start]:
        assert answer.status_code == 403, answer.content
    else:
        assert answer.status_code in (200, 201), answer.content
    ledger_ok()
