"""The page's figures as CSV, one figure per line (period, figure, currency, value, unit), so a spreadsheet can
pivot them any way; money stays in integer minor units of its currency, rates are percentages."""

import csv
import io
from collections.abc import Iterator

from openhour.operations.analytics.selectors import MoneyFigures, PeriodFigures, Report

HEADER = ["period", "period_start", "period_end", "figure", "currency", "value", "unit"]
MONEY = "minor_units"
# (figure, unit) read from each currency's MoneyFigures, then from each period's PeriodFigures
MONEY_FIGURES = [
    ("gmv", MONEY),
    ("client_fee", MONEY),
    ("freelancer_fee", MONEY),
    ("conversion_fee", MONEY),
    ("refunded", MONEY),
    ("take_rate", "percent"),
    ("client_fee_rate", "percent"),
    ("freelancer_fee_rate", "percent"),
    ("conversion_fee_rate", "percent"),
    ("refund_rate", "percent"),
]
PERIOD_FIGURES = [
    ("projects_posted", "count"),
    ("projects_hired", "count"),
    ("fill_rate", "percent"),
    ("first_proposal_hours", "hours"),
    ("hire_hours", "hours"),
    ("active_clients", "count"),
    ("active_freelancers", "count"),
    ("hires", "count"),
    ("repeat_hires", "count"),
    ("repeat_hires_same", "count"),
    ("repeat_hire_rate", "percent"),
    ("repeat_same_rate", "percent"),
    ("milestones_funded", "count"),
    ("disputes_opened", "count"),
    ("dispute_rate", "percent"),
]


def rows(report: Report) -> Iterator[list[str]]:
    yield HEADER
    for period in report.periods:
        for money in period.money:
            yield from _money_rows(report.period, period, money)
        for name, unit in PERIOD_FIGURES:
            yield _row(report.period, period, name, "", getattr(period, name), unit)
    for waiting in report.payouts_waiting:  # now, not a period: the period columns name the moment
        moment = report.generated_at.isoformat()
        yield ["now", moment, moment, "payouts_waiting", waiting.currency, str(waiting.amount), MONEY]
        yield ["now", moment, moment, "payouts_waiting_count", waiting.currency, str(waiting.count), "count"]


def _money_rows(kind: str, period: PeriodFigures, money: MoneyFigures) -> Iterator[list[str]]:
    for name, unit in MONEY_FIGURES:
        yield _row(kind, period, name, money.currency, getattr(money, name), unit)


def _row(kind: str, period: PeriodFigures, name: str, currency: str, value: object, unit: str) -> list[str]:
    text = "" if value is None else str(value)  # a rate with nothing to divide by is blank, not zero
    return [kind, period.start.isoformat(), period.end.isoformat(), name, currency, text, unit]


def as_text(report: Report) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows(report))
    return out.getvalue()
