"""Placeholder: the risk checks on a new review (filled in by its part).

`assess(review)` runs every check, stores its RiskSignal rows, sets `review.risk_score` and
`review.risk_decision` (publish / queue / hold) and, for queue or hold, opens an automatic moderation case."""

from typing import Any


def assess(review: Any) -> None:
    return None
