"""Proposals over HTTP: send, list, read, edit until read, withdraw, shortlist, decline, accept; fee previews."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.bodies import AttachmentIds
from openhour.api.pagination import PageQuery, page_of
from openhour.api.schemas import (
    AMOUNT_MAX,
    Input,
    Money,
    MoneyOrMinorUnits,
    MoneyOut,
    Page,
    Patch,
    PersonOut,
    QueryMinorUnits,
    Username,
    WholeNumber,
    changes_of,
    minor_units_in,
    money,
    money_description,
    money_objects_in,
)
from openhour.contracts.api.contracts import ContractOut, contract_out
from openhour.jobs.api.attachments import AttachmentOut, attachments_out
from openhour.jobs.models import Proposal
from openhour.jobs.selectors import projects as project_selectors
from openhour.jobs.selectors import proposals as selectors
from openhour.jobs.services import proposals as services
from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.money import Currency
from openhour.messaging.uploads.services import uploads_attached
from openhour.money.fees import FeePreview, client_fee, schedule_for

router = Router(tags=["proposals"])


# ---- output shapes -------------------------------------------------------------------------------


class ProposalProjectOut(Schema):
    id: str
    title: str


class ProposedMilestoneOut(Schema):
    title: str
    amount: MoneyOut
    due_in_days: int = Field(description="Days after work starts")


class FeePreviewOut(Schema):
    amount: MoneyOut = Field(description="What the client pays for the work")
    fee: MoneyOut = Field(description="The freelancer's service fee")
    receive: MoneyOut = Field(description="What the freelancer receives")
    schedule_version: str = Field(description="The fee schedule the figures come from")


class ProposalOut(Schema):
    id: str
    project: ProposalProjectOut
    freelancer: PersonOut
    cover_letter: str
    price: MoneyOut
    delivery_days: int
    milestones: list[ProposedMilestoneOut]
    status: str
    decline_reason: str = Field(description="Empty unless the client gave one")
    viewed_at: datetime | None = Field(description="When the client first read it; edits stop then")
    uses_allowance: bool = Field(description="Whether it counts against the freelancer's monthly allowance")
    allowance_refunded: bool = Field(description="Whether the allowance it used was given back")
    fee_preview: FeePreviewOut
    created_at: datetime
    updated_at: datetime
    # On the one schema proposals always had, so typed clients keep their class: null in lists.
    attachments: list[AttachmentOut] | None = Field(
        None,
        description="Files the freelancer attached, on a single proposal (null in lists); only its freelancer, the "
        "project's client and operators see them",
    )


class FeeQuoteOut(FeePreviewOut):
    client_fee: MoneyOut = Field(description="The client's service fee")
    client_pays: MoneyOut = Field(description="What the client pays in all: the work and their fee")


def proposal_out(proposal: Proposal, fee: FeePreview) -> dict[str, Any]:
    return {
        "id": str(proposal.pk),
        "project": {"id": str(proposal.project_id), "title": proposal.project.title},
        "freelancer": {"username": proposal.freelancer.username, "name": proposal.freelancer.name},
        "cover_letter": proposal.cover_letter,
        "price": money(proposal.price, proposal.currency),
        "delivery_days": proposal.delivery_days,
        "milestones": [
            {"title": m.title, "amount": money(m.amount, proposal.currency), "due_in_days": m.due_in_days}
            for m in proposal.milestones.all()
        ],
        "status": proposal.status,
        "decline_reason": proposal.decline_reason,
        "viewed_at": proposal.viewed_at,
        "uses_allowance": proposal.uses_allowance,
        "allowance_refunded": proposal.refunded_at is not None,
        "fee_preview": fee.as_dict(),
        "created_at": proposal.created_at,
        "updated_at": proposal.updated_at,
    }


def one_out(proposal_id: int | str, user: User) -> dict[str, Any]:
    proposal = selectors.proposal_detail(proposal_id=proposal_id, viewer=user)
    if proposal is None:
        raise NotFound(_("No such proposal."))
    out = proposal_out(proposal, selectors.proposal_fees([proposal])[proposal.pk])
    return out | {"attachments": attachments_out(proposal.files.all(), "proposal_file")}


def page_out(rows: Any, cursor: str | None, limit: int) -> dict[str, Any]:
    page, next_cursor = page_of(rows, cursor=cursor, limit=limit)
    fees = selectors.proposal_fees(page)
    return {"items": [proposal_out(p, fees[p.pk]) for p in page], "next_cursor": next_cursor}


class HireOut(Schema):
    contract: ContractOut


# ---- input shapes --------------------------------------------------------------------------------


class MilestoneIn(Input):
    title: str = Field(max_length=120)
    amount: MoneyOrMinorUnits = Field(description=money_description("the project's"))
    due_in_days: WholeNumber = Field(ge=1, le=365)


class ProposalIn(Input):
    cover_letter: str = Field(min_length=1, max_length=5000)
    price: Money = Field(description="In the project's currency")
    delivery_days: WholeNumber = Field(ge=1, le=365)
    milestones: list[MilestoneIn] = Field(max_length=20, description="They must add up to the price exactly")
    attachments: AttachmentIds


class ProposalPatch(Patch):
    cover_letter: str | None = Field(None, max_length=5000)
    price: Money | None = None
    delivery_days: WholeNumber | None = Field(None, ge=1, le=365)
    milestones: list[MilestoneIn] | None = Field(None, max_length=20)


class DeclineIn(Input):
    reason: str = Field("", max_length=500, description="Optional; the freelancer sees it")


class WithdrawIn(Input):
    note: str = Field("", max_length=2000, description="Why; operators must give one")


class ProjectProposalsQuery(PageQuery):
    sort: Literal["best", "price", "newest"] = "best"


class FeeQuery(Input):
    amount: QueryMinorUnits = Field(ge=1, le=AMOUNT_MAX, description="Integer minor units, in digits")
    currency: Currency = Currency.GBP
    client: Username
    freelancer: Username


def _amounts(price: Money | None, milestones: list[MilestoneIn] | None) -> dict[str, Money | int | None]:
    """Every money input of a proposal, keyed by its field path."""
    rows = {f"milestones.{n}.amount": row.amount for n, row in enumerate(milestones or [])}
    return {"price": price} | rows


def _in_currency(currency: str, fields: dict[str, Any], amounts: dict[str, Money | int | None]) -> dict[str, Any]:
    """`fields` with the price and the milestones' amounts as integer minor units of `currency`."""
    problem = _("Price the work in the project’s currency (%(currency)s).") % {"currency": currency}
    units = minor_units_in(currency, amounts, problem)
    if fields.get("price") is not None:
        fields["price"] = units["price"]
    if fields.get("milestones") is not None:
        fields["milestones"] = [
            row | {"amount": units[f"milestones.{n}.amount"]} for n, row in enumerate(fields["milestones"])
        ]
    return fields


