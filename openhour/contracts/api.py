"""Contracts over HTTP: a person's contracts and one contract, for its two parties (and operators)."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import money
from openhour.contracts import selectors
from openhour.contracts.models import Contract
from openhour.lib.errors import NotFound

router = Router(tags=["contracts"])


def contract_out(contract: Contract) -> dict[str, Any]:
    return {
        "id": str(contract.pk), "title": contract.title, "status": contract.status,
        "currency": contract.currency, "fee_schedule_version": contract.fee_schedule_version,
        "project": str(contract.project_id) if contract.project_id else None,
        "proposal": str(contract.proposal_id) if contract.proposal_id else None,
        "client": {"username": contract.client.username, "name": contract.client.name},
        "freelancer": {"username": contract.freelancer.username, "name": contract.freelancer.name},
        "milestones": [
            {"id": str(m.pk), "title": m.title, "amount": money(m.amount, contract.currency),
             "due_in_days": m.due_in_days, "status": m.status}
            for m in contract.milestones.all()
        ],
        "events": [
            {"action": e.action, "actor": e.actor, "from": e.from_status, "to": e.to_status, "at": e.created_at,
             "note": e.note}
            for e in contract.events.all()
        ],
        "created_at": contract.created_at,
    }  # fmt: skip


@router.get("/contracts")
def contract_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The contracts you are a party to, as client or freelancer."""
    rows = selectors.contracts_of(user=current_user(request))
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=contract_out)


@router.get("/contracts/{contract_id}")
def contract_get(request: HttpRequest, contract_id: str) -> dict[str, Any]:
    contract = selectors.contract_detail(contract_id=contract_id, viewer=current_user(request))
    if contract is None:
        raise NotFound(_("No such contract."))
    return contract_out(contract)
