"""Collusion patterns in the hiring graph (graph.py), each explained in words for the moderator.

- reciprocal: two accounts hired each other, and each reviewed the other as the one they hired.
- cluster: the author and the subject sit on a cycle of hiring (a ring or denser group, any size) whose
  accounts mostly deal with each other: at most CLUSTER_OUTSIDE_SHARE of their counterparties are outside.
- farm: the author's contracts in this role are mostly review farms: one milestone, over within
  FARM_FAST_HOURS, paying under FARM_TINY_SHARE of the category's median price, reviewed, all with at most
  FARM_FEW counterparties.
None of them reads the rating: the fact of reviewing within the pattern is the signal.
"""

from statistics import median
from typing import Any, NamedTuple

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Sum
from django.db.models.functions import Coalesce

from openhour.catalog.models import Order
from openhour.contracts.models import Contract
from openhour.jobs.models import Proposal
from openhour.lib.money import MINOR_UNITS
from openhour.lib.process import CLIENT
from openhour.reviews.integrity.checks import Finding
from openhour.reviews.integrity.checks.graph import Hires, completed_since
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review

COUNTED = (Review.Status.SEALED, Review.Status.PUBLISHED, Review.Status.HELD)


class Written(NamedTuple):
    pk: int
    author: int
    subject: int
    role: str
    contract: int


def reviews_on(contract_ids: set[int]) -> list[Written]:
    rows = Review.objects.filter(contract_id__in=contract_ids, status__in=COUNTED).order_by("pk")
    return [Written(*row) for row in rows.values_list("pk", "author_id", "subject_id", "author_role", "contract_id")]


def _days() -> int:
    return int(threshold("GRAPH_WINDOW_DAYS"))


# ---- reciprocal -----------------------------------------------------------------------------------------


def reciprocal(review: Review, graph: Hires, reviews: list[Written]) -> Finding | None:
    a, s = review.author_id, review.subject_id
    one_way, other_way = graph.contracts.get((a, s), set()), graph.contracts.get((s, a), set())
    if not (one_way and other_way):
        return None
    between = [r for r in reviews if r.contract in one_way | other_way]
    swaps = min(sum(r.author == who and r.role == CLIENT for r in between) for who in (a, s))
    if not swaps:
        return None
    explanation = (
        f"These two accounts hired each other ({len(one_way)} and {len(other_way)} contracts in the last "
        f"{_days()} days) and each reviewed the other as the one they hired: a review swap, whatever the stars."
    )
    evidence = {
        "pattern": "reciprocal",
        "explanation": explanation,
        "accounts": sorted((a, s)),
        "contracts": sorted(one_way | other_way),
        "reviews": [r.pk for r in between],
    }
    return round(min(0.85, threshold("RECIPROCAL_SCORE") + 0.1 * (swaps - 1)), 4), evidence


# ---- cluster --------------------------------------------------------------------------------------------


def outside_share(graph: Hires, members: set[int]) -> float:
    """The share of the members' counterparties outside the group, over the members read whole."""
    known = members & graph.explored
    links = sum(len(graph.counterparties(m)) for m in known)
    outside = sum(len(graph.counterparties(m) - members) for m in known)
    return outside / links if links else 1.0


def cluster(review: Review, graph: Hires, members: set[int], reviews: list[Written]) -> Finding | None:
    if len(members) < threshold("CLUSTER_MIN"):
        return None
    share = outside_share(graph, members)
    if share > threshold("CLUSTER_OUTSIDE_SHARE"):
        return None
    inside = graph.contracts_among(members)
    within = [r for r in reviews if r.contract in inside]
    explanation = (
        f"{len(members)} accounts hire one another in a closed loop (each hired and was hired inside it, "
        f"{len(inside)} contracts in the last {_days()} days) and review one another: {len(within)} reviews; "
        f"only {share:.0%} of their counterparties are outside the group."
    )
    evidence = {
        "pattern": "ring" if all(len(graph.counterparties(m) & members) == 2 for m in members) else "cluster",
        "explanation": explanation,
        "accounts": sorted(members),
        "contracts": sorted(inside),
        "outside_share": round(share, 2),
        "reviews": [r.pk for r in within],
    }
    return round(min(0.95, 0.5 + 0.05 * len(within)), 4), evidence


# ---- farm -----------------------------------------------------------------------------------------------


