"""The reputation formula, published on /trust/reviews.

score = (C·m + Σ wᵢ·rᵢ) / (C + Σ wᵢ), where rᵢ is a review's overall rating, wᵢ = 0.5^(ageᵢ / half-life) its
weight, m the platform mean of all published overall ratings for that role and C the prior: C phantom
reviews at the platform mean (REPUTATION_PRIOR_REVIEWS, default 7; REPUTATION_HALF_LIFE_MONTHS, default 12).
A new profile therefore starts near the platform mean and moves away from it as real reviews arrive; recent
reviews weigh more. Beside the score: per-criterion averages, the star distribution, counts, "effective
percent positive" (positive reviews ÷ all completed contracts in that role, so silence counts) and the
Wilson lower bound (95%) of "would work again".
"""

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from openhour.accounts.models import Profile, User
from openhour.contracts.models import Contract
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.criteria import CRITERIA, POSITIVE, other_role
from openhour.reviews.models import PlatformMean, Reputation, Review

DAYS_PER_MONTH = 365.25 / 12
Z_95 = 1.959964  # the normal quantile for a 95% two-sided interval


def decay_weight(age: timedelta, half_life_months: float) -> float:
    """1 for a review written now, ½ one half-life ago, ¼ two half-lives ago."""
    days = max(age.total_seconds(), 0) / 86400
    return float(0.5 ** (days / (half_life_months * DAYS_PER_MONTH)))


def bayesian_score(ratings: list[tuple[int, float]], *, prior_mean: float, prior_reviews: float) -> float:
    """The weighted mean of (rating, weight) pairs, pulled towards `prior_mean` by `prior_reviews` phantoms."""
    return bayesian_mean(
        weighted_total=sum(r * w for r, w in ratings),
        weight=sum(w for _rating, w in ratings),
        prior_mean=prior_mean,
        prior_reviews=prior_reviews,
    )


def bayesian_mean(*, weighted_total: float, weight: float, prior_mean: float, prior_reviews: float) -> float:
    """The same from the sums Σ wᵢ·rᵢ and Σ wᵢ, as a stored Reputation keeps them."""
    return (prior_reviews * prior_mean + weighted_total) / (prior_reviews + weight)


def wilson_lower_bound(positive: int, total: int, z: float = Z_95) -> float | None:
    """The lower end of the Wilson score interval for positive/total: cautious with few answers."""
    if total == 0:
        return None
    p = positive / total
    centre = p + z * z / (2 * total)
    margin = z * math.sqrt((p * (1 - p) + z * z / (4 * total)) / total)
    return max(0.0, (centre - margin) / (1 + z * z / total))  # 0 of n rounds to just below zero


@dataclass
class Summary:
    role: str  # the role the person was reviewed in
    score: float | None  # the ranking score: the published formula, pulled towards the platform mean
    reviews: int
    last_12_months: int
    prior_mean: float | None
    prior_reviews: int
    half_life_months: int
    distribution: dict[int, int] = field(default_factory=dict)  # stars -> count, 5 down to 1
    criteria: dict[str, float] = field(default_factory=dict)  # field -> average
    would_again_yes: int = 0
    would_again_lower_bound: float | None = None
    completed_contracts: int = 0
    positive: int = 0
    effective_percent_positive: float | None = None
    average: float | None = None  # the plain mean of the overall ratings, what people expect "5.0 from 1 review" to be


def published_about(user: User | OuterRef, role: str) -> QuerySet[Review]:
    """Published reviews of `user` in `role` (client reviews of freelancers, or the other way)."""
    return reviews_of_role(role).filter(subject=user)


def reviews_of_role(role: str) -> QuerySet[Review]:
    """Every shown review about people in `role`: what the platform mean is taken over."""
    return Review.objects.shown().filter(author_role=other_role(role))


def platform_mean(role: str) -> float | None:
    """The stored mean; counted from the reviews only before anything has stored it (a fresh bulk load)."""
    stored = PlatformMean.objects.filter(role=role).first()
    return (stored or _counted_mean(role, timezone.now())).mean


