"""The market's figures per week or month, for operators: six aggregate queries, whatever the size of the market.

Each query groups one table's rows in the window by period (the window's bounds compared in the database) and
returns a few rows per period; nothing here reads rows one by one. Past periods are kept in the cache for a day, so
a fresh report usually reads only the current period's rows. Money is summed per currency and never added across
currencies. What each figure means is in `definitions.DEFINITIONS`, which the page, the CSV and the API share.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import (
    Avg,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.models import Contract
from openhour.jobs.models import Project, Proposal
from openhour.money.models import Payout, Phase, Transfer
from openhour.operations.analytics.periods import Window, day_of, moment, next_start, window

Kind = Transfer.Kind
# The ledger's kinds the money figures read: what was paid into work, the fees kept, and what went back.
MONEY_KINDS = (Kind.FUND, Kind.CLIENT_FEE, Kind.CLIENT_FEE_REFUND, Kind.FREELANCER_FEE, Kind.FX_FEE, Kind.REFUND)
WAITING = (Payout.Status.REQUESTED, Payout.Status.HELD, Payout.Status.SENT)  # asked for, not yet paid or failed
# Operators' figures need not be to the second: a month's figures read a year of the ledger, so each period's
# report is kept this long in the shared cache (Redis in production) and every operator reads the same one.
CACHE_SECONDS = 300
# A past period's figures still move a little (its projects are hired later, its fundings refunded), so they are
# recomputed daily rather than kept for ever.
CLOSED_SECONDS = 24 * 3600


def percent(part: int | float, whole: int | float) -> float | None:
    """`part` as a percentage of `whole`, to two places; None when there is no whole to share."""
    return round(100 * part / whole, 2) if whole else None


@dataclass(frozen=True)
class MoneyFigures:
    """One currency's money in one period, in its minor units."""

    currency: str
    gmv: int = 0
    client_fee: int = 0  # kept: charged on fundings, less what refunds gave back
    freelancer_fee: int = 0
    conversion_fee: int = 0
    refunded: int = 0

    @property
    def fees(self) -> int:
        return self.client_fee + self.freelancer_fee + self.conversion_fee

    @property
    def take_rate(self) -> float | None:
        return percent(self.fees, self.gmv)

    @property
    def client_fee_rate(self) -> float | None:
        return percent(self.client_fee, self.gmv)

    @property
    def freelancer_fee_rate(self) -> float | None:
        return percent(self.freelancer_fee, self.gmv)

    @property
    def conversion_fee_rate(self) -> float | None:
        return percent(self.conversion_fee, self.gmv)

    @property
    def refund_rate(self) -> float | None:
        return percent(self.refunded, self.gmv)


@dataclass(frozen=True)
class PeriodFigures:
    start: date
    end: date  # the next period's first day: excluded
    money: list[MoneyFigures] = field(default_factory=list)  # the currencies that moved, in code order
    milestones_funded: int = 0
    projects_posted: int = 0
    projects_hired: int = 0  # of those posted in the period, the ones hired so far
    first_proposal_hours: float | None = None  # mean, over those posted in the period that got a proposal
    hire_hours: float | None = None  # mean, over those posted in the period and hired
    active_clients: int = 0
    active_freelancers: int = 0
    hires: int = 0
    repeat_hires: int = 0  # the client had hired someone before
    repeat_hires_same: int = 0  # the client had hired this freelancer before
    disputes_opened: int = 0

    @property
    def fill_rate(self) -> float | None:
        return percent(self.projects_hired, self.projects_posted)

    @property
    def repeat_hire_rate(self) -> float | None:
        return percent(self.repeat_hires, self.hires)

    @property
    def repeat_same_rate(self) -> float | None:
        return percent(self.repeat_hires_same, self.hires)

    @property
    def dispute_rate(self) -> float | None:
        return percent(self.disputes_opened, self.milestones_funded)

    def money_in(self, currency: str) -> MoneyFigures:
        return next((found for found in self.money if found.currency == currency), MoneyFigures(currency=currency))


@dataclass(frozen=True)
class WaitingPayouts:
    currency: str
    count: int
    amount: int


