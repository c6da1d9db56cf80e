"""Stage `reviews`: a closed review round for every contract that ended with money released, the client's
review of the freelancer on each and the freelancer's of the client on as many as make N reviews in all;
then every reviewed person's stored Reputation, by the formula of `openhour.reviews.scoring`."""

import random
from datetime import datetime, timedelta
from types import SimpleNamespace
from typing import Any

from django.db.models import Sum

from bench.data import words
from bench.data.plan import Plan
from bench.data.writer import Table, next_id, sequences_reset
from openhour.contracts.models import Contract
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews import labels
from openhour.reviews.criteria import CRITERIA
from openhour.reviews.models import Review, ReviewRound
from openhour.reviews.scoring import reputations_rebuild

STARS = [5] * 60 + [4] * 25 + [3] * 8 + [2] * 4 + [1] * 3
# Sentences real reviews close with, most common first: 40% of reviews end with one, so at 1M reviews the commonest
# is held by ~150,000 of them, the load a stock sentence puts on the similarity index.
STOCK = [
    "Highly recommended.",
    "Would hire again.",
    "Great communication throughout.",
    "Delivered on time.",
    "A pleasure to work with.",
    "Excellent work, thank you.",
    "Will definitely work together again.",
    "Five stars.",
]
STOCK_WEIGHTS = [1 / rank for rank in range(1, len(STOCK) + 1)]


def load(plan: Plan, now: datetime) -> str:
    rng = random.Random(f"{plan.seed}:reviews")  # noqa: S311 -- test data, not secrets
    unreviewed = Contract.objects.filter(
        status=Contract.Status.ENDED, outcome=Contract.Outcome.COMPLETED, review_round=None
    ).order_by("pk")
    ended = list(
        unreviewed.values_list("pk", "client_id", "freelancer_id", "started_at", "ended_at", "project__category__name")
    )
    paid = {row["pk"]: row["total"] or 0 for row in unreviewed.values("pk").annotate(total=Sum("milestones__released"))}
    by_freelancers = max(min(plan.reviews - len(ended), len(ended)), 0)
    rounds, reviews = Table(ReviewRound, now), Table(Review, now)
    round_id, review_id = next_id(ReviewRound), next_id(Review)
    for number, (contract, client, freelancer, started, ended_at, category) in enumerate(ended):
        closed = min(ended_at + timedelta(days=rng.randint(1, 14)), now)
        rounds.add(
            id=round_id,
            contract_id=contract,
            status=ReviewRound.Status.CLOSED,
            opened_at=ended_at,
            closes_at=ended_at + timedelta(days=14),
            closed_at=closed,
        )
        floor, ceiling = labels.budget_bounds(paid.get(contract, 0), "GBP")
        facts = SimpleNamespace(started_at=started, ended_at=ended_at, created_at=started)
        shown = {
            "category": category or "",
            "budget_floor": floor,
            "budget_ceiling": ceiling,
            "budget_currency": "GBP",
            "duration_code": labels.duration_code(facts),
        }
        authors = [(CLIENT, client, freelancer)] + (
            [(FREELANCER, freelancer, client)] if number < by_freelancers else []
        )
        for role, author, subject in authors:
            reviews.add(
                id=review_id,
                round_id=round_id,
                contract_id=contract,
                author_id=author,
                subject_id=subject,
                author_role=role,
                status=Review.Status.PUBLISHED,
                submitted_at=ended_at + timedelta(hours=5),
                published_at=closed,
                updated_at=closed,
                **shown,
                **_ratings(rng, role),
            )
            review_id += 1
        round_id += 1
    rounds.flush()
    reviews.flush()
    sequences_reset(ReviewRound, Review)
    scored = reputations_rebuild(now=now)  # the product's own rebuild: the stored rows and the platform means
    return f"{rounds.count} rounds, {reviews.count} reviews, {scored} reputations"


def _ratings(rng: random.Random, role: str) -> dict[str, Any]:
    overall = rng.choice(STARS)
    stars = {name: max(1, min(5, overall + rng.choice((-1, 0, 0, 0, 1)))) for name, _label in CRITERIA[role]}
    return {
        "overall": overall,
        **stars,
        "would_work_again": overall >= 4,
        "went_well": _with_stock(rng, words.paragraph(rng, 8, 25)),
        "could_improve": words.paragraph(rng, 5, 12) if overall < 5 else "",
    }


def _with_stock(rng: random.Random, text: str) -> str:
    return f"{text} {rng.choices(STOCK, STOCK_WEIGHTS)[0]}" if rng.random() < 0.4 else text
