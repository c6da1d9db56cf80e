"""Contracts over HTTP: a person's contracts and one contract, for its two parties (and operators)."""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.bodies import AttachmentIds, JsonOrForm, form_also, form_files
from openhour.api.idempotency import idempotency_key, idempotent
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import FileOut, Input, MoneyOut, Page, PaymentIn, PersonOut, TransitionOut, WholeNumber, money
from openhour.contracts import selectors
from openhour.contracts.models import Contract, Milestone
from openhour.contracts.services import contracts as services
from openhour.contracts.services import delivery
from openhour.messaging.uploads.services import uploads_attached
from openhour.money.api.wallet import PaymentOut, payment_out
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord

router = Router(tags=["contracts"])


# ---- output shapes -------------------------------------------------------------------------------
# Names are unique across the API (MilestoneDeliveryOut, not DeliveryOut): the schema keeps one component per name.


class MilestoneDeliveryOut(Schema):
    version: int = Field(description="Counts this milestone's deliveries, from 1")
    message: str
    created_at: datetime
    files: list[FileOut]


class MilestoneRevisionsOut(Schema):
    allowed: int = Field(description="Revision rounds the client may ask for on this milestone")
    used: int


class MilestoneOut(Schema):
    id: str
    title: str
    amount: MoneyOut
    due_in_days: int = Field(description="Counted from the day work starts")
    due_on: date | None = Field(description="Set when work starts")
    status: str = Field(
        description="awaiting_funding, funded, submitted, changes_requested, released, refunded, split, "
        "disputed or removed"
    )
    criteria: str = Field(description="Acceptance criteria")
    revisions: MilestoneRevisionsOut
    release_due_at: datetime | None = Field(description="When a delivery nobody answers is released")
    deliveries: list[MilestoneDeliveryOut]
    client_fee: MoneyOut = Field(description="The client service fee paid with the funding")
    released: MoneyOut = Field(description="Released to the freelancer, before the freelancer's fee")
    freelancer_fee: MoneyOut = Field(description="The freelancer service fee taken on release")
    refunded: MoneyOut = Field(description="Returned to the client")


class FundedMilestoneOut(MilestoneOut):
    payment: PaymentOut | None = Field(description="The card payment; null when paid from the wallet")


class ContractOut(Schema):
    id: str
    title: str
    status: str = Field(description="offered, active, declined, withdrawn or ended")
    outcome: str | None = Field(description="Once ended: completed (money was released) or cancelled")
    kind: str = Field(description="fixed or hourly")
    currency: str
    fee_schedule_version: str = Field(description="The fee schedule the contract was made under")
    hourly_rate: MoneyOut | None = Field(description="Hourly contracts: the pay for one hour")
    weekly_limit: int | None = Field(description="Hourly contracts: the most hours a week the client pays for")
    time_zone: str = Field(description="An IANA name; an hourly contract's weeks end on its Sunday")
    revisions: int = Field(description="Revision rounds per milestone")
    reviewable: bool = Field(description="Ended with money released: both parties may review each other")
    started_at: datetime | None
    ended_at: datetime | None
    project: str | None = Field(description="The project it was hired from, if any")
    proposal: str | None = Field(description="The proposal accepted, if any")
    client: PersonOut
    freelancer: PersonOut
    milestones: list[MilestoneOut]
    events: list[TransitionOut]
    created_at: datetime


def contract_out(contract: Contract) -> dict[str, Any]:
    return {
        "id": str(contract.pk),
        "title": contract.title,
        "status": contract.status,
        "outcome": contract.outcome or None,
        "kind": contract.kind,
        "currency": contract.currency,
        "fee_schedule_version": contract.fee_schedule_version,
        "hourly_rate": money(contract.hourly_rate, contract.currency) if contract.hourly_rate else None,
        "weekly_limit": contract.weekly_limit,
        "time_zone": contract.time_zone,
        "revisions": contract.revisions,
        "reviewable": contract.reviewable,
        "started_at": contract.started_at,
        "ended_at": contract.ended_at,
        "project": str(contract.project_id) if contract.project_id else None,
        "proposal": str(contract.proposal_id) if contract.proposal_id else None,
        "client": {"username": contract.client.username, "name": contract.client.name},
        "freelancer": {"username": contract.freelancer.username, "name": contract.freelancer.name},
        "milestones": [milestone_out(m, contract) for m in contract.milestones.all()],
        "events": [
            {
                "action": e.action,
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "at": e.created_at,
                "note": e.note,
            }
            for e in contract.events.all()
        ],
        "created_at": contract.created_at,
    }


def milestone_out(milestone: Milestone, contract: Contract) -> dict[str, Any]:
    currency = contract.currency
    return {
        "id": str(milestone.pk),
        "title": milestone.title,
        "amount": money(milestone.amount, currency),
        "due_in_days": milestone.due_in_days,
        "due_on": milestone.due_on,
        "status": milestone.status,
        "criteria": milestone.criteria,
        "revisions": {"allowed": contract.revisions + milestone.revisions_extra, "used": milestone.revisions_used},
        "release_due_at": delivery.release_due_at(milestone),
        "deliveries": [
            {
                "version": d.version,
                "message": d.message,
                "created_at": d.created_at,
                "files": [
                    {"id": str(f.pk), "name": f.name, "size": f.size, "url": reverse("delivery_file", args=[f.pk])}
                    for f in d.files.all()
                ],
            }
            for d in milestone.deliveries.all()
        ],
        "client_fee": money(milestone.client_fee, currency),
        "released": money(milestone.released, currency),
        "freelancer_fee": money(milestone.freelancer_fee, currency),
        "refunded": money(milestone.refunded, currency),
    }


