"""Wash trading: reviews produced by hiring arranged for them, found in the graph of who hired whom.

Three patterns (graph_patterns.py), none reading the rating: a reciprocal pair (two accounts hired each
other and each reviewed the other as the one they hired), a ring or closed cluster of any size (the author and
subject sit on a cycle of hiring among accounts that mostly deal with each other), and a review farm (the
author's contracts are mostly tiny, fast, one-milestone deals, reviewed, with the same few counterparties).
The strongest finding is the signal; its evidence explains it in words and lists the pattern's reviews, which
the risk assessment gives the signal to as well.

Cost: one query when neither the author nor the subject both hired and was hired in the window (nearly every
review), at most GRAPH_HOPS more to walk the graph when both did, one for the reviews in the pattern, and one
for the author's latest FARM_RECENT contracts (and, for a likely farm only, the category's cached median price).
"""

from openhour.reviews.integrity.checks import Finding
from openhour.reviews.integrity.checks.graph import explore, hiring_both_ways, window_start
from openhour.reviews.integrity.checks.graph_patterns import cluster, farm, reciprocal, reviews_on
from openhour.reviews.models import Review


def hiring_pattern(review: Review) -> Finding | None:
    """A reciprocal pair or a closed cluster containing both the author and the subject."""
    since = window_start(review.submitted_at)
    seeds = {review.author_id, review.subject_id}
    if hiring_both_ways(seeds, since) != seeds:
        return None
    graph = explore(seeds, since)
    members = graph.cycle_through(review.author_id)
    if review.subject_id not in members:
        return None
    reviews = reviews_on(graph.contracts_among(members))
    found = [f for f in (reciprocal(review, graph, reviews), cluster(review, graph, members, reviews)) if f]
    return max(found, key=lambda finding: finding[0], default=None)


def check(review: Review) -> Finding | None:
    found = [f for f in (hiring_pattern(review), farm(review, window_start(review.submitted_at))) if f]
    return max(found, key=lambda finding: finding[0], default=None)