@dataclass(frozen=True)
class Report:
    period: str
    periods: list[PeriodFigures]  # oldest first
    currencies: list[str]  # every currency that moved in the window
    payouts_waiting: list[WaitingPayouts]  # now, not per period
    generated_at: datetime

    @property
    def newest_first(self) -> list[PeriodFigures]:
        return self.periods[::-1]


def market_figures_cached(*, period: str) -> Report:
    """`market_figures` as of at most CACHE_SECONDS ago (its `generated_at` says when). Past periods come from
    the cache for up to CLOSED_SECONDS, so a fresh report reads only the current period's rows, not a year's."""
    key = f"operations:analytics:{period}"
    found = cache.get(key)
    if not isinstance(found, Report):
        found = _with_past_periods_kept(window(period))
        cache.set(key, found, CACHE_SECONDS)
    return found


def market_figures(*, period: str, now: datetime | None = None) -> Report:
    """Every figure of the last periods of `period` (week or month) up to now, and the payouts waiting now."""
    return _report(window(period, now=now), _period_figures(window(period, now=now)), now)


def _with_past_periods_kept(whole: Window) -> Report:
    past = {start: cache.get(_past_key(whole.period, start)) for start in whole.starts[:-1]}
    missing = [start for start, figures in past.items() if not isinstance(figures, PeriodFigures)]
    fresh_from = missing[0] if missing else whole.starts[-1]
    fresh = _period_figures(Window(whole.period, tuple(start for start in whole.starts if start >= fresh_from)))
    for figures in fresh[:-1]:
        cache.set(_past_key(whole.period, figures.start), figures, CLOSED_SECONDS)
    kept = [figures for start, figures in past.items() if start < fresh_from]
    return _report(whole, [*kept, *fresh], None)


def _past_key(period: str, start: date) -> str:
    return f"operations:analytics:{period}:{start.isoformat()}"


def _report(found: Window, periods: list[PeriodFigures], now: datetime | None) -> Report:
    seen = sorted({money.currency for one in periods for money in one.money})
    generated_at = now or timezone.now()
    return Report(found.period, periods, seen, payouts_waiting(), generated_at)


def _period_figures(found: Window) -> list[PeriodFigures]:
    money = _money(found)
    parts = (_activity(found), _projects(found), _hires(found), _disputes(found))
    rows = {start: {k: v for part in parts for k, v in part.get(start, {}).items()} for start in found.starts}
    periods = []
    for start in found.starts:
        currencies = money.get(start, {})
        funded = sum(figures.pop("funded", 0) for figures in currencies.values())
        periods.append(
            PeriodFigures(
                start=start,
                end=next_start(found.period, start),
                money=[MoneyFigures(currency=code, **currencies[code]) for code in sorted(currencies)],
                milestones_funded=funded,
                **rows.get(start, {}),
            )
        )
    return periods


def _period_of(window: Window, name: str) -> Case:
    """The period a date-time falls in, as its first day: the window's bounds compared in one CASE, which both
    databases evaluate natively (SQLite's date truncation is a Python function called per row, 5x slower)."""
    bounds = [
        When(**{f"{name}__lt": moment(start)}, then=Value(before))
        for before, start in zip(window.starts, window.starts[1:], strict=False)
    ]
    return Case(*bounds, default=Value(window.starts[-1]), output_field=DateField())


def _in(window: Window, name: str) -> Q:
    return Q(**{f"{name}__gte": window.start, f"{name}__lt": window.end})


def _money(window: Window) -> dict[date, dict[str, dict[str, int]]]:
    """Per period and currency: money paid into escrow, fees kept by kind, refunds, and fundings counted."""
    rows = (
        Transfer.objects.filter(_in(window, "created_at"), phase=Phase.POSTED, kind__in=MONEY_KINDS)
        .annotate(period=_period_of(window, "created_at"))
        .values("period", "currency", "kind")
        .annotate(total=Sum("amount"), count=Count("pk"))
        .order_by()
    )
    found: dict[date, dict[str, dict[str, int]]] = defaultdict(dict)
    for row in rows:
        figures = found[day_of(row["period"])].setdefault(row["currency"], defaultdict(int))
        _add(figures, row["kind"], row["total"], row["count"])
    return found


