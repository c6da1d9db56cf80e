"""Fees: the freelancer service fee, the client service fee and the currency-conversion fee.

Pure functions over integer minor units. Rounding happens once per fee, half-up to the minor unit.

The freelancer fee is tiered on what a freelancer has billed one client so far (refunds lower that
total). The tier thresholds are set in pounds (£500, £5,000); for other currencies they are converted
with fixed factors that belong to the schedule, rounded to whole units (EUR 1.15: €575 / €5,750;
USD 1.25: $625 / $6,250). They are not live exchange rates, so a fee never moves with the market.

A schedule is versioned. The current one comes from settings (`FEE_SCHEDULE_VERSION`,
`CLIENT_FEE_PERCENT`, `CONVERSION_FEE_PERCENT`); a contract records the version it was agreed under and
`schedule_for(version)` gives back the same numbers later. Published versions are listed in
`PUBLISHED_SCHEDULES` and never change: to change a rate, name a new version.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FEE_SCHEDULE_VERSION = "2026-11"  # the version the code ships with (settings default to it)
# (tier ceiling in GBP minor units or None for "and above", rate)
FREELANCER_TIERS: tuple[tuple[int | None, Decimal], ...] = (
    (50_000, Decimal("0.20")),
    (500_000, Decimal("0.075")),
    (None, Decimal("0.035")),
)
# Units of each currency per pound, used only to convert the tier thresholds.
THRESHOLD_FACTORS: dict[str, Decimal] = {"GBP": Decimal(1), "EUR": Decimal("1.15"), "USD": Decimal("1.25")}


@dataclass(frozen=True)
class FeeSchedule:
    version: str
    freelancer_tiers: tuple[tuple[int | None, Decimal], ...] = FREELANCER_TIERS
    client_fee_rate: Decimal = Decimal("0.05")
    conversion_fee_rate: Decimal = Decimal("0.025")
    threshold_factors: dict[str, Decimal] = field(default_factory=lambda: dict(THRESHOLD_FACTORS))

    def tiers_in(self, currency: str) -> tuple[tuple[int | None, Decimal], ...]:
        """The freelancer tiers with thresholds in `currency` minor units, rounded to whole major units."""
        if currency not in self.threshold_factors:
            raise ValueError(f"no fee thresholds for {currency!r}")
        factor = self.threshold_factors[currency]
        return tuple(
            (None if ceiling is None else _whole_units(ceiling * factor), rate)
            for ceiling, rate in self.freelancer_tiers
        )


def _whole_units(minor: Decimal) -> int:
    return int((minor / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 100


# Every version a contract may have recorded. Never edit one: add a new version instead.
PUBLISHED_SCHEDULES: dict[str, FeeSchedule] = {
    FEE_SCHEDULE_VERSION: FeeSchedule(version=FEE_SCHEDULE_VERSION),
}


def current_schedule() -> FeeSchedule:
    """The schedule new contracts are agreed under, from settings."""
    version = settings.FEE_SCHEDULE_VERSION
    schedule = FeeSchedule(
        version=version,
        client_fee_rate=settings.CLIENT_FEE_PERCENT / 100,
        conversion_fee_rate=settings.CONVERSION_FEE_PERCENT / 100,
    )
    published = PUBLISHED_SCHEDULES.get(version)
    if published is not None and published != schedule:
        raise ImproperlyConfigured(
            f"Fee schedule {version} is published with other rates; set FEE_SCHEDULE_VERSION to a new name "
            "when you change CLIENT_FEE_PERCENT or CONVERSION_FEE_PERCENT."
        )
    return schedule


def schedule_for(version: str) -> FeeSchedule:
    """The schedule a contract recorded. An unknown version is an error, never a silent default."""
    if version in PUBLISHED_SCHEDULES:
        return PUBLISHED_SCHEDULES[version]
    current = current_schedule()
    if version == current.version:
        return current
    raise LookupError(f"unknown fee schedule version {version!r}")


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


def freelancer_fee(
    *, amount: int, billed_before: int, currency: str, schedule: FeeSchedule | None = None
) -> FeePreview:
    """The fee on `amount`, given what this freelancer has already billed this client (both minor units).

    >>> freelancer_fee(amount=60_000, billed_before=0, currency="GBP").fee  # 20% of 500 + 7.5% of 100
    10750
    """
    if amount <= 0 or billed_before < 0:
        raise ValueError("amount must be positive and billed_before not negative")
    schedule = schedule or current_schedule()
    exact = Decimal(0)
    floor = 0
    for ceiling, rate in schedule.tiers_in(currency):
        top = billed_before + amount if ceiling is None else min(ceiling, billed_before + amount)
        start = max(floor, billed_before)
        if top > start:
            exact += (top - start) * rate
        if ceiling is None or billed_before + amount <= ceiling:
            break
        floor = ceiling
    fee = _half_up(exact)
    return FeePreview(amount=amount, fee=fee, receive=amount - fee, currency=currency, version=schedule.version)


def client_fee(*, amount: int, currency: str, schedule: FeeSchedule | None = None) -> int:
    """The client service fee on `amount` (minor units), rounded once, half-up.

    >>> client_fee(amount=60_000, currency="GBP")  # 5% of £600
    3000
    """
    return _rated(amount, currency, (schedule or current_schedule()).client_fee_rate)


def client_fee_on_milestones(*, amounts: list[int], currency: str, schedule: FeeSchedule | None = None) -> int:
    """The client service fee of work paid milestone by milestone: each funding rounds its own fee, so this is
    what the client's checkouts add up to (the sum of the fees, not the fee of the sum)."""
    return sum(client_fee(amount=amount, currency=currency, schedule=schedule) for amount in amounts if amount > 0)


def conversion_fee(*, amount: int, currency: str, schedule: FeeSchedule | None = None) -> int:
    """The fee for paying `amount` (minor units of the contract's currency) from another currency."""
    return _rated(amount, currency, (schedule or current_schedule()).conversion_fee_rate)


def _rated(amount: int, currency: str, rate: Decimal) -> int:
    if amount <= 0:
        raise ValueError("amount must be positive")
    if currency not in THRESHOLD_FACTORS:
        raise ValueError(f"unknown currency {currency!r}")
    return _half_up(amount * rate)


def _half_up(exact: Decimal) -> int:
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
