"""Change orders over HTTP (`change-requests`), and a milestone's acceptance criteria before funding."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.idempotency import idempotent
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import (
    Input,
    Money,
    MoneyOrMinorUnits,
    MoneyOut,
    Page,
    TransitionOut,
    WholeNumber,
    minor_units_in,
    money,
    money_description,
    money_objects_in,
)
from openhour.contracts import selectors as contract_selectors
from openhour.contracts.api.contracts import ContractNoteIn, MilestoneOut, milestone_out
from openhour.contracts.change_orders import rules, selectors, services
from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.change_orders.summary import summarise
from openhour.lib.errors import NotFound

router = Router(tags=["contracts"])


class ChangeIn(Input):
    action: Literal["add", "remove", "edit", "revisions"]
    id: str | None = Field(None, description="The milestone to remove, edit or give more revision rounds")
    title: str | None = Field(None, max_length=120)
    amount: MoneyOrMinorUnits | None = Field(
        None, description="Edit only while awaiting funding. " + money_description("the contract's")
    )
    criteria: str | None = Field(None, max_length=5000)
    due_on: date | None = None
    due_in_days: WholeNumber | None = Field(None, description="Instead of due_on: days from today")
    revisions: WholeNumber | None = Field(None, description="Extra revision rounds (1-10)")


class ChangeRequestIn(Input):
    kind: Literal["milestones"] = "milestones"
    milestones: list[ChangeIn] = Field(default_factory=list, max_length=50)
    deadline: date | None = Field(None, description="Every unfinished milestone becomes due no later than this")
    note: str = Field("", max_length=2000)


class ChangeOrderProposerOut(Schema):
    username: str
    role: str = Field(description="client or freelancer")


class ChangeOrderItemOut(Schema):
    """One proposed change; a field left null is not changed."""

    action: str = Field(description="add, remove, edit or revisions")
    id: str | None = Field(description="The milestone it concerns; for an add, null until accepted")
    title: str | None
    amount: MoneyOut | None
    criteria: str | None = Field(description="Null: unchanged; empty: cleared")
    due_on: date | None
    revisions: int | None = Field(description="Extra revision rounds")


class ChangeOrderLineOut(Schema):
    change: str = Field(description="The change in plain words")
    money: str = Field(description="What it means for money; empty if nothing")


class ChangeOrderOut(Schema):
    id: str
    contract: str
    kind: str = Field(description="Always milestones, for now")
    status: str = Field(description="proposed, accepted, rejected or withdrawn")
    proposed_by: ChangeOrderProposerOut
    note: str
    deadline: date | None = Field(description="Every unfinished milestone becomes due no later than this")
    milestones: list[ChangeOrderItemOut]
    summary: list[ChangeOrderLineOut]
    total: str | None = Field(description="How the contract's total moves, while proposed; null when it does not")
    answered_by: str | None = Field(description="The username of who accepted, rejected or withdrew it")
    answer_note: str
    answered_at: datetime | None
    events: list[TransitionOut]
    created_at: datetime


def change_order_out(order: ChangeOrder) -> dict[str, Any]:
    contract = order.contract
    currency = contract.currency
    summary = summarise(order, list(contract.milestones.all()), currency)
    return {
        "id": str(order.pk),
        "contract": str(order.contract_id),
        "kind": "milestones",
        "status": order.status,
        "proposed_by": {"username": order.proposed_by.username, "role": order.proposer_role},
        "note": order.note,
        "deadline": order.deadline,
        "milestones": [
            {
                "action": i.kind,
                "id": str(i.milestone_id) if i.milestone_id else None,
                "title": i.title or None,
                "amount": money(i.amount, currency),
                "criteria": i.criteria,
                "due_on": i.due_on,
                "revisions": i.revisions,
            }
            for i in order.items.all()
        ],
        "summary": [{"change": line.text, "money": line.money} for line in summary.lines],
        "total": summary.total or None,
        "answered_by": order.answered_by.username if order.answered_by else None,
        "answer_note": order.answer_note,
        "answered_at": order.answered_at,
        "events": [
            {
                "action": e.action,
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "at": e.created_at,
                "note": e.note,
            }
            for e in order.events.all()
        ],
        "created_at": order.created_at,
    }


def _out(change_order_id: int | str, request: HttpRequest) -> dict[str, Any]:
    found = selectors.change_order_for(change_order_id=change_order_id, viewer=current_user(request))
    if found is None:
        raise NotFound(_("No such change order."))
    return change_order_out(found)


def _amounts(contract_id: str, user: User, milestones: list[ChangeIn]) -> list[int | None]:
    """Each change's amount as integer minor units of the contract's currency."""
    amounts: dict[str, Money | int | None] = {f"milestones.{n}.amount": c.amount for n, c in enumerate(milestones)}
    currency = ""  # bare integers (deprecated) need no currency to check against
    if money_objects_in(amounts):
        currency = contract_selectors.contract_or_404(contract_id=contract_id, viewer=user).currency
    problem = _("Give amounts in the contract’s currency (%(currency)s).") % {"currency": currency}
    return list(minor_units_in(currency, amounts, problem).values())


# by_alias on every change order answer: its events keep their `from` key.
@router.post("/contracts/{contract_id}/change-requests", response={201: ChangeOrderOut}, by_alias=True)
def change_request_create(request: HttpRequest, contract_id: str, payload: ChangeRequestIn) -> Status[dict[str, Any]]:
    """Propose changes to the milestones (add, remove, edit, revisions) and/or a common deadline; the other
    party accepts or rejects. One open change order per contract (409 `change_order_open`)."""
    user = current_user(request)
    amounts = _amounts(contract_id, user, payload.milestones)
    changes = [
        rules.Change(
            action=c.action,
            milestone_id=c.id,
            title=c.title,
            amount=amount,
            criteria=c.criteria,
            due_on=c.due_on,
            due_in_days=c.due_in_days,
            revisions=c.revisions,
        )
        for c, amount in zip(payload.milestones, amounts, strict=True)
    ]
    order = services.change_order_propose(
        contract_id=contract_id,
        by=user,
        changes=changes,
        note=payload.note,
        deadline=payload.deadline,
    )
    return Status(201, _out(order.pk, request))


@router.get("/contracts/{contract_id}/change-requests", response=Page[ChangeOrderOut], by_alias=True)
def change_request_list(request: HttpRequest, contract_id: str, query: Query[PageQuery]) -> dict[str, Any]:
    """A contract's change orders, newest first."""
    contract = contract_selectors.contract_or_404(contract_id=contract_id, viewer=current_user(request))
    orders = selectors.change_orders_of(contract=contract)
    for order in orders:
        order.contract = contract  # already loaded, with its milestones
    return paginate(orders, cursor=query.cursor, limit=query.limit, serialize=change_order_out)


