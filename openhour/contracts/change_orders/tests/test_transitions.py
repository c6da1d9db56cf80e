"""Who may take which step of a change order from which state: the other party answers, the proposer (or an
operator, with a reason) withdraws; everything else is refused with 409 `changeorder_<status>` or 403."""

import pytest

from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.change_orders.services import change_orders_lapse
from openhour.contracts.change_orders.tests.helpers import ADD, answer, propose
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db

ALLOWED = {
    ("proposed", "accept", "other"): "accepted",
    ("proposed", "reject", "other"): "rejected",
    ("proposed", "withdraw", "proposer"): "withdrawn",
    ("proposed", "withdraw", "operator"): "withdrawn",
}
FORBIDDEN = {
    ("proposed", "accept", "proposer"),
    ("proposed", "reject", "proposer"),
    ("proposed", "accept", "operator"),
    ("proposed", "reject", "operator"),
    ("proposed", "withdraw", "other"),
}
REACH = {"accepted": ("fred", "accept"), "rejected": ("fred", "reject"), "withdrawn": ("clara", "withdraw")}
CASES = [
    (state, action, who)
    for state in ("proposed", "accepted", "rejected", "withdrawn")
    for action in ("accept", "reject", "withdraw")
    for who in ("proposer", "other", "operator", "outsider")
]


@pytest.mark.parametrize(("state", "action", "who"), CASES)
def test_every_step_from_every_state_by_everyone(state, action, who, clara, fred, olga, operator, client_for):
    contract = contract_between(clara, fred, 30_000)
    created = propose(client_for(clara), contract, ADD)
    assert created.status_code == 201, created.content
    order_id = created.json()["id"]
    if state in REACH:
        person, step = REACH[state]
        assert answer(client_for({"clara": clara, "fred": fred}[person]), order_id, step).status_code == 200
    person = {"proposer": clara, "other": fred, "operator": operator, "outsider": olga}[who]
    response = answer(client_for(person), order_id, action, note="Agreed on a call." if who == "operator" else "")
    order = ChangeOrder.objects.get(pk=order_id)
    if who == "outsider":
        assert response.status_code == 404
    elif (state, action, who) in ALLOWED:
        assert response.status_code == 200, response.content
        assert response.json()["status"] == ALLOWED[(state, action, who)] == order.status
    elif (state, action, who) in FORBIDDEN:
        assert response.status_code == 403
    else:
        assert (response.status_code, response.json()["error"]["code"]) == (409, f"changeorder_{state}")
    if (state, action, who) not in ALLOWED:
        assert order.status == state  # a refusal changes nothing
    added = contract.milestones.filter(title="Extra page").exists()
    assert added == (order.status == "accepted")


def test_an_operator_withdraws_only_with_a_reason(clara, fred, operator, client_for):
    contract = contract_between(clara, fred, 30_000)
    order_id = propose(client_for(clara), contract, ADD).json()["id"]
    refused = answer(client_for(operator), order_id, "withdraw")
    assert refused.status_code == 400 and "note" in refused.json()["error"]["fields"]
    assert ChangeOrder.objects.get(pk=order_id).status == "proposed"


def test_an_open_change_order_lapses_when_its_contract_ends(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    order_id = propose(client_for(clara), contract, ADD).json()["id"]
    change_orders_lapse(contract=contract)
    order = ChangeOrder.objects.get(pk=order_id)
    assert order.status == "withdrawn" and order.events.last().actor == "system"
    assert answer(client_for(fred), order_id, "accept").json()["error"]["code"] == "changeorder_withdrawn"