@router.get("/contracts", response=Page[ContractOut], by_alias=True)
def contract_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The contracts you are a party to, as client or freelancer."""
    rows = selectors.contracts_of(user=current_user(request), cursor=query.cursor, size=query.limit)
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=contract_out)


@router.get("/contracts/{contract_id}", response=ContractOut, by_alias=True)
def contract_get(request: HttpRequest, contract_id: str) -> dict[str, Any]:
    contract = selectors.contract_or_404(contract_id=contract_id, viewer=current_user(request))
    return contract_out(contract)


class FundIn(Input):
    payment: PaymentIn = Field(default_factory=lambda: PaymentIn(method="wallet", card_token=""))


# One note for the steps of contracts, change orders and disputes; named apart from other apps' notes, since
# the schema keeps one component per name.
class ContractNoteIn(Input):
    note: str = Field("", max_length=2000)


class SplitIn(Input):
    release: WholeNumber = Field(description="Minor units released to the freelancer; the rest goes back to the client")
    note: str = Field(min_length=1, max_length=2000)


def _milestone(milestone: Milestone) -> dict[str, Any]:
    return milestone_out(milestone, milestone.contract)


@router.post("/milestones/{milestone_id}/fund", response=FundedMilestoneOut)
@idempotent
def milestone_fund(request: HttpRequest, milestone_id: str, payload: FundIn | None = None) -> dict[str, Any]:
    """The client pays the milestone and the client service fee into escrow, from the wallet or a card.
    A card that needs confirming answers with `payment.status: requires_action` and `payment.next_action.url`."""
    payment = payload.payment if payload else PaymentIn(method="wallet", card_token="")
    funding = services.milestone_fund(
        milestone_id=milestone_id,
        by=current_user(request),
        method=payment.method,
        card_token=payment.card_token,
        idempotency_key=idempotency_key(request),
    )
    access_record(request=request, user=current_user(request), kind=AccessRecord.Kind.FUND)
    out = _milestone(funding.milestone)
    return out | {"payment": payment_out(funding.payment) if funding.payment else None}


@router.post("/milestones/{milestone_id}/release", response=MilestoneOut)
@idempotent
def milestone_release(request: HttpRequest, milestone_id: str, payload: ContractNoteIn | None = None) -> dict[str, Any]:
    """The client approves: the escrow goes to the freelancer, less the tiered service fee."""
    note = payload.note if payload else ""
    return _milestone(services.milestone_release(milestone_id=milestone_id, by=current_user(request), note=note))


@router.post("/milestones/{milestone_id}/refund", response=MilestoneOut)
@idempotent
def milestone_refund(request: HttpRequest, milestone_id: str, payload: ContractNoteIn | None = None) -> dict[str, Any]:
    """The freelancer (or an operator, with a reason) returns the escrow to the client, client fee included."""
    note = payload.note if payload else ""
    return _milestone(services.milestone_refund(milestone_id=milestone_id, by=current_user(request), note=note))


@router.post("/milestones/{milestone_id}/split", response=MilestoneOut)
@idempotent
def milestone_split(request: HttpRequest, milestone_id: str, payload: SplitIn) -> dict[str, Any]:
    """An operator's decision on a disputed milestone: part released, the rest refunded."""
    milestone = services.milestone_split(
        milestone_id=milestone_id, by=current_user(request), release=payload.release, note=payload.note
    )
    return _milestone(milestone)


class DeliveryIn(Input):
    message: str = Field(min_length=1, max_length=5000, description="What you deliver")
    attachments: AttachmentIds


@router.post("/milestones/{milestone_id}/submit", response=MilestoneOut, openapi_extra=form_also(DeliveryIn))
def milestone_submit(
    request: HttpRequest, milestone_id: str, payload: Annotated[DeliveryIn, JsonOrForm(...)]
) -> dict[str, Any]:
    """The freelancer delivers: a `message` and uploads to attach by id; the client's review window starts.
    The multipart form (`message`, files as `attachments`) still works but is deprecated."""
    me = current_user(request)
    with uploads_attached(ids=payload.attachments, by=me) as uploaded:
        found = delivery.milestone_submit(
            milestone_id=milestone_id, by=me, message=payload.message, files=[*form_files(request), *uploaded]
        )
    return _milestone(found.milestone)


class MessageIn(Input):
    message: str = Field(min_length=1, max_length=5000)


@router.post("/milestones/{milestone_id}/request-changes", response=MilestoneOut)
def milestone_request_changes(request: HttpRequest, milestone_id: str, payload: MessageIn) -> dict[str, Any]:
    """The client asks for a revision, while revision rounds are left."""
    milestone = delivery.milestone_request_changes(
        milestone_id=milestone_id, by=current_user(request), message=payload.message
    )
    return _milestone(milestone)


@router.post("/contracts/{contract_id}/end", response=ContractOut, by_alias=True)
def contract_end(request: HttpRequest, contract_id: str, payload: ContractNoteIn | None = None) -> dict[str, Any]:
    """End a contract once nothing is held in escrow (409 `escrow_held` otherwise)."""
    user = current_user(request)
    services.contract_end(contract_id=contract_id, by=user, note=payload.note if payload else "")
    found = selectors.contract_detail(contract_id=contract_id, viewer=user)
    assert found is not None
    return contract_out(found)
