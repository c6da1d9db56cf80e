"""Every threshold of the review checks in one table, with its default. INTEGRITY_<NAME> in the settings overrides
one (settings.py passes any such environment variable through as a number); the README lists them with what
each means. The checks read them only through `threshold`, so this table is the whole list."""

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, int | float] = {
    # evidence and the worker
    "ACCESS_RETENTION_DAYS": 180,
    "CHECKS_OVERDUE_MINUTES": 15,
    # one text written twice (checks/duplicate.py, risk.py)
    "DUPLICATE_THRESHOLD": 0.6,
    "DUPLICATE_MIN_WORDS": 4,
    "DUPLICATE_CLUSTER_SCORE": 0.95,
    "DUPLICATE_CANDIDATES": 200,
    "DUPLICATE_SENTENCE_REVIEWS": 4,
    "DUPLICATE_SHARED_SENTENCES": 2,
    "DUPLICATE_RETOLD_SCORE": 0.75,
    "STOCK_TEXT_WORDS": 20,  # a matched text shorter than this is stock courtesy many honest people write
    "SHORT_DUPLICATE_SCORE": 0.3,  # noted for the moderator, never queued or held on its own
    "LOOSE_PAIR_SCORE": 0.45,  # a match under risk.HOLD_JACCARD with one other review: noted; queued beside a finding
    "LOOSE_DUPLICATE_SCORE": 0.85,  # such matches as a cluster: queued, held only with another signal
    # one story retold to one person's profile in other words (meaning.py)
    "MEANING_THRESHOLD": 0.8,  # the encoder's similarity from which two reviews say the same
    "MEANING_NEIGHBOURS": 200,  # the person's newest other reviews compared
    "MEANING_UNRELATED": 0.6,  # under this, texts sharing a few sentences tell different stories: stock phrases
    "MEANING_BACKFILL": 2,  # of those, reviews without a kept meaning encoded per check (a first review has none)
    # reviewers of one person sharing weak evidence (checks/conflict.py)
    "CONFLICT_REVIEWERS_IP_SCORE": 0.3,
    "CONFLICT_REVIEWERS_DOMAIN_SCORE": 0.2,
    "CONFLICT_REVIEWERS_DOMAIN_WINDOW": 500,  # recent reviews of one person whose authors' domains are compared
    # young accounts reaching one person at once (checks/burst.py)
    "BURST_MIN": 3,  # young authors
    "BURST_WINDOW_HOURS": 72,  # either side of the review
    "BURST_YOUNG_DAYS": 14,  # an account this new when it wrote the review is young
    # the collusion graph (checks/graph.py, checks/graph_patterns.py)
    "GRAPH_WINDOW_DAYS": 365,  # contracts that ended this long before the review count
    "GRAPH_HOPS": 5,  # walk steps: a ring of up to 11 accounts closes around a review of two of them
    "GRAPH_MAX_ACCOUNTS": 40,
    "GRAPH_ROW_CAP": 400,  # contracts read per step
    "RECIPROCAL_SCORE": 0.6,  # one swap; +0.1 for each more
    "CLUSTER_MIN": 3,  # accounts
    "CLUSTER_OUTSIDE_SHARE": 0.5,
    "FARM_MIN": 3,  # contracts
    "FARM_SHARE": 0.6,  # of the author's recent contracts in this role
    "FARM_FEW": 3,  # counterparties
    "FARM_FAST_HOURS": 72,
    "FARM_TINY_SHARE": 0.2,  # of the category's median price
    "FARM_TINY_DEFAULT": 50,  # major units, where the category has too few prices to say
    "FARM_RECENT": 50,  # the author's contracts looked at
    "MARKET_SAMPLE": 500,
    "MARKET_CACHE_SECONDS": 3600,
    # offers and threats (checks/incentive.py)
    "INCENTIVE_MIN_PROBABILITY": 0.5,
    "INCENTIVE_SURE_PROBABILITY": 0.9,
}


def threshold(name: str) -> Any:
    """INTEGRITY_<name> from the settings, else its default, as the default's type (a count stays whole)."""
    default = DEFAULTS[name]
    return type(default)(getattr(settings, f"INTEGRITY_{name}", default))
