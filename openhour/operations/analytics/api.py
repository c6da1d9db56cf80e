"""GET /operations/analytics: the market's figures per week or month, for operators (the page's figures)."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.schemas import Input
from openhour.lib.errors import NotAllowed
from openhour.operations.analytics import selectors
from openhour.operations.analytics.definitions import meaning

router = Router(tags=["operations"])
PERCENT = "A percentage, to two places; null when there is nothing to divide by. "


def _rate(name: str) -> Any:
    return Field(description=PERCENT + meaning(name))


class AnalyticsQuery(Input):
    period: Literal["week", "month"] = Field("week", description="Figures per week (from Monday) or month, in UTC")


class AnalyticsMoneyOut(Schema):
    """One currency's money in one period, in its integer minor units: never added across currencies."""

    currency: str = Field(description="ISO 4217: GBP, EUR or USD")
    gmv: int = Field(description=meaning("gmv"))
    client_fee: int = Field(description=meaning("client_fee"))
    freelancer_fee: int = Field(description=meaning("freelancer_fee"))
    conversion_fee: int = Field(description=meaning("conversion_fee"))
    refunded: int = Field(description="Money returned from escrow to clients in the period")
    take_rate: float | None = _rate("take_rate")
    client_fee_rate: float | None = _rate("client_fee")
    freelancer_fee_rate: float | None = _rate("freelancer_fee")
    conversion_fee_rate: float | None = _rate("conversion_fee")
    refund_rate: float | None = _rate("refund_rate")


class AnalyticsPeriodOut(Schema):
    start: date = Field(description="The period's first day (00:00 UTC)")
    end: date = Field(description="The next period's first day: excluded")
    money: list[AnalyticsMoneyOut] = Field(description="One entry per currency that moved in the period")
    milestones_funded: int = Field(description=meaning("milestones_funded"))
    projects_posted: int = Field(description=meaning("projects_posted"))
    projects_hired: int = Field(description="Of the projects posted in the period, those hired so far")
    fill_rate: float | None = _rate("fill_rate")
    first_proposal_hours: float | None = Field(description=meaning("first_proposal_hours") + " Null: none got one.")
    hire_hours: float | None = Field(description=meaning("hire_hours") + " Null: none was hired.")
    active_clients: int = Field(description=meaning("active_clients"))
    active_freelancers: int = Field(description=meaning("active_freelancers"))
    hires: int = Field(description=meaning("hires"))
    repeat_hires: int = Field(description="Hires whose client had started a contract with anyone before")
    repeat_hires_same: int = Field(description="Hires whose client had started one with this freelancer before")
    repeat_hire_rate: float | None = _rate("repeat_hire_rate")
    repeat_same_rate: float | None = _rate("repeat_same_rate")
    disputes_opened: int
    dispute_rate: float | None = _rate("dispute_rate")


class PayoutsWaitingOut(Schema):
    currency: str
    count: int
    amount: int = Field(description="Integer minor units of `currency`")


class AnalyticsOut(Schema):
    period: str = Field(description="week or month, as asked")
    generated_at: datetime = Field(description="When these figures were worked out: at most five minutes ago")
    periods: list[AnalyticsPeriodOut] = Field(description="The last 12 periods, the current one last (still running)")
    currencies: list[str] = Field(description="Every currency that moved in these periods")
    payouts_waiting: list[PayoutsWaitingOut] = Field(description=meaning("payouts_waiting"))


@router.get("/operations/analytics", response=AnalyticsOut)
def operations_analytics(request: HttpRequest, query: Query[AnalyticsQuery]) -> dict[str, Any]:
    """Operators: the market's figures per week or month (`?period=week|month`), as on /operations/analytics."""
    if not current_user(request).is_staff:
        raise NotAllowed(_("Only operators see the market's figures."))
    report = selectors.market_figures_cached(period=query.period)
    return {
        "period": report.period,
        "generated_at": report.generated_at,
        "periods": [_period_out(period) for period in report.periods],
        "currencies": report.currencies,
        "payouts_waiting": [vars(waiting) for waiting in report.payouts_waiting],
    }


def _period_out(period: selectors.PeriodFigures) -> dict[str, Any]:
    rates = ("fill_rate", "repeat_hire_rate", "repeat_same_rate", "dispute_rate")
    return (
        vars(period)
        | {name: getattr(period, name) for name in rates}
        | {"money": [_money_out(m) for m in period.money]}
    )


def _money_out(money: selectors.MoneyFigures) -> dict[str, Any]:
    rates = ("take_rate", "client_fee_rate", "freelancer_fee_rate", "conversion_fee_rate", "refund_rate")
    return vars(money) | {name: getattr(money, name) for name in rates}