def reputation_of(*, user: User, role: str, now: datetime | None = None) -> Summary:
    """Everything the profile, the API and search show about a person's reputation in one role, from the stored
    row (two small queries); from the reviews themselves for a row not written by this formula's refresh."""
    now = now or timezone.now()
    row = Reputation.objects.filter(user=user, role=role).first()
    if row is None or not _usable(row, now):
        row = _aggregated(user, role, now)
    return _summary(row, platform_mean(role) if row.reviews else None, now)


def _usable(row: Reputation, now: datetime) -> bool:
    """Stored sums decay to any later moment; an earlier one (a clock set back) or another half-life cannot."""
    return row.half_life_months == settings.REPUTATION_HALF_LIFE_MONTHS and row.computed_at <= now


def _summary(row: Reputation, mean: float | None, now: datetime) -> Summary:
    prior_reviews, half_life = settings.REPUTATION_PRIOR_REVIEWS, settings.REPUTATION_HALF_LIFE_MONTHS
    summary = Summary(
        role=row.role,
        score=None,
        reviews=row.reviews,
        prior_mean=mean,
        prior_reviews=prior_reviews,
        half_life_months=half_life,
        last_12_months=row.last_12_months,
        distribution={stars: int(row.distribution.get(str(stars), 0)) for stars in range(5, 0, -1)},
        criteria=dict(row.criteria),
        would_again_yes=row.would_again_yes,
        completed_contracts=row.completed_contracts,
    )
    if row.reviews and mean is not None:
        summary.score = round(_score(row, mean, now), 2)
    summary.would_again_lower_bound = wilson_lower_bound(row.would_again_yes, row.reviews)
    summary.positive = sum(count for stars, count in summary.distribution.items() if stars >= POSITIVE)
    rated = sum(summary.distribution.values())
    if rated:
        summary.average = round(sum(stars * count for stars, count in summary.distribution.items()) / rated, 2)
    if summary.completed_contracts:
        summary.effective_percent_positive = round(100 * summary.positive / summary.completed_contracts, 1)
    return summary


def _score(row: Reputation, mean: float, now: datetime) -> float:
    """Every weight of the row decays by the same factor from `computed_at` to `now`."""
    decay = decay_weight(now - row.computed_at, settings.REPUTATION_HALF_LIFE_MONTHS)
    return bayesian_mean(
        weighted_total=row.weighted_total * decay,
        weight=row.weight * decay,
        prior_mean=mean,
        prior_reviews=settings.REPUTATION_PRIOR_REVIEWS,
    )


def _aggregated(user: User, role: str, now: datetime) -> Reputation:
    """The row that `reputation_refresh` stores, worked out from the person's reviews (unsaved, without score)."""
    names = [name for name, _l in _criteria_of(role)]
    rows = list(published_about(user, role).values("overall", "would_work_again", "published_at", *names))
    row = _built(user.pk, role, rows, _completed(user, role), now)
    row.user = user
    return row


def _built(user_id: int, role: str, rows: list[dict[str, Any]], completed: int, now: datetime) -> Reputation:
    """One person's row from their shown reviews in `role` (dicts of the fields read by `_aggregated`)."""
    half_life = settings.REPUTATION_HALF_LIFE_MONTHS
    weighted = [(row["overall"], decay_weight(now - row["published_at"], half_life)) for row in rows]
    criteria = {}
    for name, _label in _criteria_of(role):
        given = [row[name] for row in rows if row[name] is not None]
        if given:
            criteria[name] = round(sum(given) / len(given), 2)
    return Reputation(
        user_id=user_id,
        role=role,
        reviews=len(rows),
        computed_at=now,
        half_life_months=half_life,
        weight=sum(w for _rating, w in weighted),
        weighted_total=sum(r * w for r, w in weighted),
        overall_total=sum(row["overall"] for row in rows),
        last_12_months=sum(1 for row in rows if row["published_at"] >= now - timedelta(days=365)),
        distribution={str(stars): sum(1 for row in rows if row["overall"] == stars) for stars in range(5, 0, -1)},
        criteria=criteria,
        would_again_yes=sum(1 for row in rows if row["would_work_again"]),
        completed_contracts=completed,
    )


