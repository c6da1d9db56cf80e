"""Wash trading: accounts trading many tiny contracts mainly to exchange five-star reviews.

- A pair: at least PAIR_MIN completed contracts between the two (either direction) that ended within
  WINDOW_DAYS of this review, each releasing less than TINY major units (£/€/$50), every review on them 5★.
- A ring of 3–RING_MAX accounts whose reviews all go to each other: each wrote and received at least two,
  all 5★, all on tiny contracts that ended within the window, and none reviewed or was reviewed by anyone else.
The score rises with the number of contracts (pair) or reviews (ring).
"""

from collections import Counter
from datetime import timedelta
from typing import Any

from django.db.models import Q, Sum

from openhour.contracts.models import Contract
from openhour.lib.money import MINOR_UNITS
from openhour.reviews.integrity.checks import Finding
from openhour.reviews.models import Review

WINDOW_DAYS = 90
TINY = 50  # major units released per contract
PAIR_MIN = 3
RING_MAX = 4
TOP = 5


def _tiny_contracts(where: Q, since: Any) -> dict[int, dict[str, Any]]:
    """The completed contracts `where` that ended since `since` and released less than TINY."""
    rows = (
        Contract.objects.filter(
            where, status=Contract.Status.ENDED, outcome=Contract.Outcome.COMPLETED, ended_at__gte=since
        )
        .annotate(released=Sum("milestones__released"))
        .values("pk", "currency", "released")
    )
    return {
        row["pk"]: dict(row) for row in rows if (row["released"] or 0) < TINY * MINOR_UNITS.get(row["currency"], 100)
    }


def _listed(contracts: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"contract": pk, "released": row["released"] or 0, "currency": row["currency"]}
        for pk, row in sorted(contracts.items())
    ]


def pair_check(review: Review, since: Any) -> Finding | None:
    if review.overall != TOP:
        return None
    pair = Q(client_id=review.author_id, freelancer_id=review.subject_id) | Q(
        client_id=review.subject_id, freelancer_id=review.author_id
    )
    tiny = _tiny_contracts(pair, since)
    if review.contract_id not in tiny:
        return None
    stars: dict[int, set[int]] = {}
    reviews: dict[int, list[int]] = {}
    rows = Review.objects.filter(contract_id__in=tiny).values_list("pk", "contract_id", "overall")
    for pk, contract_id, overall in rows:
        stars.setdefault(contract_id, set()).add(overall)
        reviews.setdefault(contract_id, []).append(pk)
    washed = {pk: row for pk, row in tiny.items() if stars.get(pk) == {TOP}}
    if len(washed) < PAIR_MIN:
        return None
    score = min(1.0, 0.6 + 0.15 * (len(washed) - PAIR_MIN))
    evidence = {
        "pattern": "pair",
        "accounts": sorted((review.author_id, review.subject_id)),
        "contracts": _listed(washed),
        "window_days": WINDOW_DAYS,
        "reviews": sorted(pk for contract_id in washed for pk in reviews[contract_id]),
    }
    return round(score, 4), evidence


def ring_check(review: Review, since: Any) -> Finding | None:
    """Grow the set of accounts linked by reviews from the author, at most RING_MAX; a ring is closed."""
    members = {review.author_id}
    edges: list[tuple[int, int, int, int, int]] = []
    for _hop in range(RING_MAX):
        touching = Review.objects.filter(Q(author_id__in=members) | Q(subject_id__in=members))
        edges = list(touching.values_list("author_id", "subject_id", "overall", "contract_id", "pk"))
        grown = members | {e[0] for e in edges} | {e[1] for e in edges}
        if len(grown) > RING_MAX:
            return None
        if grown == members:
            break
        members = grown
    else:
        return None
    wrote, received = Counter(e[0] for e in edges), Counter(e[1] for e in edges)
    if len(members) < 3 or any(wrote[m] < 2 or received[m] < 2 for m in members):
        return None
    if any(e[2] != TOP for e in edges):
        return None
    contract_ids = {e[3] for e in edges}
    tiny = _tiny_contracts(Q(pk__in=contract_ids), since)
    if set(tiny) != contract_ids:
        return None
    score = min(1.0, 0.5 + 0.05 * len(edges))
    evidence = {
        "pattern": "ring",
        "accounts": sorted(members),
        "contracts": _listed(tiny),
        "window_days": WINDOW_DAYS,
        "reviews": sorted(e[4] for e in edges),
    }
    return round(score, 4), evidence


def check(review: Review) -> Finding | None:
    since = review.submitted_at - timedelta(days=WINDOW_DAYS)
    return pair_check(review, since) or ring_check(review, since)
