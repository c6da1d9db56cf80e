"""Disputes over HTTP, for the milestone's two parties and operators: open, read, make your case with
evidence, decide (operators), appeal once, withdraw."""

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.bodies import AttachmentIds, JsonOrForm, form_also, form_files
from openhour.api.idempotency import idempotent
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import FileOut, Input, MoneyOut, Page, TransitionOut, WholeNumber, money
from openhour.contracts.api.contracts import ContractNoteIn
from openhour.contracts.disputes import decisions, selectors, services
from openhour.contracts.disputes.access import role_in
from openhour.contracts.disputes.models import Dispute
from openhour.lib.errors import NotFound
from openhour.messaging.uploads.services import uploads_attached

router = Router(tags=["contracts"])


# ---- output shapes -------------------------------------------------------------------------------


class DisputedMilestoneOut(Schema):
    id: str
    title: str


class DisputeSplitOut(Schema):
    """How the held escrow is shared out by a decision."""

    release: MoneyOut = Field(description="To the freelancer")
    refund: MoneyOut = Field(description="Back to the client")
    decision: str = Field(description="The written decision both parties read")


class DisputeDecisionOut(DisputeSplitOut):
    by: str = Field(description="operator, or system when one side stayed silent")
    at: datetime | None
    final: bool = Field(description="Decided on appeal: carried out at once, no further appeal")


class DisputeAppealOut(Schema):
    by: str | None = Field(description="client or freelancer")
    reason: str


class DisputeStatementOut(Schema):
    id: str
    role: str = Field(description="client, freelancer or operator")
    author: str | None = Field(description="The party's name; null on an operator's note")
    text: str
    created_at: datetime
    evidence: list[FileOut]


class DisputeOut(Schema):
    id: str
    status: str = Field(description="open, awaiting_decision, decided, appealed, settled or withdrawn")
    role: str | None = Field(description="Yours in the dispute: client, freelancer or operator")
    contract: str
    milestone: DisputedMilestoneOut
    opened_by: str = Field(description="client or freelancer")
    reason: str
    held: MoneyOut = Field(description="The escrow frozen while the dispute runs")
    respond_by: datetime | None = Field(description="While open: when statements close")
    appeal_until: datetime | None = Field(description="While decided: the end of the appeal window")
    decision: DisputeDecisionOut | None = Field(description="The decision in force, once there is one")
    first_decision: DisputeSplitOut | None = Field(description="After an appeal: the decision appealed against")
    appeal: DisputeAppealOut | None
    statements: list[DisputeStatementOut]
    events: list[TransitionOut]
    created_at: datetime


def dispute_out(dispute: Dispute, viewer: User) -> dict[str, Any]:
    contract = dispute.milestone.contract
    currency = contract.currency

    def decided(release: int | None, text: str) -> dict[str, Any] | None:
        if release is None:
            return None
        return {
            "release": money(release, currency),
            "refund": money(dispute.held - release, currency),
            "decision": text,
        }

    return {
        "id": str(dispute.pk),
        "status": dispute.status,
        "role": role_in(dispute, viewer),
        "contract": str(contract.pk),
        "milestone": {"id": str(dispute.milestone_id), "title": dispute.milestone.title},
        "opened_by": dispute.opener_role,
        "reason": dispute.reason,
        "held": money(dispute.held, currency),
        "respond_by": dispute.due_at if dispute.status == Dispute.Status.OPEN else None,
        "appeal_until": dispute.due_at if dispute.status == Dispute.Status.DECIDED else None,
        "decision": _decision(dispute, decided(dispute.release, dispute.decision)),
        "first_decision": decided(dispute.first_release, dispute.first_decision),
        "appeal": {"by": role_in(dispute, dispute.appealed_by), "reason": dispute.appeal_reason}
        if dispute.appealed_by_id
        else None,
        "statements": [
            {
                "id": str(s.pk),
                "role": s.role,
                "author": s.author.name if s.role != "operator" else None,
                "text": s.text,
                "created_at": s.created_at,
                "evidence": [
                    {"id": str(f.pk), "name": f.name, "size": f.size, "url": reverse("dispute_evidence", args=[f.pk])}
                    for f in s.evidence.all()
                ],
            }
            for s in dispute.statements.all()
        ],
        "events": [
            {
                "action": e.action,
                "actor": e.actor,
                "from": e.from_status,
                "to": e.to_status,
                "at": e.created_at,
                "note": e.note,
            }
            for e in dispute.events.all()
        ],
        "created_at": dispute.created_at,
    }


