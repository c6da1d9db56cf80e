from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from openhour.jobs.insights import rate_insights

router = Router(tags=["insights"])


@router.get("/insights/rates", auth=None)
def rates(
    request: HttpRequest, category: str = Query("", max_length=80), skill: str = Query("", max_length=80)
) -> dict[str, Any]:
    """Median and interquartile range of accepted fixed prices and of freelancers' hourly rates."""
    found = rate_insights(category=category, skill=skill)
    return {kind: [spread.as_dict() for spread in spreads] for kind, spreads in found.items()}