def _criteria_of(role: str) -> list[tuple[str, Any]]:
    """The criteria a person in `role` is rated on (by the other side)."""
    return CRITERIA[other_role(role)]


def _completed(user: User, role: str) -> int:
    return _completed_contracts().filter(**{_party(role): user}).count()


def _completed_contracts() -> QuerySet[Contract]:
    return Contract.objects.filter(status=Contract.Status.ENDED, outcome=Contract.Outcome.COMPLETED)


def _party(role: str) -> str:
    return "client" if role == CLIENT else "freelancer"


# ---- the stored rows: written as reviews publish or leave the public, and as time passes --------------------


def reputation_refresh(*, user: User, role: str) -> Reputation:
    """Store the person's current reputation in `role` and move the platform mean by what changed in it.
    Locks both platform means first (in role order), then the person's row: every refresh queues on the means,
    so refreshes never deadlock on each other's rows."""
    with transaction.atomic():
        means, counted = _means_locked(role)
        old = Reputation.objects.select_for_update().filter(user=user, role=role).first()
        row = _aggregated(user, role, timezone.now())
        if not counted:  # a mean counted just now already holds this person's reviews
            _mean_moved(means[role], old, row)
        row.score = _stored_score(row, means[role].mean)
        if old is not None:
            row.pk = old.pk
        row.save()
        if role == FREELANCER:  # what "Best rated" walks (accounts.selectors), kept with the row
            Profile.objects.filter(user=user).update(freelancer_score=row.score, freelancer_reviews=row.reviews)
    return row


def reputations_refresh(*, people: Iterable[tuple[User, str]]) -> None:
    """Refresh several (person, role) rows in one fixed order, (role, person), the order `round_open` writes in."""
    for user, role in sorted(set(people), key=lambda each: (each[1], each[0].pk)):
        reputation_refresh(user=user, role=role)


def reputation_contracts_count(*, contract: Contract) -> None:
    """A contract completed: both parties' stored rows count it (silence lowers "effective percent positive").
    Rows in (role, person) order, as `reputations_refresh` takes them; a person without a row has nothing stored."""
    for role, user in ((CLIENT, contract.client), (FREELANCER, contract.freelancer)):
        Reputation.objects.filter(user=user, role=role).update(completed_contracts=_completed(user, role))


def _stored_score(row: Reputation, mean: float | None) -> Decimal | None:
    if not row.reviews or mean is None:
        return None
    return Decimal(str(round(_score(row, mean, row.computed_at), 2)))


def _means_locked(role: str) -> tuple[dict[str, PlatformMean], bool]:
    """The platform means, locked in role order, and whether the one of `role` was counted from the reviews just
    now because none was stored yet (it then holds every change this transaction made)."""
    locked = {mean.role: mean for mean in PlatformMean.objects.select_for_update().order_by("role")}
    if role in locked:
        return locked, False
    PlatformMean.objects.bulk_create([_counted_mean(role, timezone.now())], ignore_conflicts=True)
    return {mean.role: mean for mean in PlatformMean.objects.select_for_update().order_by("role")}, True


def _mean_moved(mean: PlatformMean, old: Reputation | None, new: Reputation) -> None:
    """Add what changed in one person's reviews to the mean; a row from before these sums were stored does not
    say what it counted, so then the mean is counted again."""
    if old is not None and old.half_life_months is None:
        _mean_recounted(mean, new.computed_at)
        return
    mean.reviews += new.reviews - (old.reviews if old else 0)
    mean.total += new.overall_total - (old.overall_total if old else 0)
    mean.save(update_fields=["reviews", "total"])


