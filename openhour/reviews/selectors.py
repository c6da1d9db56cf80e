"""Reads of reviews. Sealed reviews are never read here for anyone but their author."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.actions import Action
from openhour.contracts.models import Contract
from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import CLIENT, FREELANCER, OWNER, allowed_actions
from openhour.reviews.criteria import other_role
from openhour.reviews.labels import short_name as short_name  # where reviews show a reviewer's name
from openhour.reviews.models import Review, ReviewRound

SORTS = {"recent": ["-published_at", "-id"], "rating": ["-overall", "-published_at", "-id"]}


@dataclass
class ContractReviews:
    """What one party sees of a contract's reviews."""

    round: ReviewRound | None
    role: str
    mine: Review | None
    theirs: Review | None  # only once published
    theirs_status: str  # "none", "sealed" or "published": never more than that before publication

    @property
    def may_review(self) -> bool:
        return self._open and self.mine is None

    @property
    def may_edit(self) -> bool:
        return self._open and self.mine is not None and "edit" in allowed_actions(self.mine, OWNER)

    @property
    def closes_at(self) -> datetime | None:
        return self.round.closes_at if self.round else None

    @property
    def _open(self) -> bool:
        return bool(
            self.round and self.round.status == ReviewRound.Status.OPEN and timezone.now() < self.round.closes_at
        )


def contract_reviews(*, contract: Contract, viewer: User) -> ContractReviews:
    """The viewer's own review (sealed or not) and the other side's, only if published. Parties only."""
    role = contract.role_of(viewer)
    if role not in (CLIENT, FREELANCER):
        raise NotFound(_("No such contract."))
    round_ = ReviewRound.objects.filter(contract=contract).first()
    reviews = list(Review.objects.filter(contract=contract).select_related("author", "subject", "reply"))
    mine = next((r for r in reviews if r.author_id == viewer.pk), None)
    other = next((r for r in reviews if r.author_id != viewer.pk), None)
    if other is None:
        return ContractReviews(round_, role, mine, None, "none")
    published = other.status == Review.Status.PUBLISHED and not other.hidden_while_checked
    status = "published" if published else "sealed" if other.status == Review.Status.SEALED else "checked"
    return ContractReviews(round_, role, mine, other if published else None, status)


def published_reviews_of(*, user: User, role: str | None = None, sort: str = "recent") -> QuerySet[Review]:
    """Published reviews about `user` (in one role, or both), never filtered by rating."""
    rows = Review.objects.shown().filter(subject=user)
    if role is not None:
        rows = rows.filter(author_role=other_role(role))
    return rows.select_related("author", "reply").order_by(*SORTS.get(sort, SORTS["recent"]))


def published_review_or_404(review_id: Any) -> Review:
    missing = _("No such review.")
    review = (
        Review.objects.shown()
        .filter(pk=pk_or_404(review_id, missing))
        .select_related("author", "subject", "reply")
        .first()
    )
    if review is None:
        raise NotFound(missing)
    return review


def actions_for(*, user: User) -> list[Action]:
    """Contracts whose review window is open and that this person has not reviewed yet, due when it closes."""
    now = timezone.now()
    # A round opens when its contract ends and lasts the review window, so only the person's contracts that
    # ended within it are read (two index ranges), never every open round of the market.
    ended_lately = Q(contract__ended_at__gte=now - timedelta(days=settings.REVIEW_WINDOW_DAYS))
    rounds = (
        ReviewRound.objects.filter(status=ReviewRound.Status.OPEN, closes_at__gt=now)
        .filter(Q(contract__client=user) | Q(contract__freelancer=user), ended_lately)
        .exclude(reviews__author=user)
        .select_related("contract__client", "contract__freelancer")
        .order_by("closes_at", "pk")
    )
    title = _("Review your work with %(name)s on “%(title)s”")
    return [
        Action(
            kind="write_review",
            title=title % {"name": _counterpart(r.contract, user).name, "title": r.contract.title},
            url=f"/contracts/{r.contract_id}/review",
            due_at=r.closes_at,
        )
        for r in rounds
    ]


def _counterpart(contract: Contract, user: User) -> User:
    return contract.freelancer if contract.client_id == user.pk else contract.client
