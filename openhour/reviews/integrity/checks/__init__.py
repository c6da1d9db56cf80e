"""The risk checks run on every new or edited review. Each module's `check(review)` returns None (nothing
found) or a Finding: a score from 0 (nothing) to 1 (certain) and the evidence an operator needs to judge it,
with personal values masked. `risk.assess` runs them all and combines the scores."""

from collections.abc import Callable
from typing import Any

Evidence = dict[str, Any]
Finding = tuple[float, Evidence]
Check = Callable[[Any], Finding | None]


def masked(value: str) -> str:
    """Enough of an IP, device id, card or account for an operator to match it, not to use it."""
    return "…" + value[-3:] if value else ""


def all_checks() -> dict[str, Check]:
    """Every check by its RiskSignal kind, in the order they run."""
    from openhour.reviews.integrity.checks import burst, conflict, duplicate, incentive, wash

    return {
        "duplicate": duplicate.check,
        "conflict": conflict.check,
        "wash_trading": wash.check,
        "burst": burst.check,
        "incentive": incentive.check,
    }
