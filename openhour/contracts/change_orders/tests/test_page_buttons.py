"""The change orders panel offers answering and withdrawing an open change order by
`ChangeOrder.TRANSITIONS` for the viewer's part, narrowed where the table cannot say it: the other party
answers, while the contract can still change; of the parties, only the proposer withdraws; operators may."""

from typing import Any

import pytest

from openhour.contracts.change_orders.tests.helpers import ADD, answer, propose
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


def offered(browser: Any, contract_id: int) -> set[str]:
    answered = browser.get(f"/contracts/{contract_id}")
    assert answered.status_code == 200
    panel = answered.context["change_orders"]
    return {flag for flag in ("can_answer", "can_withdraw", "can_propose") if getattr(panel, flag)}


def test_each_part_is_offered_its_steps_on_an_open_change_order(clara, fred, operator, client_for):
    contract = contract_between(clara, fred, 30_000)
    assert offered(client_for(clara), contract.pk) == offered(client_for(fred), contract.pk) == {"can_propose"}
    assert offered(client_for(operator), contract.pk) == set()
    order_id = propose(client_for(clara), contract, ADD).json()["id"]
    assert offered(client_for(clara), contract.pk) == {"can_withdraw"}
    assert offered(client_for(fred), contract.pk) == {"can_answer"}
    assert offered(client_for(operator), contract.pk) == {"can_withdraw"}
    assert answer(client_for(fred), order_id, "reject").status_code == 200
    assert offered(client_for(clara), contract.pk) == offered(client_for(fred), contract.pk) == {"can_propose"}
