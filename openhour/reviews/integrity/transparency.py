"""The transparency report: what happened to reviews in one calendar quarter, computed live from the rows
(reviews and their events, flags, moderation cases and their audit log), so every figure can be recounted.

It also watches for the one bias the law forbids: low-star reviews published at a lower rate than high-star
ones. Moderation is blind to the rating, so a gap means something upstream (checks, flags) treats them
differently; operators are alerted, on the report and on the moderation queue."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.lib.errors import InvalidInput
from openhour.reviews.integrity.models import Case, CaseEvent, Flag
from openhour.reviews.models import Review, ReviewEvent

OTHER = "other"  # a removal whose case cites no content rule (or that no case explains)
LOW_STARS = (1, 2)
HIGH_STARS = (4, 5)
ALERT_TOLERANCE_POINTS = 5  # a smaller gap between low- and high-star publication rates is noise
ALERT_MIN_LOW_REVIEWS = 5  # below this many low-star reviews a rate says nothing
QUARTER_PATTERN = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def code(self) -> str:
        return f"{self.year}Q{self.number}"

    @property
    def label(self) -> str:
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}

    @property
    def start(self) -> datetime:
        tz = timezone.get_default_timezone()
        return datetime(self.year, 3 * self.number - 2, 1, tzinfo=tz)

    @property
    def end(self) -> datetime:
        """The first moment of the next quarter (excluded)."""
        return self.next().start

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(days=1)).date()

    def next(self) -> "Quarter":
        return Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)

    def window(self, name: str) -> dict[str, datetime]:
        """Filter arguments for `name` (a date-time field) falling in this quarter."""
        return {f"{name}__gte": self.start, f"{name}__lt": self.end}

    def __str__(self) -> str:
        return self.code


def quarter_of(moment: datetime) -> Quarter:
    local = timezone.localtime(moment, timezone.get_default_timezone())
    return Quarter(local.year, (local.month - 1) // 3 + 1)


def quarter_current() -> Quarter:
    return quarter_of(timezone.now())


def quarter_parse(text: str | None) -> Quarter:
    """`2026Q4` (also `2026-q4`); empty means the current quarter. A quarter not yet begun is refused."""
    if text is None or not text.strip():
        return quarter_current()
    found = QUARTER_PATTERN.match(text)
    if found is None or int(found.group(1)) < 2000:
        raise InvalidInput(
            _("Give a quarter as year and quarter, for example 2026Q4."),
            fields={"quarter": [_("Give a quarter as year and quarter, for example 2026Q4.")]},
        )
    quarter = Quarter(int(found.group(1)), int(found.group(2)))
    if quarter > quarter_current():
        raise InvalidInput(
            _("That quarter has not started yet."), fields={"quarter": [_("That quarter has not started yet.")]}
        )
    return quarter


def quarters_available() -> list[Quarter]:
    """Every quarter from the one of the first review to the current one, newest first."""
    current = quarter_current()
    first = Review.objects.aggregate(first=Min("submitted_at"))["first"]
    quarter = min(quarter_of(first), current) if first else current
    found = []
    while quarter <= current:
        found.append(quarter)
        quarter = quarter.next()
    return found[::-1]


@dataclass(frozen=True)
class StarRate:
    """Of the reviews submitted in the quarter with this overall rating (and no longer sealed), how many are
    published now."""

    stars: int
    submitted: int
    published: int

    @property
    def rate(self) -> float | None:
        return percent(self.published, self.submitted)


@dataclass(frozen=True)
class BiasAlert:
    """Low-star reviews are published at a lower rate than high-star ones, beyond the tolerance."""

    quarter: Quarter
    low: StarRate  # 1–2 stars together (stars=0)
    high: StarRate  # 4–5 stars together (stars=0)

    @property
    def gap_points(self) -> float:
        return round((self.high.rate or 0) - (self.low.rate or 0), 1)


@dataclass
class Report:
    quarter: Quarter
    submitted: int = 0
    published: int = 0
    held: int = 0  # reviews held for moderation during the quarter
    still_held: int = 0  # of those, the ones an operator has not decided yet
    removed: int = 0
    removed_by_rule: dict[str, int] = field(default_factory=dict)
    removed_automatic: int = 0  # removals whose case the checks opened, not a person's flag
    flags_by_reason: dict[str, int] = field(default_factory=dict)
    cases_by_source: dict[str, int] = field(default_factory=dict)
    decisions: dict[str, int] = field(default_factory=dict)  # first decisions taken in the quarter, by outcome
    appeals: int = 0
    appeals_upheld: int = 0
    appeals_changed: int = 0
    appeals_pending: int = 0
    star_rates: list[StarRate] = field(default_factory=list)
    alert: BiasAlert | None = None

    @property
    def complete(self) -> bool:
        """False while the quarter is still running: its figures will grow."""
        return timezone.now() >= self.quarter.end

    @property
    def automatic_share(self) -> float | None:
        return percent(self.removed_automatic, self.removed)

    @property
    def flags(self) -> int:
        return sum(self.flags_by_reason.values())

    @property
    def cases(self) -> int:
        return sum(self.cases_by_source.values())


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def transparency_report(*, quarter: Quarter) -> Report:
    """Every figure of the report for `quarter`, each from one query over the rows it counts."""
    report = Report(quarter=quarter)
    reviews = Review.objects.all()
    report.submitted = reviews.filter(**quarter.window("submitted_at")).count()
    report.published = reviews.filter(**quarter.window("published_at")).count()
    held_ids = _reviews_with_event("hold", quarter)
    report.held = len(held_ids)
    report.still_held = reviews.filter(pk__in=held_ids, status=Review.Status.HELD).count()
    _count_removals(report, quarter)
    report.flags_by_reason = _by_choice(Flag.objects.filter(**quarter.window("created_at")), "reason", Flag.Reason)
    report.cases_by_source = _by_choice(Case.objects.filter(**quarter.window("created_at")), "source", Case.Source)
    decided = Case.objects.filter(pk__in=_cases_with_event("decide", quarter))
    report.decisions = _by_choice(decided, "outcome", Case.Outcome)
    _count_appeals(report, quarter)
    report.star_rates = star_rates(quarter)
    report.alert = _bias_of(quarter, report.star_rates)
    return report


def publication_bias_alert(quarter: Quarter | None = None) -> BiasAlert | None:
    """For operators only (the moderation queue's banner): the alert of `quarter`, the current one by default."""
    quarter = quarter or quarter_current()
    return _bias_of(quarter, star_rates(quarter))


def star_rates(quarter: Quarter) -> list[StarRate]:
    """Publication rate per overall rating, over the reviews submitted in the quarter that left the sealed
    state (sealed ones have had no chance to publish yet)."""
    rows = (
        Review.objects.filter(**quarter.window("submitted_at"))
        .exclude(status=Review.Status.SEALED)
        .values("overall")
        .annotate(submitted=Count("id"), published=Count("id", filter=Q(status=Review.Status.PUBLISHED)))
    )
    found: dict[int, tuple[int, int]] = {row["overall"]: (row["submitted"], row["published"]) for row in rows}
    return [StarRate(stars, *found.get(stars, (0, 0))) for stars in range(1, 6)]


def _bias_of(quarter: Quarter, rates: list[StarRate]) -> BiasAlert | None:
    low = _pooled(rates, LOW_STARS)
    high = _pooled(rates, HIGH_STARS)
    if low.submitted < ALERT_MIN_LOW_REVIEWS or not high.submitted:
        return None
    # In integers, so a gap of exactly the tolerance never fires by a rounding error.
    gap = 100 * (high.published * low.submitted - low.published * high.submitted)
    if gap <= ALERT_TOLERANCE_POINTS * high.submitted * low.submitted:
        return None
    return BiasAlert(quarter=quarter, low=low, high=high)


def _pooled(rates: list[StarRate], stars: tuple[int, ...]) -> StarRate:
    chosen = [rate for rate in rates if rate.stars in stars]
    return StarRate(0, sum(rate.submitted for rate in chosen), sum(rate.published for rate in chosen))


def _reviews_with_event(action: str, quarter: Quarter) -> set[int]:
    events = ReviewEvent.objects.filter(action=action, **quarter.window("created_at"))
    return set(events.values_list("review_id", flat=True))


def _cases_with_event(action: str, quarter: Quarter) -> set[int]:
    events = CaseEvent.objects.filter(action=action, **quarter.window("created_at"))
    return set(events.values_list("case_id", flat=True))


def _count_removals(report: Report, quarter: Quarter) -> None:
    """Reviews removed in the quarter, by the rule the removing case cited and by who found them."""
    removed = _reviews_with_event("remove", quarter)
    removing = Case.objects.filter(review_id__in=removed).filter(
        Q(outcome=Case.Outcome.REMOVE) | Q(final_outcome=Case.Outcome.REMOVE)
    )
    cause: dict[int, Case] = {}
    for case in removing.order_by("created_at", "id").only("review_id", "rule", "source"):
        cause[case.review_id] = case  # the latest case that ended in removal is the one that removed it
    report.removed = len(removed)
    report.removed_by_rule = {value: 0 for value in Flag.Reason.values} | {OTHER: 0}
    for review_id in removed:
        found = cause.get(review_id)
        rule = found.rule if found is not None and found.rule in Flag.Reason.values else OTHER
        report.removed_by_rule[rule] += 1
        report.removed_automatic += found is not None and found.source == Case.Source.AUTOMATIC


def _count_appeals(report: Report, quarter: Quarter) -> None:
    """Cases appealed in the quarter and what the second operator decided: the first outcome upheld or changed."""
    appealed = Case.objects.filter(pk__in=_cases_with_event("appeal", quarter)).only("outcome", "final_outcome")
    for case in appealed:
        report.appeals += 1
        if not case.final_outcome:
            report.appeals_pending += 1
        elif case.final_outcome == case.outcome:
            report.appeals_upheld += 1
        else:
            report.appeals_changed += 1


def _by_choice(rows: Any, name: str, choices: Any) -> dict[str, int]:
    """Counts of `rows` by the value of `name`, with a zero for every choice nobody used."""
    counted = {row[name]: row["n"] for row in rows.values(name).annotate(n=Count("id")).order_by()}
    return {value: counted.get(value, 0) for value in choices.values}


def choice_label(value: str) -> str:
    """The human name of a rule, source or outcome code used in the report."""
    for choices in (Flag.Reason, Case.Source, Case.Outcome):
        if value in choices.values:
            return str(choices(value).label)
    return _("Other")


def report_as_dict(report: Report, *, staff: bool) -> dict[str, Any]:
    """The report for the API; the bias alert only for operators."""
    body: dict[str, Any] = {
        "quarter": report.quarter.code,
        "from": report.quarter.start.isoformat(),
        "until": report.quarter.end.isoformat(),
        "complete": report.complete,
        "reviews": {
            "submitted": report.submitted,
            "published": report.published,
            "held": report.held,
            "still_held": report.still_held,
            "removed": report.removed,
        },
        "removed_by_reason": report.removed_by_rule,
        "detected_automatically": {
            "removed": report.removed,
            "automatic": report.removed_automatic,
            "share_percent": report.automatic_share,
        },
        "flags_by_reason": report.flags_by_reason,
        "cases_by_source": report.cases_by_source,
        "decisions": report.decisions,
        "appeals": {
            "total": report.appeals,
            "upheld": report.appeals_upheld,
            "changed": report.appeals_changed,
            "pending": report.appeals_pending,
        },
        "publication_rate_by_stars": [
            {"stars": rate.stars, "submitted": rate.submitted, "published": rate.published, "rate_percent": rate.rate}
            for rate in report.star_rates
        ],
    }
    if staff:
        body["alert"] = None if report.alert is None else alert_as_dict(report.alert)
    return body


def alert_as_dict(alert: BiasAlert) -> dict[str, Any]:
    return {
        "quarter": alert.quarter.code,
        "gap_points": alert.gap_points,
        "low_stars": _pooled_as_dict(alert.low),
        "high_stars": _pooled_as_dict(alert.high),
        "tolerance_points": ALERT_TOLERANCE_POINTS,
        "min_low_reviews": ALERT_MIN_LOW_REVIEWS,
    }


def _pooled_as_dict(rate: StarRate) -> dict[str, Any]:
    return {"submitted": rate.submitted, "published": rate.published, "rate_percent": rate.rate}
