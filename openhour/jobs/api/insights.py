from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from openhour.api.schemas import MoneyOut
from openhour.jobs.insights import rate_insights

router = Router(tags=["insights"])


class SpreadOut(Schema):
    """What one currency's prices or rates look like; currencies with too few data points are left out."""

    currency: str
    count: int = Field(description="How many prices or rates the figures come from")
    median: MoneyOut
    p25: MoneyOut = Field(description="The 25th percentile")
    p75: MoneyOut = Field(description="The 75th percentile")


class RateInsightsOut(Schema):
    fixed_prices: list[SpreadOut] = Field(description="Accepted fixed prices, one entry per currency")
    hourly_rates: list[SpreadOut] = Field(description="Freelancers' hourly rates, one entry per currency")


@router.get("/insights/rates", auth=None, response=RateInsightsOut)
def rates(
    request: HttpRequest, category: str = Query("", max_length=80), skill: str = Query("", max_length=80)
) -> dict[str, Any]:
    """Median and interquartile range of accepted fixed prices and of freelancers' hourly rates."""
    found = rate_insights(category=category, skill=skill)
    return {kind: [spread.as_dict() for spread in spreads] for kind, spreads in found.items()}
