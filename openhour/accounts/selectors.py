"""Reads for accounts: public profiles, freelancer search and profile completeness."""

from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db.models import (
    Case,
    Exists,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from openhour.accounts.models import AccessToken, PortfolioItem, Profile, User
from openhour.catalog.models import Skill
from openhour.lib import pagination
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.integrity.models import Sanction
from openhour.reviews.integrity.services.testimonials import shown_testimonials
from openhour.reviews.models import PlatformMean
from openhour.reviews.scoring import published_about
from openhour.search import query as search

SORTS = ("relevance", "rating", "rate", "-rate", "newest")


def user_with_profile(*, user_id: int) -> User:
    return User.objects.select_related("profile").get(pk=user_id)


def public_profile(*, username: str) -> User | None:
    """The person behind /u/<username>, with everything the page shows, in four queries."""
    return (
        User.objects.filter(username=username, is_active=True)
        .select_related("profile", "responsiveness", "reputation_level", "identity_check")
        .prefetch_related(
            Prefetch("profile__skills", queryset=Skill.objects.select_related("category")),
            Prefetch("portfolio", queryset=PortfolioItem.objects.order_by("position", "id")),
        )
        # Whether each reputation block has anything to show, so a profile without reviews costs no more.
        .annotate(
            has_freelancer_reviews=Exists(published_about(OuterRef("pk"), FREELANCER)),
            has_client_reviews=Exists(published_about(OuterRef("pk"), CLIENT)),
            has_sanctions=Exists(Sanction.objects.filter(user=OuterRef("pk"), lifted_at__isnull=True)),
            has_testimonials=Exists(shown_testimonials(OuterRef("pk"))),
        )
        .first()
    )


def _verified() -> Exists:
    return Exists(EmailAddress.objects.filter(user=OuterRef("pk"), verified=True))


def freelancer_search(
    *,
    q: str = "",
    skill: str = "",
    category: str = "",
    country: str = "",
    max_rate: int | None = None,
    currency: str = "",
    sort: str = "relevance",
    min_rating: float | None = None,
    ranked: int | None = None,
) -> QuerySet[User]:
    """Active freelancers with a verified e-mail, filtered; rates compare within one currency. Each comes with
    their stored freelancer reputation (`reputation_score`, `reputation_reviews`) and `ranking_score`.

    Best match ranks a bounded set: the `ranked` (search.RANKED) most recently updated matches, so a common word
    costs what a rare one does; the other matches are there to browse in the other orders."""
    # Every user has a profile (User.save makes it); saying so makes the join inner, so the list's order can be
    # walked on the profile's indexes.
    people = User.objects.filter(is_freelancer=True, is_active=True, profile__isnull=False).filter(_verified())
    if skill:
        people = people.filter(_has_skill(slug=skill))
    if category:
        people = people.filter(_has_skill(category__slug=category))
    if country:
        people = people.filter(profile__country=country.upper())
    if max_rate is not None:
        people = people.filter(profile__hourly_rate__lte=max_rate, profile__rate_currency=currency or "GBP")
    words = search.terms(q)
    if words:
        people = people.filter(search.matching("person", words))
    elif q.strip():
        people = people.none()  # only punctuation or symbols: nothing to look for
    people = _with_reputation(people)
    if min_rating is not None:
        people = people.filter(**{"reputation_score__gte": min_rating})  # an annotation: unknown to mypy
    if sort == "relevance" and words:
        # The count says "1,000+" when more match than best match ranks: the others are there to browse.
        bound = search.RANKED if ranked is None else ranked
        return pagination.counted_as(_ordered(_shown(_best_matches(people, words, bound)), sort), people, bound=bound)
    return _ordered(_shown(people), sort)  # last: the order's paging parts are marks a clone would forget


def _shown(people: QuerySet[User]) -> QuerySet[User]:
    return people.select_related("profile", "responsiveness", "reputation_level").prefetch_related("profile__skills")


def _has_skill(**skill: str) -> Exists:
    """A semi-join, one row per person however many skills match, which the planner can estimate: a join and a
    second pass over its people hid how few they are, so best match walked every profile to find 1,000."""
    return Exists(
        Profile.skills.through.objects.filter(profile_id=OuterRef("pk"), **{f"skill__{k}": v for k, v in skill.items()})
    )


def _best_matches(people: QuerySet[User], words: list[str], ranked: int) -> QuerySet[User]:
    """The `ranked` matches first in the browse order (a walk of the profile index that stops there), each ranked
    by how well it matches: ranking every match of a common word would read them all."""
    bounded = people.order_by("-profile__updated_at", "-profile__user_id").values("pk")[:ranked]
    best = _with_reputation(User.objects.filter(profile__isnull=False, pk__in=bounded))
    return best.annotate(search_rank=search.rank_each("person", words))


def _with_reputation(people: QuerySet[User]) -> QuerySet[User]:
    """The stored score (openhour.reviews.scoring) and, to rank by, that score or the platform mean for people
    without one: the formula starts every new profile at the mean (as /trust/reviews says). One join on the
    stored rows and the stored mean, so ranking costs no query per person."""
    people = people.annotate(
        freelancer_reputation=FilteredRelation("reputations", condition=Q(reputations__role=FREELANCER))
    )
    return people.annotate(
        reputation_score=F("freelancer_reputation__score"),
        reputation_reviews=Coalesce(F("freelancer_reputation__reviews"), 0),
        # The plain average the cards lead with ("5.0 from 1 review"), from the stored Σ rᵢ and count.
        reputation_average=Cast("freelancer_reputation__overall_total", FloatField())
        / NullIf(Cast("freelancer_reputation__reviews", FloatField()), Value(0.0)),
        ranking_score=Coalesce(
            Cast("freelancer_reputation__score", FloatField()),
            _mean(),
            Value(1.0),
            output_field=FloatField(),
        ),
    )


def _mean() -> Subquery:
    """The stored platform mean of freelancers' ratings (NULL before any review)."""
    mean = PlatformMean.objects.filter(role=FREELANCER).annotate(
        value=Cast("total", FloatField()) / NullIf(Cast("reviews", FloatField()), 0.0)
    )
    return Subquery(mean.values("value")[:1], output_field=FloatField())


def _mean_now() -> Decimal:
    """The stored platform mean as a number (1 before any review), read once: as a literal the planner sees how
    many profiles lie above and below it, which a subquery's value hides (it then scans a part to sort it)."""
    stored = PlatformMean.objects.filter(role=FREELANCER).values_list("total", "reviews").first()
    return Decimal(stored[0]) / Decimal(stored[1]) if stored and stored[1] else Decimal(1)


def _ordered(people: QuerySet[User], sort: str) -> QuerySet[User]:
    if sort == "rating":
        return _best_rated(people)
    if sort in ("rate", "-rate"):
        return _by_rate(people, descending=sort == "-rate")
    if sort == "newest":
        return people.order_by("-date_joined", "-pk")
    if "search_rank" in people.query.annotations:
        # Best match: how well the words match, times the reputation score, so reviews tip similar matches.
        return people.order_by((F("search_rank") * F("ranking_score")).desc(), "-profile__updated_at", "-pk")
    # Both keys on the profile (whose key is the user's), so its index walks the list instead of a sort of everyone.
    return people.order_by("-profile__updated_at", "-profile__user_id")


def _best_rated(people: QuerySet[User]) -> QuerySet[User]:
    """By ranking score, then reviews, then the browse order: people without a score sit at the platform mean,
    after those scored exactly that (who have reviews). Paged in four parts (above the mean, at it, unscored,
    below it), each a range of the profiles' best-rated index, since no index holds NULLs in the middle."""
    at = _mean_now()
    parts = [
        Q(profile__freelancer_score__gt=at),
        Q(profile__freelancer_score=at),
        Q(profile__freelancer_score__isnull=True),
        Q(profile__freelancer_score__lt=at),
    ]
    whens = [When(where, then=Value(n)) for n, where in enumerate(parts[:-1])]
    people = people.annotate(rating_part=Case(*whens, default=Value(len(parts) - 1), output_field=IntegerField()))
    ordered = people.order_by(
        "rating_part",
        "-profile__freelancer_score",
        "-profile__freelancer_reviews",
        "-profile__updated_at",
        "-pk",
    )
    return pagination.in_parts(ordered, parts)


def _by_rate(people: QuerySet[User], *, descending: bool) -> QuerySet[User]:
    """People without a rate go last either way: a part of their own, so each part walks the profiles' rate
    index (SQLite and PostgreSQL disagree on where NULL sorts, and SQLite indexes cannot say)."""
    parts = [Q(profile__hourly_rate__isnull=False), Q(profile__hourly_rate__isnull=True)]
    people = people.annotate(
        rate_part=Case(When(parts[1], then=Value(1)), default=Value(0), output_field=IntegerField())
    )
    rate = "-profile__hourly_rate" if descending else "profile__hourly_rate"
    return pagination.in_parts(people.order_by("rate_part", rate, "pk"), parts)


def access_tokens(*, user: User) -> QuerySet[AccessToken]:
    return AccessToken.objects.filter(user=user)


def access_token_owner(*, secret: str) -> tuple[AccessToken, User] | None:
    from openhour.accounts.services import token_digest

    token = AccessToken.objects.select_related("user").filter(digest=token_digest(secret)).first()
    if token is None or not token.user.is_active:
        return None
    return token, token.user


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]