def _add(figures: dict[str, int], kind: str, total: int, count: int) -> None:
    if kind == Kind.FUND:
        figures["gmv"] += total
        figures["funded"] += count  # one funding leg per milestone
    elif kind == Kind.CLIENT_FEE:
        figures["client_fee"] += total
    elif kind == Kind.CLIENT_FEE_REFUND:
        figures["client_fee"] -= total
    elif kind == Kind.FREELANCER_FEE:
        figures["freelancer_fee"] += total
    elif kind == Kind.FX_FEE:
        figures["conversion_fee"] += total
    elif kind == Kind.REFUND:
        figures["refunded"] += total


def _activity(window: Window) -> dict[date, dict[str, int]]:
    """Clients who paid into escrow, and freelancers paid from it, each counted once per period: read from the
    milestone each leg moves money for, which carries its contract's parties (faster than the accounts' owners)."""
    rows = (
        Transfer.objects.filter(_in(window, "created_at"), phase=Phase.POSTED, kind__in=[Kind.FUND, Kind.RELEASE])
        .annotate(period=_period_of(window, "created_at"))
        .values("period")
        .annotate(
            active_clients=Count("milestone__client", distinct=True, filter=Q(kind=Kind.FUND)),
            active_freelancers=Count("milestone__freelancer", distinct=True, filter=Q(kind=Kind.RELEASE)),
        )
        .order_by()
    )
    return _by_period(rows)


def _projects(window: Window) -> dict[date, dict[str, Any]]:
    """Projects posted per period: how many, how many hired, and the mean waits for a first proposal and a hire."""
    first_proposal = Proposal.objects.filter(project=OuterRef("pk")).order_by("created_at").values("created_at")[:1]
    hired_at = Contract.objects.filter(project=OuterRef("pk")).order_by("created_at").values("created_at")[:1]
    rows = (
        Project.objects.filter(_in(window, "created_at"))
        .annotate(period=_period_of(window, "created_at"))
        .values("period")
        .annotate(
            projects_posted=Count("pk"),
            projects_hired=Count("pk", filter=Q(status=Project.Status.HIRED)),
            first_proposal_wait=Avg(_since_posted(Subquery(first_proposal))),
            hire_wait=Avg(_since_posted(Subquery(hired_at)), filter=Q(status=Project.Status.HIRED)),
        )
        .order_by()
    )
    found = _by_period(rows)
    for figures in found.values():
        figures["first_proposal_hours"] = _hours(figures.pop("first_proposal_wait"))
        figures["hire_hours"] = _hours(figures.pop("hire_wait"))
    return found


def _since_posted(moment: Any) -> ExpressionWrapper:
    return ExpressionWrapper(moment - F("created_at"), output_field=DurationField())


def _hours(wait: timedelta | None) -> float | None:
    return None if wait is None else round(wait.total_seconds() / 3600, 1)


def _hires(window: Window) -> dict[date, dict[str, int]]:
    """Contracts whose work started in the period, and how many of them came from a client who had hired before."""
    earlier = Contract.objects.filter(
        client=OuterRef("client"), started_at__isnull=False, started_at__lt=OuterRef("started_at")
    )
    rows = (
        Contract.objects.filter(_in(window, "started_at"))
        .annotate(period=_period_of(window, "started_at"))
        .values("period")
        .annotate(
            hires=Count("pk"),
            repeat_hires=Count("pk", filter=Exists(earlier)),
            repeat_hires_same=Count("pk", filter=Exists(earlier.filter(freelancer=OuterRef("freelancer")))),
        )
        .order_by()
    )
    return _by_period(rows)


def _disputes(window: Window) -> dict[date, dict[str, int]]:
    rows = (
        Dispute.objects.filter(_in(window, "created_at"))
        .annotate(period=_period_of(window, "created_at"))
        .values("period")
        .annotate(disputes_opened=Count("pk"))
        .order_by()
    )
    return _by_period(rows)


def _by_period(rows: Any) -> dict[date, dict[str, Any]]:
    return {day_of(row.pop("period")): row for row in rows}


def payouts_waiting() -> list[WaitingPayouts]:
    """Withdrawals asked for and not yet paid out (requested, held or sent), per currency, as they stand now."""
    rows = (
        Payout.objects.filter(status__in=WAITING)
        .values("currency")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("currency")
    )
    return [WaitingPayouts(currency=row["currency"], count=row["count"], amount=row["amount"]) for row in rows]
