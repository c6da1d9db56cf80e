"""This year's money by month: bucketing ledger totals into the twelve months (empty months count as zero)
and the geometry of a small server-drawn SVG bar chart, so the page needs no JavaScript."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from openhour.lib.money import format_money

# The chart's drawing box, in SVG user units; CSS scales it to the page.
WIDTH, HEIGHT = 480, 200
RIGHT, TOP, BOTTOM = 8, 12, 28  # room for the months below; the amounts' width sets the room on the left
CHARACTER = 9  # about how wide one character of an amount is, at the chart's font size


@dataclass(frozen=True)
class Month:
    start: date
    amount: int  # minor units; negative when more came back than went out that month


@dataclass(frozen=True)
class Series:
    currency: str
    months: list[Month]

    @property
    def total(self) -> int:
        return sum(month.amount for month in self.months)


def local_month(when: date | datetime) -> date:
    """The first day of the month `when` falls in, in the site's time zone."""
    if isinstance(when, datetime) and timezone.is_aware(when):
        when = timezone.localtime(when)
    return date(when.year, when.month, 1)


def monthly(entries: Iterable[tuple[date | datetime, str, int]], *, year: int) -> list[Series]:
    """(when, currency, signed amount) entries summed per currency into the twelve months of `year`;
    entries of other years are ignored. One series per currency that has any entry, in code order."""
    totals: dict[str, list[int]] = {}
    for when, currency, amount in entries:
        month = local_month(when)
        if month.year == year:
            totals.setdefault(currency, [0] * 12)[month.month - 1] += amount
    return [
        Series(currency=currency, months=[Month(date(year, n + 1, 1), amount) for n, amount in enumerate(amounts)])
        for currency, amounts in sorted(totals.items())
    ]


@dataclass(frozen=True)
class Bar:
    month: Month
    x: int
    y: int
    width: int
    height: int
    label_x: int  # the middle of the bar's slot, where its month's name goes


@dataclass(frozen=True)
class Tick:
    amount: int
    y: int
    label: str


@dataclass(frozen=True)
class Chart:
    series: Series
    bars: list[Bar]
    ticks: list[Tick]
    left: int  # where the bars start, right of the amounts
    width: int = WIDTH
    height: int = HEIGHT
    right_edge: int = WIDTH - RIGHT
    label_y: int = HEIGHT - 8

    @property
    def tick_x(self) -> int:
        return self.left - 6


def nice_ceiling(amount: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten (in whole major units, so £1 at least) not below `amount`."""
    amount = max(amount, 100)
    step = 10 ** (len(str(amount)) - 1)
    return next(m * step for m in (1, 2, 5, 10) if m * step >= amount)


def bar_chart(series: Series) -> Chart:
    """Bars from a zero line; the scale runs from the lowest month (or zero) to a round amount above the highest."""
    amounts = [month.amount for month in series.months]
    top = nice_ceiling(max(max(amounts), 0))
    bottom = -nice_ceiling(-min(amounts)) if min(amounts) < 0 else 0
    levels = [top, top // 2, 0] + ([bottom] if bottom else [])
    labels = [format_money(level, series.currency) for level in levels]
    left = 10 + CHARACTER * max(len(label) for label in labels)
    plot_height = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - left - RIGHT) / len(amounts)

    def y(amount: int) -> int:
        return round(TOP + (top - amount) * plot_height / (top - bottom))

    zero = y(0)
    bars = []
    for n, month in enumerate(series.months):
        top_y = y(month.amount)
        bars.append(
            Bar(
                month=month,
                x=round(left + n * slot + slot * 0.15),
                y=min(top_y, zero),
                width=round(slot * 0.7),
                height=abs(top_y - zero),
                label_x=round(left + (n + 0.5) * slot),
            )
        )
    ticks = [Tick(amount=level, y=y(level), label=label) for level, label in zip(levels, labels, strict=True)]
    return Chart(series=series, bars=bars, ticks=ticks, left=left)
