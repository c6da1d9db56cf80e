"""Shared steps for change order tests: propose and answer over the API, fund a milestone."""

from typing import Any

from openhour.contracts.models import Contract, Milestone
from openhour.money.tests.kit import contract_between, top_up

JSON = "application/json"


def propose(client: Any, contract: Contract, *changes: dict[str, Any], **extra: Any) -> Any:
    body = {"kind": "milestones", "milestones": list(changes), "note": "As discussed.", **extra}
    return client.post(f"/api/v1/contracts/{contract.pk}/change-requests", body, content_type=JSON)


def answer(client: Any, order_id: Any, action: str, note: str = "") -> Any:
    return client.post(f"/api/v1/change-requests/{order_id}/{action}", {"note": note}, content_type=JSON)


def fund(client: Any, milestone: Milestone) -> Any:
    return client.post(f"/api/v1/milestones/{milestone.pk}/fund", {}, content_type=JSON)


def funded_contract(clara: Any, fred: Any, client_for: Any, *amounts: int, funded: int = 1) -> Contract:
    """A contract whose first `funded` milestones the client has paid into escrow from her wallet."""
    contract = contract_between(clara, fred, *amounts)
    milestones = list(contract.milestones.order_by("pk"))[:funded]
    if milestones:
        top_up(clara, sum(m.amount for m in milestones) * 105 // 100)
    for milestone in milestones:
        assert fund(client_for(clara), milestone).status_code == 200
    return contract


ADD = {"action": "add", "title": "Extra page", "amount": 20_000}