# Weights follow what wins work: a clear photo, a concise authentic bio, specific skills and
# a portfolio of varied, high-quality samples count most.
FREELANCER_CHECKS = [
    (20, "photo", _("Add a clear, professional photo of your face.")),
    (10, "headline", _("Write a headline that says what you do, e.g. “Brand designer for food start-ups”.")),
    (20, "bio", _("Write a concise, authentic bio of at least 150 characters: who you help and how.")),
    (15, "skills", _("Pick at least 3 specific skills.")),
    (10, "rate", _("Set your hourly rate.")),
    (5, "country", _("Say which country you work from.")),
    (5, "languages", _("List the languages you work in.")),
    (15, "portfolio", _("Show at least 3 varied samples of your best work in your portfolio.")),
]
CLIENT_CHECKS = [
    (25, "photo", _("Add a photo or your company logo.")),
    (35, "company_name", _("Add your company name (or your own name if you hire for yourself).")),
    (20, "website", _("Add your website so freelancers can learn about you.")),
    (20, "country", _("Say which country you are in.")),
]


def profile_completeness(*, user: User, profile: Profile, portfolio_count: int, skill_count: int) -> Completeness:
    done = {
        "photo": bool(profile.photo),
        "headline": bool(profile.headline),
        "bio": len(profile.bio.strip()) >= 150,
        "skills": skill_count >= 3,
        "rate": profile.hourly_rate is not None,
        "country": bool(profile.country),
        "languages": bool(profile.languages),
        "portfolio": portfolio_count >= 3,
        "company_name": bool(profile.company_name),
        "website": bool(profile.website),
    }
    checks = FREELANCER_CHECKS if user.is_freelancer else CLIENT_CHECKS
    total = sum(weight for weight, _key, _hint in checks)
    earned = sum(weight for weight, key, _hint in checks if done[key])
    return Completeness(
        percent=round(100 * earned / total), missing=[str(hint) for _w, key, hint in checks if not done[key]]
    )


def completeness_for(*, user: User) -> Completeness:
    profile = user.profile
    return profile_completeness(
        user=user, profile=profile, portfolio_count=user.portfolio.count(), skill_count=profile.skills.count()
    )
