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
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Avg, OuterRef, Q, QuerySet
from django.utils import timezone

from openhour.accounts.models import User
from openhour.contracts.models import Contract
from openhour.lib.process import CLIENT
from openhour.reviews.criteria import CRITERIA, POSITIVE, other_role
from openhour.reviews.models import Reputation, Review

DAYS_PER_MONTH = 365.25 / 12
Z_95 = 1.959964  # the normal quantile for a 95% two-sided interval


def decay_weight(age: timedelta, half_life_months: float) -> float:
    """1 for a review written now, ½ one half-life ago, ¼ two half-lives ago."""
    days = max(age.total_seconds(), 0) / 86400
    return float(0.5 ** (days / (half_life_months * DAYS_PER_MONTH)))


def bayesian_score(ratings: list[tuple[int, float]], *, prior_mean: float, prior_reviews: float) -> float:
    """The weighted mean of (rating, weight) pairs, pulled towards `prior_mean` by `prior_reviews` phantoms."""
    weight = sum(w for _rating, w in ratings)
    return (prior_reviews * prior_mean + sum(r * w for r, w in ratings)) / (prior_reviews + weight)


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
    score: float | None
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


def published_about(user: User | OuterRef, role: str) -> QuerySet[Review]:
    """Published reviews of `user` in `role` (client reviews of freelancers, or the other way)."""
    return reviews_of_role(role).filter(subject=user)


def reviews_of_role(role: str) -> QuerySet[Review]:
    """Every shown review about people in `role`: what the platform mean is taken over."""
    return Review.objects.shown().filter(author_role=other_role(role))


def platform_mean(role: str) -> float | None:
    mean = reviews_of_role(role).aggregate(m=Avg("overall"))
    return float(mean["m"]) if mean["m"] is not None else None


def reputation_of(*, user: User, role: str, now: datetime | None = None) -> Summary:
    """Everything the profile, the API and search show about a person's reputation in one role."""
    now = now or timezone.now()
    prior_reviews, half_life = settings.REPUTATION_PRIOR_REVIEWS, settings.REPUTATION_HALF_LIFE_MONTHS
    rows = list(
        published_about(user, role).values(
            "overall", "would_work_again", "published_at", *[name for name, _l in _criteria_of(role)]
        )
    )
    mean = platform_mean(role) if rows else None
    summary = Summary(
        role=role,
        score=None,
        reviews=len(rows),
        prior_mean=mean,
        prior_reviews=prior_reviews,
        half_life_months=half_life,
        last_12_months=0,
    )
    summary.distribution = {stars: sum(1 for row in rows if row["overall"] == stars) for stars in range(5, 0, -1)}
    summary.last_12_months = sum(1 for row in rows if row["published_at"] >= now - timedelta(days=365))
    if rows and mean is not None:
        weighted = [(row["overall"], decay_weight(now - row["published_at"], half_life)) for row in rows]
        summary.score = round(bayesian_score(weighted, prior_mean=mean, prior_reviews=prior_reviews), 2)
    for name, _label in _criteria_of(role):
        given = [row[name] for row in rows if row[name] is not None]
        if given:
            summary.criteria[name] = round(sum(given) / len(given), 2)
    summary.would_again_yes = sum(1 for row in rows if row["would_work_again"])
    summary.would_again_lower_bound = wilson_lower_bound(summary.would_again_yes, len(rows))
    summary.positive = sum(1 for row in rows if row["overall"] >= POSITIVE)
    summary.completed_contracts = _completed(user, role)
    if summary.completed_contracts:
        summary.effective_percent_positive = round(100 * summary.positive / summary.completed_contracts, 1)
    return summary


def _criteria_of(role: str) -> list[tuple[str, Any]]:
    """The criteria a person in `role` is rated on (by the other side)."""
    return CRITERIA[other_role(role)]


def _completed(user: User, role: str) -> int:
    mine = Q(client=user) if role == CLIENT else Q(freelancer=user)
    return Contract.objects.filter(mine, status=Contract.Status.ENDED, outcome=Contract.Outcome.COMPLETED).count()


def reputation_refresh(*, user: User, role: str) -> Reputation:
    """Store the current score, which search sorts by."""
    summary = reputation_of(user=user, role=role)
    row, _created = Reputation.objects.update_or_create(
        user=user,
        role=role,
        defaults={"score": summary.score, "reviews": summary.reviews, "computed_at": timezone.now()},
    )
    return row


def reputations_refresh_due(now: datetime | None = None) -> int:
    """Time decay and the platform mean move every score a little: refresh those older than a day."""
    now = now or timezone.now()
    stale = Reputation.objects.filter(computed_at__lt=now - timedelta(days=1)).select_related("user")[:500]
    for row in stale:
        reputation_refresh(user=row.user, role=row.role)
    return len(stale)
