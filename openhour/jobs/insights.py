"""What similar work goes for: medians and interquartile ranges of accepted prices and hourly rates.

Figures are per currency (no conversion), from accepted proposals in the category or with the skill,
and from the hourly rates of freelancers who list the skill or a skill in the category.
"""

from dataclasses import dataclass
from statistics import median, quantiles

from openhour.accounts.models import Profile
from openhour.jobs.models import Proposal

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


def rate_insights(*, category: str = "", skill: str = "") -> dict[str, list[Spread]]:
    prices = Proposal.objects.filter(status=Proposal.Status.ACCEPTED)
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