class Deal(NamedTuple):
    pk: int
    counterparty: int
    currency: str
    released: int
    category: int | None
    hours: float
    milestones: int
    reviewed: bool


def _deals(review: Review, since: Any) -> list[Deal]:
    """The author's latest completed contracts in the role they review in, newest first (one query)."""
    author, as_client = review.author_id, review.author_role == CLIENT
    mine = completed_since(since).filter(**{"client_id" if as_client else "freelancer_id": author})
    latest = mine.order_by("-ended_at", "-pk").values("pk")[: threshold("FARM_RECENT")]
    rows = (  # the latest few picked before their milestones are summed: a busy account has thousands
        Contract.objects.filter(pk__in=latest)
        .annotate(
            paid=Coalesce(Sum("milestones__released"), 0),
            parts=Count("milestones"),
            reviewed=Exists(Review.objects.filter(contract_id=OuterRef("pk"), author_id=author)),
            category=Coalesce("project__category_id", "order__hourlie__category_id"),
        )
        .order_by("-ended_at", "-pk")
        .values_list(
            "pk",
            "freelancer_id" if as_client else "client_id",
            "currency",
            "paid",
            "category",
            "started_at",
            "created_at",
            "ended_at",
            "parts",
            "reviewed",
        )[: threshold("FARM_RECENT")]
    )
    return [
        Deal(pk, other, currency, paid, category, ((ended - (started or created)).total_seconds() / 3600), parts, seen)
        for pk, other, currency, paid, category, started, created, ended, parts, seen in rows
    ]


def market_median(category: int | None, currency: str) -> int | None:
    """The median price of work in the category (accepted proposals and Hourlie orders), cached; None if few."""
    if category is None:
        return None
    key = f"integrity:market:{category}:{currency}"
    found = cache.get(key)
    if found is None:
        sample = threshold("MARKET_SAMPLE")
        prices = list(
            Proposal.objects.filter(
                status=Proposal.Status.ACCEPTED, project__category_id=category, currency=currency
            ).values_list("price", flat=True)[:sample]
        )
        prices += Order.objects.filter(hourlie__category_id=category, currency=currency, contract__isnull=False)[
            :sample
        ].values_list("total", flat=True)
        found = round(median(prices)) if len(prices) >= 3 else 0
        cache.set(key, found, threshold("MARKET_CACHE_SECONDS"))
    return found or None


def tiny_limit(deal: Deal) -> int:
    """Below this many minor units the work is tiny for its category."""
    going = market_median(deal.category, deal.currency)
    if going is None:
        return int(threshold("FARM_TINY_DEFAULT") * MINOR_UNITS.get(deal.currency, 100))
    return int(going * threshold("FARM_TINY_SHARE"))


def _quick(deal: Deal) -> bool:
    return deal.milestones <= 1 and deal.hours <= threshold("FARM_FAST_HOURS") and deal.reviewed


def _enough(picked: list[Deal], deals: list[Deal], review: Review) -> bool:
    return (
        any(d.pk == review.contract_id for d in picked)
        and len(picked) >= threshold("FARM_MIN")
        and len(picked) >= threshold("FARM_SHARE") * len(deals)
        and len({d.counterparty for d in picked}) <= threshold("FARM_FEW")
    )


def farm(review: Review, since: Any) -> Finding | None:
    deals = _deals(review, since)
    quick = [d for d in deals if _quick(d)]
    if not _enough(quick, deals, review):  # the market is asked only about a likely farm
        return None
    tiny = [d for d in quick if d.released < tiny_limit(d)]
    if not _enough(tiny, deals, review):
        return None
    others = len({d.counterparty for d in tiny})
    explanation = (
        f"Of this reviewer's last {len(deals)} contracts in this role, {len(tiny)} look made for a review: one "
        f"milestone, over within {threshold('FARM_FAST_HOURS')} hours, paying a small fraction of what such work "
        f"goes for, each reviewed, all with the same {others} account{'s' if others > 1 else ''}."
    )
    evidence = {
        "pattern": "farm",
        "explanation": explanation,
        "accounts": sorted({review.author_id} | {d.counterparty for d in tiny}),
        "contracts": [{"contract": d.pk, "released": d.released, "currency": d.currency} for d in sorted(tiny)],
        "reviews": [r.pk for r in reviews_on({d.pk for d in tiny})],
    }
    return round(min(0.85, 0.6 + 0.05 * (len(tiny) - threshold("FARM_MIN"))), 4), evidence
