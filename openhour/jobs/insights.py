"""What similar work goes for: medians and interquartile ranges of accepted prices and hourly rates.

Figures are per currency (no conversion), from accepted proposals in the category or with the skill,
and from the hourly rates of freelancers who list the skill or a skill in the category. A page about one
project compares like with like (`work_insight`): fixed prices of fixed-price work for a fixed-price project,
hourly rates for an hourly one, in the project's currency only, or nothing when there is too little to go on.
"""

from dataclasses import dataclass
from statistics import median, quantiles

from openhour.accounts.models import Profile
from openhour.jobs.models import BudgetType, Proposal
from openhour.lib.money import Currency

MIN_SAMPLES = 3  # fewer data points say more about one person than about a market


@dataclass(frozen=True)
class Spread:
    currency: str
    count: int
    median: int
    low: int  # 25th percentile
    high: int  # 75th percentile

    def as_dict(self) -> dict[str, object]:
        money = {"median": self.median, "p25": self.low, "p75": self.high}
        return {"currency": self.currency, "count": self.count} | {
            key: {"amount": value, "currency": self.currency} for key, value in money.items()
        }


@dataclass(frozen=True)
class WorkInsight:
    """What work like one project goes for: its kind of price, in its currency."""

    budget_type: str  # BudgetType: "fixed" compares accepted fixed prices, "hourly" freelancers' hourly rates
    currency: str
    spread: Spread | None  # None: fewer than MIN_SAMPLES figures of that kind in that currency


def work_insight(*, category: str, budget_type: str, currency: str) -> WorkInsight:
    """The one figure that compares with a project of `budget_type` in `currency`; never another currency's or
    another kind's (an hourly rate says nothing about a fixed price)."""
    hourly = budget_type == BudgetType.HOURLY
    found = rate_insights(category=category, fixed_work_only=True)["hourly_rates" if hourly else "fixed_prices"]
    spread = next((s for s in found if s.currency == currency), None)
    return WorkInsight(budget_type=BudgetType.HOURLY if hourly else BudgetType.FIXED, currency=currency, spread=spread)


def form_insight(*, category: str, budget_type: str, currency: str) -> WorkInsight | None:
    """For the posting form, from what it holds so far: None until a category is chosen."""
    if not category:
        return None
    known = currency if currency in Currency.values else Currency.GBP
    return work_insight(category=category[:80], budget_type=budget_type, currency=known)


def rate_insights(*, category: str = "", skill: str = "", fixed_work_only: bool = False) -> dict[str, list[Spread]]:
    """Accepted prices and freelancers' hourly rates; with `fixed_work_only`, prices of fixed-price projects only
    (a price accepted on an hourly project is an estimate of hours, not what fixed work costs)."""
    prices = Proposal.objects.filter(status=Proposal.Status.ACCEPTED)
    if fixed_work_only:
        prices = prices.filter(project__budget_type=BudgetType.FIXED)
    rates = Profile.objects.filter(hourly_rate__isnull=False, user__is_freelancer=True, user__is_active=True)
    if category:
        prices = prices.filter(project__category__slug=category)
        rates = rates.filter(skills__category__slug=category)
    if skill:
        prices = prices.filter(project__skills__slug=skill)
        rates = rates.filter(skills__slug=skill)
    # One row per proposal or person, however many of their skills matched the filters.
    price_rows = Proposal.objects.filter(pk__in=prices.values("pk")).values_list("currency", "price")
    rate_rows = Profile.objects.filter(pk__in=rates.values("pk")).values_list("rate_currency", "hourly_rate")
    return {"fixed_prices": _spreads(price_rows), "hourly_rates": _spreads(rate_rows)}


def _spreads(rows: object) -> list[Spread]:
    by_currency: dict[str, list[int]] = {}
    for currency, amount in rows:  # type: ignore[attr-defined]
        by_currency.setdefault(currency, []).append(amount)
    return [
        _spread(currency, sorted(values))
        for currency, values in sorted(by_currency.items())
        if len(values) >= MIN_SAMPLES
    ]


def _spread(currency: str, values: list[int]) -> Spread:
    low, _mid, high = quantiles(values, n=4, method="inclusive")
    return Spread(currency=currency, count=len(values), median=round(median(values)), low=round(low), high=round(high))