def _project_currency(project_id: str, user: User) -> str:
    project = project_selectors.project_detail(project_id=project_id, viewer=user)
    if project is None:
        raise NotFound(_("No such project."))
    return project.currency


def _proposal_currency(proposal_id: str, user: User) -> str:
    proposal = selectors.proposal_detail(proposal_id=proposal_id, viewer=user)
    if proposal is None:
        raise NotFound(_("No such proposal."))
    return proposal.currency


# ---- endpoints -----------------------------------------------------------------------------------


@router.post("/projects/{project_id}/proposals", response={201: ProposalOut})
def proposal_create(request: HttpRequest, project_id: str, payload: ProposalIn) -> Status[dict[str, Any]]:
    """A verified freelancer proposes, with `attachments` (upload ids) only the client may open; the answer
    includes the `fee_preview` for this client."""
    user = current_user(request)
    amounts = _amounts(payload.price, payload.milestones)
    fields = payload.dict()
    ids = fields.pop("attachments")
    terms = _in_currency(_project_currency(project_id, user), fields, amounts)
    with uploads_attached(ids=ids, by=user) as files:
        proposal = services.proposal_send(project_id=project_id, freelancer=user, files=files, **terms)
    return Status(201, one_out(proposal.pk, user))


@router.get("/projects/{project_id}/proposals", response=Page[ProposalOut])
def project_proposals(request: HttpRequest, project_id: str, query: Query[ProjectProposalsQuery]) -> dict[str, Any]:
    """The project's client only; `sort=best` puts the most skills in common first, then the lowest price."""
    rows = selectors.proposals_for_project(project_id=project_id, viewer=current_user(request), sort=query.sort)
    if rows is None:
        raise NotFound(_("No such project."))
    return page_out(rows, query.cursor, query.limit)


