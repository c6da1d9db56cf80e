"""The geometry of a small bar chart drawn on the server as SVG (the page runs no script): one bar per period,
from a zero line up to a round ceiling. The numbers themselves are in the table beside it."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openhour.contracts.dashboard.chart import nice_ceiling

WIDTH, HEIGHT = 480, 180
RIGHT, TOP, BOTTOM = 8, 12, 28  # room for the period labels below; the ticks' width sets the room on the left
CHARACTER = 9  # about how wide one character of a tick label is, at the chart's font size


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    width: int
    height: int
    label: str  # the period, under the bar
    label_x: int
    show_label: bool  # every other label when the bars are narrow


@dataclass(frozen=True)
class Tick:
    y: int
    label: str


@dataclass(frozen=True)
class Chart:
    title: str  # what the chart shows, for its text alternative
    bars: list[Bar]
    ticks: list[Tick]
    left: int
    width: int = WIDTH
    height: int = HEIGHT
    right_edge: int = WIDTH - RIGHT
    label_y: int = HEIGHT - 8

    @property
    def tick_x(self) -> int:
        return self.left - 6


def bar_chart(
    *, title: str, values: Sequence[int | float | None], labels: Sequence[str], tick: Callable[[int], str]
) -> Chart:
    """Bars for `values` (None draws nothing) under `labels`; `tick` writes the scale's amounts."""
    top = nice_ceiling(max([round(value or 0) for value in values] + [1]))
    texts = [tick(level) for level in (top, top // 2, 0)]
    left = 10 + CHARACTER * max(len(text) for text in texts)
    plot = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - left - RIGHT) / max(len(values), 1)

    def y(amount: float) -> int:
        return round(TOP + (top - amount) * plot / top)

    bars = [
        Bar(
            x=round(left + n * slot + slot * 0.15),
            y=y(value or 0),
            width=round(slot * 0.7),
            height=y(0) - y(value or 0),
            label=labels[n],
            label_x=round(left + (n + 0.5) * slot),
            show_label=len(values) <= 6 or (len(values) - 1 - n) % 2 == 0,
        )
        for n, value in enumerate(values)
    ]
    ticks = [Tick(y=y(level), label=text) for level, text in zip((top, top // 2, 0), texts, strict=True)]
    return Chart(title=title, bars=bars, ticks=ticks, left=left)
