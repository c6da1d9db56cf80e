"""Month bucketing and the bar chart's geometry: every month of the year present, empty ones at zero."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from openhour.contracts.dashboard.chart import bar_chart, local_month, monthly, nice_ceiling


def test_entries_are_summed_per_currency_into_twelve_months_with_empty_months_at_zero():
    series = monthly(
        [
            (datetime(2026, 3, 2, 10, tzinfo=UTC), "GBP", 30_000),
            (datetime(2026, 3, 30, 10, tzinfo=UTC), "GBP", 1_500),
            (datetime(2026, 7, 1, 0, tzinfo=UTC), "GBP", -10_000),
            (datetime(2026, 7, 1, 0, tzinfo=UTC), "EUR", 5_000),
            (datetime(2025, 12, 31, 23, tzinfo=UTC), "GBP", 99_999),  # last year: left out
        ],
        year=2026,
    )
    assert [s.currency for s in series] == ["EUR", "GBP"]
    eur, gbp = series
    assert [m.start for m in gbp.months] == [date(2026, n, 1) for n in range(1, 13)]
    assert [m.amount for m in gbp.months] == [0, 0, 31_500, 0, 0, 0, -10_000, 0, 0, 0, 0, 0]
    assert gbp.total == 21_500 and eur.total == 5_000


def test_nothing_this_year_makes_no_series():
    assert monthly([], year=2026) == []
    assert monthly([(date(2024, 5, 1), "GBP", 100)], year=2026) == []


def test_a_month_is_the_local_month():
    with timezone.override(ZoneInfo("Europe/Berlin")):  # 23:30 UTC on 31 January is 1 February in Berlin
        assert local_month(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == date(2026, 2, 1)
    assert local_month(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == date(2026, 1, 1)
    assert local_month(date(2026, 4, 17)) == date(2026, 4, 1)


def test_the_scale_rounds_up_to_one_two_or_five():
    assert [nice_ceiling(n) for n in (0, 99, 100, 101, 1_999, 2_001, 31_500, 50_000, 73_000)] == [
        100,
        100,
        100,
        200,
        2_000,
        5_000,
        50_000,
        50_000,
        100_000,
    ]


def test_bars_stand_on_the_zero_line_in_proportion():
    [series] = monthly([(date(2026, 1, 5), "GBP", 50_000), (date(2026, 2, 5), "GBP", 25_000)], year=2026)
    chart = bar_chart(series)
    january, february, march = chart.bars[:3]
    zero = next(tick.y for tick in chart.ticks if tick.amount == 0)
    assert [tick.amount for tick in chart.ticks] == [50_000, 25_000, 0]
    assert january.y + january.height == zero and february.y + february.height == zero
    assert january.height == 2 * february.height
    assert march.height == 0
    assert len(chart.bars) == 12 and all(chart.left <= b.x and b.x + b.width <= chart.width for b in chart.bars)
    assert [tick.label for tick in chart.ticks] == ["£500", "£250", "£0"]


def test_a_month_with_more_refunded_than_paid_goes_below_the_line():
    [series] = monthly([(date(2026, 1, 5), "GBP", 20_000), (date(2026, 2, 5), "GBP", -5_000)], year=2026)
    chart = bar_chart(series)
    zero = next(tick.y for tick in chart.ticks if tick.amount == 0)
    assert chart.bars[1].y == zero and chart.bars[1].height > 0
    assert chart.ticks[-1].amount == -5_000