@router.get("/proposals", response=Page[ProposalOut])
def proposal_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The proposals you have sent, newest first."""
    return page_out(selectors.my_proposals(freelancer=current_user(request)), query.cursor, query.limit)


@router.get("/proposals/{proposal_id}", response=ProposalOut)
def proposal_get(request: HttpRequest, proposal_id: str) -> dict[str, Any]:
    """For its freelancer and the project's client; the client reading it stops further edits."""
    user = current_user(request)
    proposal = selectors.proposal_detail(proposal_id=proposal_id, viewer=user)
    if proposal is None:
        raise NotFound(_("No such proposal."))
    services.proposal_mark_viewed(proposal=proposal, by=user)
    out = proposal_out(proposal, selectors.proposal_fees([proposal])[proposal.pk])
    return out | {"attachments": attachments_out(proposal.files.all(), "proposal_file")}


@router.patch("/proposals/{proposal_id}", response=ProposalOut)
def proposal_update(request: HttpRequest, proposal_id: str, payload: ProposalPatch) -> dict[str, Any]:
    """Its freelancer, until the client has read it (409 `proposal_viewed` after)."""
    user = current_user(request)
    changes = changes_of(payload)
    amounts = _amounts(payload.price, payload.milestones)
    if money_objects_in(amounts):  # bare integers (deprecated) need no currency to check against
        changes = _in_currency(_proposal_currency(proposal_id, user), changes, amounts)
    services.proposal_edit(proposal_id=proposal_id, by=user, **changes)
    return one_out(proposal_id, user)


@router.post("/proposals/{proposal_id}/withdraw", response=ProposalOut)
def proposal_withdraw(request: HttpRequest, proposal_id: str, payload: WithdrawIn | None = None) -> dict[str, Any]:
    user = current_user(request)
    services.proposal_withdraw(proposal_id=proposal_id, by=user, note=payload.note if payload else "")
    return one_out(proposal_id, user)


@router.post("/proposals/{proposal_id}/shortlist", response=ProposalOut)
def proposal_shortlist(request: HttpRequest, proposal_id: str) -> dict[str, Any]:
    user = current_user(request)
    services.proposal_shortlist(proposal_id=proposal_id, by=user)
    return one_out(proposal_id, user)


@router.post("/proposals/{proposal_id}/decline", response=ProposalOut)
def proposal_decline(request: HttpRequest, proposal_id: str, payload: DeclineIn | None = None) -> dict[str, Any]:
    user = current_user(request)
    services.proposal_decline(proposal_id=proposal_id, by=user, reason=payload.reason if payload else "")
    return one_out(proposal_id, user)


@router.post("/proposals/{proposal_id}/accept", response={201: HireOut}, by_alias=True)  # events keep `from`
def proposal_accept(request: HttpRequest, proposal_id: str) -> Status[dict[str, Any]]:
    """The project's client hires: 201 with the new contract; the project stops taking proposals."""
    contract = services.proposal_accept(proposal_id=proposal_id, by=current_user(request))
    return Status(201, {"contract": contract_out(contract)})


@router.get("/fees/preview", response=FeeQuoteOut)
def fee_preview(request: HttpRequest, query: Query[FeeQuery]) -> dict[str, Any]:
    """The fees on `amount` for one client-freelancer pair: the freelancer's fee and what they receive,
    the client's service fee and what the client pays in all. Sign-in required; the numbers are
    public (the schedule is published), so any signed-in person may ask."""
    current_user(request)
    people = {u.username: u for u in User.objects.filter(username__in=[query.client, query.freelancer])}
    missing = [name for name in ("client", "freelancer") if getattr(query, name) not in people]
    if missing:
        raise InvalidInput(fields={name: [_("No such user.")] for name in missing})
    preview = selectors.fee_preview(
        client_id=people[query.client].pk,
        freelancer_id=people[query.freelancer].pk,
        amount=query.amount,
        currency=query.currency,
    )
    charge = client_fee(amount=preview.amount, currency=preview.currency, schedule=schedule_for(preview.version))
    money = {"client_fee": charge, "client_pays": preview.amount + charge}
    return preview.as_dict() | {key: {"amount": value, "currency": preview.currency} for key, value in money.items()}
