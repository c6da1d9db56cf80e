"""The freelancer service fee: tiered on what a freelancer has billed one client so far.

Pure functions over integer minor units. Rounding happens once, half-up to the minor unit, on the
total fee. Thresholds are the same numbers in every currency (£500 / €500 / $500).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FEE_SCHEDULE_VERSION = "2026-11"
# (tier ceiling in minor units or None for "and above", rate)
FREELANCER_TIERS: tuple[tuple[int | None, Decimal], ...] = (
    (50_000, Decimal("0.20")),
    (500_000, Decimal("0.075")),
    (None, Decimal("0.035")),
)


@dataclass(frozen=True)
class FeePreview:
    amount: int  # what the client pays for the work
    fee: int  # the freelancer service fee
    receive: int  # what the freelancer receives
    currency: str
    version: str = FEE_SCHEDULE_VERSION

    def as_dict(self) -> dict[str, object]:
        money = {"amount": self.amount, "fee": self.fee, "receive": self.receive}
        return {key: {"amount": value, "currency": self.currency} for key, value in money.items()} | {
            "schedule_version": self.version
        }


def freelancer_fee(*, amount: int, billed_before: int, currency: str) -> FeePreview:
    """The fee on `amount`, given what this freelancer has already billed this client (both minor units).

    >>> freelancer_fee(amount=60_000, billed_before=0, currency="GBP").fee  # 20% of 500 + 7.5% of 100
    10750
    """
    if amount <= 0 or billed_before < 0:
        raise ValueError("amount must be positive and billed_before not negative")
    exact = Decimal(0)
    floor = 0
    for ceiling, rate in FREELANCER_TIERS:
        top = billed_before + amount if ceiling is None else min(ceiling, billed_before + amount)
        start = max(floor, billed_before)
        if top > start:
            exact += (top - start) * rate
        if ceiling is None or billed_before + amount <= ceiling:
            break
        floor = ceiling
    fee = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return FeePreview(amount=amount, fee=fee, receive=amount - fee, currency=currency)
