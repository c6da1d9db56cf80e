"""Reputation and published reviews in public: the reputation blocks of profiles and project pages, all of a
person's reviews at /u/<username>/reviews, and /trust/reviews, which publishes the formula of
openhour.reviews.scoring with its live parameters. Only published reviews are read here, never private notes."""

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import NotFound
from openhour.lib.lists import and_list
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews import scoring
from openhour.reviews.criteria import CRITERIA, POSITIVE, WOULD_AGAIN, subject_role
from openhour.reviews.models import Review
from openhour.reviews.scoring import Summary
from openhour.reviews.selectors import SORTS, published_reviews_of

PER_PAGE = 20  # reviews on one page of /u/<username>/reviews
LATEST = 5  # reviews shown under a reputation block on the profile


@dataclass
class Star:
    stars: int
    count: int
    percent: int


@dataclass
class ReputationBlock:
    """One person's reputation in one role, ready to show: the summary and the latest published reviews."""

    person: User
    role: str  # the role they were reviewed in
    summary: Summary
    latest: list[Review] = field(default_factory=list)

    @property
    def reviewers_role(self) -> str:
        return subject_role(self.role)  # the other side of the contracts wrote them

    @property
    def criteria(self) -> list[tuple[str, float]]:
        rows = CRITERIA[self.reviewers_role]
        return [(str(label), self.summary.criteria[name]) for name, label in rows if name in self.summary.criteria]

    @property
    def distribution(self) -> list[Star]:
        total = self.summary.reviews or 1
        return [Star(stars, count, round(100 * count / total)) for stars, count in self.summary.distribution.items()]

    @property
    def would_again_label(self) -> str:
        return str(WOULD_AGAIN[self.reviewers_role])

    @property
    def would_again_at_least(self) -> int | None:
        """The Wilson lower bound as a whole percent, rounded down so it never overstates."""
        bound = self.summary.would_again_lower_bound
        return None if bound is None else math.floor(100 * bound)

    @property
    def reviews_url(self) -> str:
        return review_list_url(self.person, role=self.role)


def review_list_url(person: User, *, role: str, sort: str = "recent") -> str:
    return reverse("public_reviews", args=[person.username]) + "?" + urlencode({"sort": sort, "role": role})


def reputation_block(*, person: User, role: str, latest: int = 0, known_empty: bool = False) -> ReputationBlock:
    """The block for `person` in `role`; `known_empty` (no published reviews, known from an annotation) skips
    every query, so a profile without reviews costs nothing more."""
    if known_empty:
        empty = Summary(
            role=role,
            score=None,
            reviews=0,
            last_12_months=0,
            prior_mean=None,
            prior_reviews=settings.REPUTATION_PRIOR_REVIEWS,
            half_life_months=settings.REPUTATION_HALF_LIFE_MONTHS,
        )
        return ReputationBlock(person, role, empty)
    summary = scoring.reputation_of(user=person, role=role)
    rows = list(published_reviews_of(user=person, role=role)[:latest]) if latest and summary.reviews else []
    return ReputationBlock(person, role, summary, rows)


def profile_blocks(person: User) -> list[ReputationBlock]:
    """A freelancer's reputation as a freelancer, and as a client if they have client reviews; a client's as a
    client. `public_profile` annotates whether each role has published reviews."""
    blocks = []
    has_freelancer = getattr(person, "has_freelancer_reviews", True)
    has_client = getattr(person, "has_client_reviews", True)
    if person.is_freelancer:
        blocks.append(reputation_block(person=person, role=FREELANCER, latest=LATEST, known_empty=not has_freelancer))
    if has_client or not person.is_freelancer:
        blocks.append(reputation_block(person=person, role=CLIENT, latest=LATEST, known_empty=not has_client))
    return blocks


def public_reviews(request: HttpRequest, username: str) -> HttpResponse:
    """All of a person's published reviews in one role, 20 a page, newest or best first: never filtered."""
    person = User.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise NotFound(_("There is nobody here by that name."))
    role = _choice(request.GET.get("role"), (FREELANCER, CLIENT), FREELANCER if person.is_freelancer else CLIENT)
    sort = _choice(request.GET.get("sort"), tuple(SORTS), "recent")
    rows = published_reviews_of(user=person, role=role, sort=sort).select_related("subject")
    reputation = reputation_block(person=person, role=role)
    pages = Paginator(rows, PER_PAGE)
    pages.count = reputation.summary.reviews  # stored with the reputation: no count of every review
    page = pages.get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/reviews_page.html",
        {
            "person": person,
            "reputation": reputation,
            "page": page,
            "role": role,
            "sort": sort,
            "query": urlencode({"sort": sort, "role": role}),
            "sorts": [(key, review_list_url(person, role=role, sort=key)) for key in SORTS],
            "other_role": CLIENT if role == FREELANCER else FREELANCER,
            "other_role_url": review_list_url(person, role=CLIENT if role == FREELANCER else FREELANCER, sort=sort),
        },
    )


def _choice(given: str | None, allowed: tuple[str, ...], default: str) -> str:
    return given if given is not None and given in allowed else default


def trust_reviews(request: HttpRequest) -> HttpResponse:
    """How reviews work, with the formula's live parameters: the page must say what the code does."""
    reminders = [day for day in settings.REVIEW_REMINDER_DAYS if day < settings.REVIEW_WINDOW_DAYS]
    return render(
        request,
        "reviews/trust_reviews.html",
        {
            "window_days": settings.REVIEW_WINDOW_DAYS,
            "reminder_days": reminders,
            "reminder_days_listed": and_list(reminders),
            "reply_edit_days": settings.REPLY_EDIT_DAYS,
            "prior_reviews": settings.REPUTATION_PRIOR_REVIEWS,
            "half_life_months": settings.REPUTATION_HALF_LIFE_MONTHS,
            "positive": POSITIVE,
            "z": scoring.Z_95,
            "freelancer_mean": scoring.platform_mean(FREELANCER),
            "client_mean": scoring.platform_mean(CLIENT),
            "clients_rate": and_list(label for _name, label in CRITERIA[CLIENT]),
            "freelancers_rate": and_list(label for _name, label in CRITERIA[FREELANCER]),
        },
    )