@router.get("/change-requests/{change_order_id}", response=ChangeOrderOut, by_alias=True)
def change_request_get(request: HttpRequest, change_order_id: str) -> dict[str, Any]:
    return _out(change_order_id, request)


@router.post("/change-requests/{change_order_id}/accept", response=ChangeOrderOut, by_alias=True)
@idempotent
def change_request_accept(
    request: HttpRequest, change_order_id: str, payload: ContractNoteIn | None = None
) -> dict[str, Any]:
    """The other party accepts: the plan changes at once; removed funded milestones are refunded to the client."""
    note = payload.note if payload else ""
    services.change_order_accept(change_order_id=change_order_id, by=current_user(request), note=note)
    return _out(change_order_id, request)


@router.post("/change-requests/{change_order_id}/reject", response=ChangeOrderOut, by_alias=True)
def change_request_reject(
    request: HttpRequest, change_order_id: str, payload: ContractNoteIn | None = None
) -> dict[str, Any]:
    note = payload.note if payload else ""
    services.change_order_reject(change_order_id=change_order_id, by=current_user(request), note=note)
    return _out(change_order_id, request)


@router.post("/change-requests/{change_order_id}/withdraw", response=ChangeOrderOut, by_alias=True)
def change_request_withdraw(
    request: HttpRequest, change_order_id: str, payload: ContractNoteIn | None = None
) -> dict[str, Any]:
    """The proposer takes it back (an operator too, with a reason in `note`)."""
    note = payload.note if payload else ""
    services.change_order_withdraw(change_order_id=change_order_id, by=current_user(request), note=note)
    return _out(change_order_id, request)


class MilestonePatchIn(Input):
    criteria: str = Field(max_length=5000)


@router.patch("/milestones/{milestone_id}", response=MilestoneOut)
def milestone_patch(request: HttpRequest, milestone_id: str, payload: MilestonePatchIn) -> dict[str, Any]:
    """Acceptance criteria, while the milestone awaits funding (409 `criteria_locked` after)."""
    milestone = services.milestone_criteria_set(
        milestone_id=milestone_id, by=current_user(request), criteria=payload.criteria
    )
    return milestone_out(milestone, milestone.contract)
