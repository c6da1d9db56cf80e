"""Flags and moderation over HTTP: report a review; the review's two parties read a decision and appeal it
once; operators list the queue, read a case (ratings only on request) and decide it."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Input, Page
from openhour.lib.errors import NotFound
from openhour.reviews.integrity.models import Case, Flag
from openhour.reviews.integrity.services import moderation

router = Router(tags=["review integrity"])


class FlagIn(Input):
    # Checked by the service, so that a missing reason is a field error in words, not a schema error.
    reason: str = Field("", description="One of: " + ", ".join(Flag.Reason.values))
    text: str = Field("", description="What is wrong with the review, at most 2,000 characters")


class AppealIn(Input):
    reason: str = Field(min_length=1, max_length=5000, description="Why the decision is wrong")


class DecideIn(Input):
    outcome: str = Field("", description="keep, remove or redact")
    reason: str = Field("", description="The written reason both parties read")
    rule: str = Field("", description="For a removal: the content rule broken (a flag reason code)")
    went_well: str | None = Field(None, description="For a redaction: the redacted text")
    could_improve: str | None = Field(None, description="For a redaction: the redacted text")


class CaseQuery(PageQuery):
    ratings: bool = False


class ReviewFlagOut(Schema):
    id: str
    review: str = Field(description="The review's id")
    reason: str
    text: str
    created_at: datetime


class ModerationCaseOut(Schema):
    """A decision as the review's author and subject read it."""

    id: str
    review: str = Field(description="The review's id")
    status: str = Field(description="One of: " + ", ".join(Case.Status.values))
    outcome: str = Field(description="The first decision: keep, remove or redact; empty until decided")
    rule: str = Field(description="For a removal: the content rule broken (a flag reason code); else empty")
    reason: str = Field(description="The operator's written reason")
    decided_at: datetime | None
    appeal_until: datetime | None = Field(description="Either party may appeal once before then")
    appealed: bool
    final_outcome: str | None = Field(description="The decision on appeal, final; null until then")
    final_reason: str | None


class QueuedCaseOut(ModerationCaseOut):
    source: str = Field(description="Who opened the case, one of: " + ", ".join(Case.Source.values))
    flags: int = Field(description="How many flags the case holds")


class CaseReviewTextOut(Schema):
    """The review as the operator weighs it; no stars unless asked for."""

    went_well: str
    could_improve: str
    private_note: str
    status: str = Field(description="The review's status")
    author_role: str
    category: str
    budget_band: str
    duration_band: str


class RiskSignalOut(Schema):
    kind: str
    score: float = Field(description="0 (nothing) to 1 (certain)")
    evidence: dict[str, Any] = Field(description="What the check found, to judge it by; its keys depend on `kind`")


class CaseFlagOut(Schema):
    reason: str
    text: str
    at: datetime


class CaseEventOut(Schema):
    action: str
    actor: str = Field(description="The role that acted, or system for a timer")
    by: str | None = Field(description="The operator's username; null for the system")
    from_: str = Field(alias="from", description="The status before")  # a Python keyword: answered by alias
    to: str = Field(description="The status after")
    note: str
    at: datetime


class OperatorCaseOut(ModerationCaseOut):
    """Everything an operator weighs."""

    source: str = Field(description="Who opened the case, one of: " + ", ".join(Case.Source.values))
    review_text: CaseReviewTextOut
    signals: list[RiskSignalOut]
    flags: list[CaseFlagOut]
    events: list[CaseEventOut] = Field(description="The case's audit log, oldest first")
    # Absent unless asked for (a decision is blind to the stars), never null: operations answer with
    # exclude_unset, so the default is never sent.
    ratings: dict[str, int | None] = Field(
        default_factory=dict,
        description="Only with `ratings=true`: overall, then each criterion's label -> stars (null: not rated)",
    )


def party_case_out(case: Case) -> dict[str, Any]:
    """A decision as the review's author and subject read it: no signals, no flags, no private note."""
    return {
        "id": str(case.pk),
        "review": str(case.review_id),
        "status": case.status,
        "outcome": case.outcome,
        "rule": case.rule,
        "reason": case.reason,
        "decided_at": case.decided_at,
        "appeal_until": case.appeal_until,
        "appealed": case.appealed_by_id is not None,
        "final_outcome": case.final_outcome or None,
        "final_reason": case.final_reason or None,
    }


