"""Reputation levels as data: every threshold once, with the sentence that publishes it.

The nightly computation (services) and the page /trust/levels both read LEVELS, so the page cannot say one
thing while the code does another. A freelancer holds the highest level whose criteria are all met; a level
is lost at the first check where one of them no longer is. Nothing here involves human judgement.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

WINDOW = timedelta(days=365)  # on-time deliveries and lost disputes are counted over this time
REFRESH_EVERY = timedelta(days=1)  # levels are recomputed at most this often
MIN_RESPONSE_SAMPLE = 3  # conversations opened by others before a reply time is measured (as on profiles)


class Code(models.TextChoices):
    RISING_TALENT = "rising_talent", _("Rising talent")
    TOP_RATED = "top_rated", _("Top rated")
    TOP_RATED_PLUS = "top_rated_plus", _("Top rated plus")


@dataclass(frozen=True)
class Metrics:
    """What the rules look at for one freelancer, all counted by the platform."""

    completed: int = 0  # contracts ended with money released to them
    reviews: int = 0  # published reviews from clients
    score: float | None = None  # the published reputation score (openhour.reviews.scoring), out of 5
    milestones_due: int = 0  # milestones due in the window that were delivered or are still owed
    milestones_on_time: int = 0  # of those, first delivered on or before the due date
    disputes_lost: int = 0  # settled in the window with less than half the escrow released to them
    reply_minutes: int | None = None  # median time to first reply (openhour.messaging.safety.responsiveness)
    reply_sample: int = 0  # conversations that median is taken over
    account_days: int = 0
    sanctioned: bool = False  # a warning or suspension for manipulating reviews is in force

    @property
    def on_time_percent(self) -> float | None:
        return None if not self.milestones_due else 100 * self.milestones_on_time / self.milestones_due

    @property
    def reply_hours(self) -> float | None:
        if self.reply_minutes is None or self.reply_sample < MIN_RESPONSE_SAMPLE:
            return None
        return self.reply_minutes / 60


@dataclass(frozen=True)
class Criterion:
    """One published rule: `value` reads the metric; `at_least` (else at most) says which side of the threshold
    meets it; a metric that is None (nothing to measure yet) meets it when `none_meets`."""

    code: str
    rule: Promise  # "%(n)s" is the threshold
    shown: Promise  # "%(value)s": where the person stands
    missed: Promise  # why a level was lost: "%(n)s" and "%(value)s"
    value: Callable[[Metrics], float | None]
    at_least: bool = True
    none_meets: bool = False

    def met(self, metrics: Metrics, threshold: float) -> bool:
        value = self.value(metrics)
        if value is None:
            return self.none_meets
        return value >= threshold if self.at_least else value <= threshold

    def sentence(self, threshold: float) -> str:
        return str(self.rule % {"n": _number(threshold)})

    def lost(self, threshold: float, value: float | None) -> str:
        return str(self.missed % {"n": _number(threshold), "value": "-" if value is None else _number(value)})

    def standing(self, value: float | None) -> str:
        if value is None:
            return str(_("nothing to measure yet"))
        return str(self.shown % {"value": _number(value)})


def _number(value: float) -> int | float:
    """Whole numbers without decimals, others with at most two, as the score is kept: 90, 4.5, 87.25."""
    return int(value) if float(value).is_integer() else round(value, 2)


CRITERIA = {
    c.code: c
    for c in (
        Criterion(
            "completed",
            ngettext_lazy(
                "At least %(n)s completed contract (ended with money released to you)",
                "At least %(n)s completed contracts (ended with money released to you)",
                "n",
            ),
            _("%(value)s completed"),
            _("Fewer than %(n)s completed contracts (%(value)s)"),
            lambda m: m.completed,
        ),
        Criterion(
            "reviews",
            ngettext_lazy(
                "At least %(n)s published review from clients", "At least %(n)s published reviews from clients", "n"
            ),
            _("reviews: %(value)s"),
            _("Fewer than %(n)s published reviews (%(value)s)"),
            lambda m: m.reviews,
        ),
        Criterion(
            "score",
            _("A reputation score of at least %(n)s out of 5 (the published score, not a plain average)"),
            _("score %(value)s"),
            _("The score fell below %(n)s (%(value)s)"),
            lambda m: m.score,
        ),
        Criterion(
            "on_time",
            _(
                "At least %(n)s%% of milestones due in the last 12 months delivered by their due date (one still "
                "owed after its due date counts as late; with none due yet, this is met)"
            ),
            _("%(value)s%% on time"),
            _("On-time delivery fell below %(n)s%% (%(value)s%%)"),
            lambda m: m.on_time_percent,
            none_meets=True,
        ),
        Criterion(
            "disputes_lost",
            _(
                "Disputes lost in the last 12 months: at most %(n)s (lost: settled with less than half of the "
                "money in escrow released to you)"
            ),
            _("%(value)s lost"),
            _("Disputes lost in the last 12 months went above %(n)s (%(value)s)"),
            lambda m: m.disputes_lost,
            at_least=False,
        ),
        Criterion(
            "response",
            _(
                "Usually replies within %(n)s hours: the median time to a first reply to people who wrote first, "
                "over the last 90 days (with fewer than 3 such conversations, this is met)"
            ),
            _("median reply %(value)s hours"),
            _("Replies took longer than %(n)s hours (median %(value)s hours)"),
            lambda m: m.reply_hours,
            at_least=False,
            none_meets=True,
        ),
        Criterion(
            "account_age",
            _("A member for at least %(n)s days"),
            _("days as a member: %(value)s"),
            _("A member for fewer than %(n)s days"),
            lambda m: m.account_days,
        ),
        Criterion(
            "no_sanction",
            _("No warning or suspension for manipulating reviews in force"),
            _("sanctions in force: %(value)s"),
            _("A warning or suspension for manipulating reviews is in force"),
            lambda m: int(m.sanctioned),
            at_least=False,
        ),
    )
}


@dataclass(frozen=True)
class Level:
    code: str
    summary: Promise
    thresholds: tuple[tuple[str, float], ...]  # (criterion code, threshold), in the order the page lists them

    @property
    def name(self) -> str:
        return str(Code(self.code).label)

    def missing(self, metrics: Metrics) -> list[str]:
        """The codes of the criteria `metrics` does not meet, in order; empty when the level is earned."""
        return [code for code, n in self.thresholds if not CRITERIA[code].met(metrics, n)]


# Lowest first; every level asks at least as much as the one below it on every criterion.
LEVELS = (
    Level(
        Code.RISING_TALENT,
        _("For freelancers who finished their first paid work well."),
        (
            ("completed", 1),
            ("reviews", 1),
            ("score", 4.0),
            ("on_time", 80),
            ("disputes_lost", 0),
            ("no_sanction", 0),
        ),
    ),
    Level(
        Code.TOP_RATED,
        _("For freelancers with a record of many contracts, good reviews, deliveries on time and quick replies."),
        (
            ("completed", 10),
            ("reviews", 5),
            ("score", 4.5),
            ("on_time", 90),
            ("disputes_lost", 0),
            ("response", 24),
            ("account_age", 90),
            ("no_sanction", 0),
        ),
    ),
    Level(
        Code.TOP_RATED_PLUS,
        _("For the freelancers with the longest and strongest record on the platform."),
        (
            ("completed", 25),
            ("reviews", 15),
            ("score", 4.7),
            ("on_time", 95),
            ("disputes_lost", 0),
            ("response", 3),
            ("account_age", 365),
            ("no_sanction", 0),
        ),
    ),
)
BY_CODE = {level.code: level for level in LEVELS}


def level_for(metrics: Metrics) -> Level | None:
    """The highest level whose criteria are all met, or None."""
    earned = [level for level in LEVELS if not level.missing(metrics)]
    return earned[-1] if earned else None


def next_level(code: str) -> Level | None:
    """The level above `code` ("" for none), or None at the top."""
    codes = [level.code for level in LEVELS]
    position = codes.index(code) + 1 if code else 0
    return LEVELS[position] if position < len(LEVELS) else None


def shortfall(level_code: str, metrics: Metrics) -> list[dict[str, float | str | None]]:
    """Why `metrics` misses `level_code`, as stored with a change: criterion, threshold and the value then."""
    level = BY_CODE[level_code]
    thresholds = dict(level.thresholds)
    return [
        {"criterion": code, "threshold": thresholds[code], "value": CRITERIA[code].value(metrics)}
        for code in level.missing(metrics)
    ]


def reason_text(reason: dict[str, Any]) -> str:
    """A stored shortfall as a sentence: "On-time delivery fell below 90% (85%)"."""
    criterion = CRITERIA.get(str(reason.get("criterion")))
    if criterion is None:
        return ""
    value = reason.get("value")
    return criterion.lost(float(reason.get("threshold") or 0), None if value is None else float(value))
