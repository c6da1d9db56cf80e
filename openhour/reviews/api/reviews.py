"""Reviews and reputation over HTTP. A sealed review is shown to its author only; public lists carry published
reviews with their "Verified contract" label and never a private note or the amount paid."""

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field, RootModel

from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.pagination import paginate
from openhour.api.schemas import Page
from openhour.contracts.models import Contract
from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews import selectors
from openhour.reviews.criteria import CRITERIA
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.models import Reply, Review
from openhour.reviews.schemas import ReplyIn, ReviewFilters, ReviewIn, RoleQuery
from openhour.reviews.scoring import reputation_of
from openhour.reviews.services import reviews as services

router = Router(tags=["reviews"])


# ---- shapes ---------------------------------------------------------------------------------------------


class ReviewReplyOut(Schema):
    """The reviewed person's one public answer."""

    text: str
    created_at: datetime
    updated_at: datetime


class ReviewLabelsOut(Schema):
    """What the public label tells about the work: never the amount paid."""

    verified_contract: bool = Field(description="Always true: only contracts with money released are reviewed")
    category: str
    budget_band: str
    duration_band: str


class PublicReviewOut(Schema):
    id: str
    overall: int = Field(description="1 to 5 stars")
    ratings: dict[str, int | None] = Field(
        description="Criterion -> 1 to 5 stars, null when not rated; which criteria depends on `author_role`"
    )
    would_work_again: bool
    went_well: str
    could_improve: str
    reviewer: str = Field(description="The author's first name and initial")
    author_role: str = Field(description="The role the author wrote as: client or freelancer")
    labels: ReviewLabelsOut
    published_at: datetime | None = Field(description="Null until it is published")
    reply: ReviewReplyOut | None


class OwnReviewOut(PublicReviewOut):
    """One's own review, sealed or not, with the private note only its author ever sees."""

    status: str = Field(description="One of: " + ", ".join(Review.Status.values))
    checks: Literal["pending", "done"] = Field(
        description="Pending while the integrity checks of a submitted review run; it is not published before"
    )
    private_note: str
    submitted_at: datetime
    updated_at: datetime


class TheirReviewOut(PublicReviewOut):
    status: Literal["published"]


class SealedReviewOut(Schema):
    """The other party's review before publication: that it exists, nothing more."""

    status: Literal["sealed"]


class ContractReviewsOut(Schema):
    window_closes_at: datetime | None = Field(description="When the review window closes; null before it opens")
    may_review: bool
    may_edit: bool
    mine: OwnReviewOut | None
    theirs: Annotated[TheirReviewOut | SealedReviewOut, Field(discriminator="status")] | None = Field(
        description="Null while they have not reviewed you, or while their review is being checked"
    )


class ReputationOut(Schema):
    """A person's reputation in one role, by the formula published on /trust/reviews."""

    role: str = Field(description="The role the person was reviewed in")
    score: float | None = Field(
        description="The ranking score, out of 5, by the published formula (pulled towards the platform mean while "
        "there are few reviews); null before the first review"
    )
    average: float | None = Field(
        None, description="The plain mean of the overall ratings, 1 to 5; null before the first review"
    )
    reviews: int
    last_12_months: int = Field(description="Reviews published in the last 12 months")
    prior_mean: float | None = Field(description="The platform mean the score is pulled towards")
    prior_reviews: int = Field(description="How many phantom reviews at the platform mean pull the score")
    half_life_months: int = Field(description="A review's weight halves every this many months")
    distribution: dict[int, int] = Field(description="Stars, 5 down to 1 -> how many reviews gave that many")
    criteria: dict[str, float] = Field(description="Criterion -> average stars, over the reviews that rated it")
    would_again_yes: int = Field(description="Reviews saying they would work with the person again")
    would_again_lower_bound: float | None = Field(
        description="Cautious (Wilson, 95%) lower bound of the share who would work with them again, 0 to 1"
    )
    completed_contracts: int = Field(description="Completed contracts in this role, reviewed or not")
    positive: int = Field(description="Reviews of 4 stars or more")
    effective_percent_positive: float | None = Field(
        description="Positive reviews as a percentage of all completed contracts, so silence counts"
    )


class ReputationsOut(Schema):
    freelancer: ReputationOut
    client: ReputationOut


class ReputationAnswerOut(RootModel[ReputationOut | ReputationsOut]):
    """One role's reputation when `role` is given, else both roles'."""


def reply_out(reply: Reply) -> dict[str, Any]:
    return {"text": reply.text, "created_at": reply.created_at, "updated_at": reply.updated_at}


def public_review_out(review: Review) -> dict[str, Any]:
    """A published review as anyone may read it: no private note, a band instead of the amount."""
    return {
        "id": str(review.pk),
        "overall": review.overall,
        "ratings": {name: getattr(review, name) for name, _label in CRITERIA[review.author_role]},
        "would_work_again": review.would_work_again,
        "went_well": review.went_well,
        "could_improve": review.could_improve,
        "reviewer": selectors.short_name(review.author),
        "author_role": review.author_role,
        "labels": {
            "verified_contract": True,
            "category": review.category,
            "budget_band": review.budget_band,
            "duration_band": review.duration_band,
        },
        "published_at": review.published_at,
        "reply": _reply_of(review),
    }