def _counted_mean(role: str, now: datetime) -> PlatformMean:
    """The mean counted from every shown review (unsaved): for the worker, the rebuild and a first refresh."""
    counted = reviews_of_role(role).aggregate(reviews=Count("pk"), total=Sum("overall"))
    return PlatformMean(role=role, reviews=counted["reviews"], total=counted["total"] or 0, computed_at=now)


def reputations_refresh_due(now: datetime | None = None) -> int:
    """Time decay and the platform mean move every score a little: refresh those older than a day, after
    counting the means again if that was over an hour ago (anything written past the services drifts them)."""
    now = now or timezone.now()
    if PlatformMean.objects.filter(computed_at__gte=now - timedelta(hours=1)).count() < 2:
        platform_means_recount(now=now)
    stale = Reputation.objects.filter(computed_at__lt=now - timedelta(days=1)).select_related("user")[:500]
    for row in stale:
        reputation_refresh(user=row.user, role=row.role)
    return len(stale)


def platform_means_recount(*, now: datetime | None = None) -> None:
    now = now or timezone.now()
    with transaction.atomic():
        for role in (CLIENT, FREELANCER):
            means, counted = _means_locked(role)
            if not counted:
                _mean_recounted(means[role], now)


def _mean_recounted(mean: PlatformMean, now: datetime) -> None:
    counted = _counted_mean(mean.role, now)
    mean.reviews, mean.total, mean.computed_at = counted.reviews, counted.total, now
    mean.save(update_fields=["reviews", "total", "computed_at"])


def reputations_rebuild(*, now: datetime | None = None, batch: int = 5_000) -> int:
    """Every stored row and both means worked out again from all reviews, in a few passes over the tables: for
    bulk loads and a changed half-life. People without shown reviews keep no row (read from the reviews)."""
    now = now or timezone.now()
    with transaction.atomic():
        platform_means_recount(now=now)
        means = {mean.role: mean.mean for mean in PlatformMean.objects.all()}
        Reputation.objects.all().delete()
        written = 0
        for role in (CLIENT, FREELANCER):
            rows = []
            for user_id, reviews, completed in _by_person(role):
                row = _built(user_id, role, reviews, completed, now)
                row.score = _stored_score(row, means[role])
                rows.append(row)
                if len(rows) >= batch:
                    written += len(Reputation.objects.bulk_create(rows))
                    rows = []
            written += len(Reputation.objects.bulk_create(rows))
        _profiles_ranked()
    return written


def _profiles_ranked() -> None:
    """Every profile's stored freelancer score and count, from the stored rows, in two statements."""
    stored = Reputation.objects.filter(role=FREELANCER)
    Profile.objects.exclude(freelancer_score=None, freelancer_reviews=0).update(
        freelancer_score=None, freelancer_reviews=0
    )
    row = stored.filter(user=OuterRef("user"))
    Profile.objects.filter(user__in=stored.values("user")).update(
        freelancer_score=Subquery(row.values("score")[:1]),
        freelancer_reviews=Coalesce(Subquery(row.values("reviews")[:1]), 0),
    )


def _by_person(role: str) -> Iterator[tuple[int, list[dict[str, Any]], int]]:
    """(person, their shown reviews in `role`, their completed contracts in `role`), in person order."""
    party = _party(role)
    completed = dict(
        _completed_contracts()
        .order_by()
        .values_list(f"{party}_id")
        .annotate(n=Count("pk"))
        .values_list(f"{party}_id", "n")
    )
    names = [name for name, _l in _criteria_of(role)]
    shown = reviews_of_role(role).order_by("subject_id", "pk")
    person: int | None = None
    rows: list[dict[str, Any]] = []
    for row in shown.values("subject_id", "overall", "would_work_again", "published_at", *names).iterator(5_000):
        if row["subject_id"] != person and person is not None:
            yield person, rows, completed.get(person, 0)
            rows = []
        person = row["subject_id"]
        rows.append(row)
    if person is not None:
        yield person, rows, completed.get(person, 0)
