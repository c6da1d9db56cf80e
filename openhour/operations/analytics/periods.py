"""The window the analytics cover: the last PERIODS weeks or months, the current one included, in UTC.

Weeks start on Monday at 00:00 UTC (as the database's week truncation does), months on the 1st at 00:00 UTC, so a
figure lands in the same period whatever the server's or the reader's time zone."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.utils import timezone

PERIODS = 12
WEEK, MONTH = "week", "month"
KINDS = (WEEK, MONTH)


@dataclass(frozen=True)
class Window:
    period: str  # week or month
    starts: tuple[date, ...]  # each period's first day, oldest first

    @property
    def start(self) -> datetime:
        return moment(self.starts[0])

    @property
    def end(self) -> datetime:
        """The first moment after the window (the start of the next period): excluded."""
        return moment(next_start(self.period, self.starts[-1]))


def moment(day: date) -> datetime:
    """A period's first day as its first moment, 00:00 UTC."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def window(period: str, *, now: datetime | None = None, count: int = PERIODS) -> Window:
    """The last `count` periods of `period` up to the one `now` falls in."""
    today = (now or timezone.now()).astimezone(UTC).date()
    if period == WEEK:
        current = today - timedelta(days=today.weekday())
        starts = [current - timedelta(weeks=back) for back in range(count - 1, -1, -1)]
    elif period == MONTH:
        starts = [_months_before(date(today.year, today.month, 1), back) for back in range(count - 1, -1, -1)]
    else:
        raise ValueError(f"unknown period {period!r}")
    return Window(period=period, starts=tuple(starts))


def _months_before(first: date, back: int) -> date:
    index = first.year * 12 + first.month - 1 - back
    return date(index // 12, index % 12 + 1, 1)


def next_start(period: str, start: date) -> date:
    """The first day of the period after the one starting on `start`."""
    if period == WEEK:
        return start + timedelta(weeks=1)
    return _months_before(start, -1)


def day_of(value: date | datetime) -> date:
    """A truncated period as the database returns it (a date-time, aware or not, or a date) as its first day."""
    if isinstance(value, datetime):
        return (value.astimezone(UTC) if timezone.is_aware(value) else value).date()
    return value