def _reply_of(review: Review) -> dict[str, Any] | None:
    reply = getattr(review, "reply", None)  # a missing reply raises an AttributeError subclass
    return reply_out(reply) if reply is not None else None


def own_review_out(review: Review) -> dict[str, Any]:
    """One's own review, sealed or not, with the private note only its author ever sees. `checks` is "pending"
    while the integrity checks of a submitted review run (it cannot be published before they finish)."""
    return public_review_out(review) | {
        "status": review.status,
        "checks": "pending" if review.being_checked else "done",
        "private_note": review.private_note,
        "submitted_at": review.submitted_at,
        "updated_at": review.updated_at,
    }


def _person_or_404(username: str) -> User:
    person = User.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise NotFound(_("No such person."))
    return person


# ---- a contract's reviews (its two parties) -------------------------------------------------------------


@router.get("/contracts/{contract_id}/reviews", response=ContractReviewsOut)
def contract_reviews(request: HttpRequest, contract_id: str) -> dict[str, Any]:
    """Your review and theirs. Theirs is only `{"status": "sealed"}` until both are in or the window closes."""
    missing = _("No such contract.")
    contract = Contract.objects.filter(pk=pk_or_404(contract_id, missing)).first()
    if contract is None:
        raise NotFound(missing)
    found = selectors.contract_reviews(contract=contract, viewer=current_user(request))
    theirs: dict[str, Any] | None = None
    if found.theirs is not None:
        theirs = public_review_out(found.theirs) | {"status": found.theirs.status}
    elif found.theirs_status == "sealed":
        theirs = {"status": "sealed"}
    return {
        "window_closes_at": found.closes_at,
        "may_review": found.may_review,
        "may_edit": found.may_edit,
        "mine": own_review_out(found.mine) if found.mine else None,
        "theirs": theirs,
    }


@router.post("/contracts/{contract_id}/reviews", response={201: OwnReviewOut})
def review_submit(request: HttpRequest, contract_id: str, payload: ReviewIn) -> Status:
    """Review the other party, once, within the window. It stays sealed until they review you too (then both
    publish at once, and this answers `published`) or the window closes."""
    user = current_user(request)
    with transaction.atomic():  # recorded first, so the review's checks see where it was written from
        access_record(request=request, user=user, kind=AccessRecord.Kind.REVIEW)
        review = services.review_submit(contract_id=contract_id, by=user, data=payload.dict())
    return Status(201, own_review_out(review))


@router.put("/contracts/{contract_id}/reviews/mine", response=OwnReviewOut)
def review_edit(request: HttpRequest, contract_id: str, payload: ReviewIn) -> dict[str, Any]:
    """Replace your review while it is sealed; once published it can no longer change."""
    user = current_user(request)
    with transaction.atomic():
        access_record(request=request, user=user, kind=AccessRecord.Kind.REVIEW_EDIT)
        review = services.review_edit(contract_id=contract_id, by=user, data=payload.dict())
    return own_review_out(review)


# ---- public: anyone, signed in or not -------------------------------------------------------------------


@router.get("/users/{username}/reviews", auth=None, response=Page[PublicReviewOut])
def user_reviews(request: HttpRequest, username: str, query: Query[ReviewFilters]) -> dict[str, Any]:
    """Published reviews about a person, newest (or best rated) first, never filtered by rating."""
    rows = selectors.published_reviews_of(user=_person_or_404(username), role=query.role, sort=query.sort)
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=public_review_out)


@router.get("/users/{username}/reputation", auth=None, response=ReputationAnswerOut)
def user_reputation(request: HttpRequest, username: str, query: Query[RoleQuery]) -> dict[str, Any]:
    """The score with its formula inputs, distribution, per-criterion averages and counts. With `role`, that
    role's summary; without, `{"freelancer": ..., "client": ...}`."""
    person = _person_or_404(username)
    if query.role is not None:
        return asdict(reputation_of(user=person, role=query.role))
    return {role: asdict(reputation_of(user=person, role=role)) for role in (FREELANCER, CLIENT)}


# ---- replies (the person reviewed) ----------------------------------------------------------------------


@router.post("/reviews/{review_id}/reply", response={201: ReviewReplyOut})
def reply_post(request: HttpRequest, review_id: str, payload: ReplyIn) -> Status:
    """Answer a published review about you, once, in public."""
    reply = services.reply_post(review_id=review_id, by=current_user(request), text=payload.text)
    return Status(201, reply_out(reply))


@router.put("/reviews/{review_id}/reply", response=ReviewReplyOut)
def reply_edit(request: HttpRequest, review_id: str, payload: ReplyIn) -> dict[str, Any]:
    """Change your reply, within 30 days of writing it."""
    reply = services.reply_edit(review_id=review_id, by=current_user(request), text=payload.text)
    return reply_out(reply)