def operator_case_out(case: Case, *, ratings: bool = False) -> dict[str, Any]:
    """Everything an operator weighs; star ratings only when asked for, so a decision is blind to them."""
    review = case.review
    out = party_case_out(case) | {
        "source": case.source,
        "review_text": {
            "went_well": review.went_well,
            "could_improve": review.could_improve,
            "private_note": review.private_note,
            "status": review.status,
            "author_role": review.author_role,
            "category": review.category,
            "budget_band": review.budget_band,
            "duration_band": review.duration_band,
        },
        "signals": [{"kind": s.kind, "score": s.score, "evidence": s.evidence} for s in review.signals.all()],
        "flags": [{"reason": f.reason, "text": f.text, "at": f.created_at} for f in case.flags.all()],
        "events": [
            {
                "action": e.action,
                "actor": e.actor,
                "by": e.by.username if e.by else None,
                "from": e.from_status,
                "to": e.to_status,
                "note": e.note,
                "at": e.created_at,
            }
            for e in case.events.all()
        ],
    }
    if ratings:
        out["ratings"] = {"overall": review.overall} | {str(label): stars for label, stars in review.ratings()}
    return out


@router.post("/reviews/{review_id}/flag", response={201: ReviewFlagOut})
def review_flag(request: HttpRequest, review_id: str, payload: FlagIn) -> Status:
    """Report a published review, once, with a reason code and a text. It stays visible while it is checked
    unless it is clearly harmful (personal data or extortion the review's own words confirm)."""
    flag = moderation.flag_create(
        review_id=review_id, by=current_user(request), reason=payload.reason, text=payload.text
    )
    return Status(
        201,
        {
            "id": str(flag.pk),
            "review": str(flag.review_id),
            "reason": flag.reason,
            "text": flag.text,
            "created_at": flag.created_at,
        },
    )


@router.get("/moderation/{case_id}", response=ModerationCaseOut)
def moderation_get(request: HttpRequest, case_id: str) -> dict[str, Any]:
    """A decided case about your review (as its author or subject): the outcome, the reason and the rule."""
    case = moderation.case_for_party(case_id, current_user(request))
    if case is None:
        raise NotFound(_("No such case."))
    return party_case_out(case)


@router.post("/moderation/{case_id}/appeal", response=ModerationCaseOut)
def moderation_appeal(request: HttpRequest, case_id: str, payload: AppealIn) -> dict[str, Any]:
    """Either party, once, before `appeal_until`: a different operator decides again, finally."""
    case = moderation.case_appeal(case_id=case_id, by=current_user(request), reason=payload.reason)
    return party_case_out(case)


@router.get("/operations/moderation", response=Page[QueuedCaseOut])
def moderation_queue(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Operators: open and appealed cases, oldest first."""
    if not current_user(request).is_staff:
        raise NotFound()
    return paginate(
        moderation.moderation_queue(),
        cursor=query.cursor,
        limit=query.limit,
        serialize=lambda case: party_case_out(case) | {"source": case.source, "flags": case.flag_count},
    )


@router.get("/operations/moderation/{case_id}", response=OperatorCaseOut, by_alias=True, exclude_unset=True)
def moderation_case(request: HttpRequest, case_id: str, query: Query[CaseQuery]) -> dict[str, Any]:
    """Operators: a case with its signals, flags and audit log; `ratings=true` adds the stars."""
    return operator_case_out(moderation.case_for_operator(case_id, current_user(request)), ratings=query.ratings)


@router.post("/operations/moderation/{case_id}/decide", response=OperatorCaseOut, by_alias=True, exclude_unset=True)
def moderation_decide(request: HttpRequest, case_id: str, payload: DecideIn) -> dict[str, Any]:
    """Operators: keep, remove (with `rule`) or redact (with the redacted texts), with a written `reason`."""
    user = current_user(request)
    moderation.case_decide(case_id=case_id, by=user, **payload.dict())
    return operator_case_out(moderation.case_for_operator(case_id, user))