def _decision(dispute: Dispute, decided: dict[str, Any] | None) -> dict[str, Any] | None:
    if decided is None:
        return None
    by = "operator" if dispute.decided_by_id or dispute.final_decided_by_id else "system"
    return decided | {"by": by, "at": dispute.decided_at, "final": dispute.final_decided_by_id is not None}


def _read(request: HttpRequest, dispute_id: int | str) -> dict[str, Any]:
    viewer = current_user(request)
    found = selectors.dispute_detail(dispute_id=dispute_id, viewer=viewer)
    if found is None:
        raise NotFound(_("No such dispute."))
    return dispute_out(found, viewer)


class ReasonIn(Input):
    reason: str = Field(min_length=1, max_length=5000)


class DisputeDecideIn(Input):
    release: WholeNumber = Field(description="Minor units released to the freelancer; the rest goes back to the client")
    decision: str = Field(min_length=1, max_length=5000, description="The written decision both parties read")


# by_alias on every dispute answer: its events keep their `from` key.
@router.post("/milestones/{milestone_id}/dispute", response={201: DisputeOut}, by_alias=True)
def dispute_open(request: HttpRequest, milestone_id: str, payload: ReasonIn) -> Status:
    """The client or freelancer disputes a funded, delivered or changes-requested milestone: escrow freezes,
    its timers pause, and the other side has until `respond_by` to answer."""
    dispute = services.dispute_open(milestone_id=milestone_id, by=current_user(request), reason=payload.reason)
    return Status(201, _read(request, dispute.pk))


@router.get("/disputes", response=Page[DisputeOut], by_alias=True)
def dispute_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """The disputes on your contracts, newest first."""
    user = current_user(request)
    rows = selectors.disputes_of(user=user)
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=lambda d: dispute_out(d, user))


@router.get("/disputes/{dispute_id}", response=DisputeOut, by_alias=True)
def dispute_get(request: HttpRequest, dispute_id: str) -> dict[str, Any]:
    return _read(request, dispute_id)


class StatementIn(Input):
    text: str = Field(min_length=1, max_length=5000)
    attachments: AttachmentIds


@router.post(
    "/disputes/{dispute_id}/statements",
    response={201: DisputeOut},
    by_alias=True,
    openapi_extra=form_also(StatementIn),
)
def dispute_statement(
    request: HttpRequest, dispute_id: str, payload: Annotated[StatementIn, JsonOrForm(...)]
) -> Status:
    """Make your case (`text` and uploads to attach by id as evidence); operators add notes. The multipart form
    (`text`, files as `attachments`) still works but is deprecated."""
    me = current_user(request)
    with uploads_attached(ids=payload.attachments, by=me) as uploaded:
        services.dispute_statement_add(
            dispute_id=dispute_id, by=me, text=payload.text, files=[*form_files(request), *uploaded]
        )
    return Status(201, _read(request, dispute_id))


@router.post("/disputes/{dispute_id}/decide", response=DisputeOut, by_alias=True)
@idempotent
def dispute_decide(request: HttpRequest, dispute_id: str, payload: DisputeDecideIn) -> dict[str, Any]:
    """Operators: `release` minor units to the freelancer, the rest to the client, with a written decision.
    A decision on an appeal (by a different operator) is final and moves the money at once."""
    decisions.dispute_decide(
        dispute_id=dispute_id, by=current_user(request), release=payload.release, decision=payload.decision
    )
    return _read(request, dispute_id)


@router.post("/disputes/{dispute_id}/appeal", response=DisputeOut, by_alias=True)
def dispute_appeal(request: HttpRequest, dispute_id: str, payload: ReasonIn) -> dict[str, Any]:
    """Either party, once, before `appeal_until`: a different operator decides again, finally."""
    services.dispute_appeal(dispute_id=dispute_id, by=current_user(request), reason=payload.reason)
    return _read(request, dispute_id)


@router.post("/disputes/{dispute_id}/withdraw", response=DisputeOut, by_alias=True)
def dispute_withdraw(request: HttpRequest, dispute_id: str, payload: ContractNoteIn | None = None) -> dict[str, Any]:
    """The opener (or an operator, with a `note`) withdraws before a decision: the milestone carries on."""
    services.dispute_withdraw(dispute_id=dispute_id, by=current_user(request), note=payload.note if payload else "")
    return _read(request, dispute_id)
