"""How well the review checks catch the planted scenarios (`manage.py review_audit`).

Per signal kind: how many reviews were planted, how many of them were caught (a signal of that kind scoring at
least SIGNAL_THRESHOLD, or the review queued or held at all), and how many reviews anywhere carry that signal, of
which the planted ones are the true positives: demo reviews, clean controls and reviews planted for another
scenario all count against precision. Clean controls and ordinary demo reviews that were queued or held are the
false holds an honest user would suffer."""

from dataclasses import dataclass

from django.db.models import Q

from openhour.demo.manipulation.labels import planted_labels
from openhour.reviews.integrity.models import RiskSignal
from openhour.reviews.models import Review

SIGNAL_THRESHOLD = 0.5
CLEAN = "clean"
KINDS = [kind.value for kind in RiskSignal.Kind]


@dataclass(frozen=True)
class KindResult:
    kind: str
    planted: int  # reviews planted for this scenario
    detected: int  # of those, caught
    flagged: int  # reviews anywhere with this signal at or above the threshold (all signals, for "overall")
    true_flags: int  # of those, planted for this scenario (for "overall": planted as any manipulation)

    @property
    def recall(self) -> float | None:
        return self.detected / self.planted if self.planted else None

    @property
    def precision(self) -> float | None:
        return self.true_flags / self.flagged if self.flagged else None


@dataclass(frozen=True)
class Holds:
    reviews: int
    queued: int
    held: int


@dataclass(frozen=True)
class Audit:
    kinds: list[KindResult]
    overall: KindResult
    clean: Holds  # the planted clean controls
    ordinary: Holds  # reviews no scenario touched: the demo's own


def review_audit() -> Audit:
    labels = planted_labels()
    strong = RiskSignal.objects.filter(score__gte=SIGNAL_THRESHOLD)
    by_kind: dict[str, set[int]] = {kind: set() for kind in KINDS}
    for review_id, kind in strong.values_list("review_id", "kind"):
        by_kind.setdefault(kind, set()).add(review_id)
    stopped = set(
        Review.objects.filter(risk_decision__in=[Review.Risk.QUEUE, Review.Risk.HOLD]).values_list("pk", flat=True)
    )
    kinds = []
    for kind in KINDS:
        planted = {review for review, scenario in labels.items() if scenario == kind}
        caught = planted & (by_kind[kind] | stopped)
        kinds.append(KindResult(kind, len(planted), len(caught), len(by_kind[kind]), len(by_kind[kind] & planted)))
    manipulated = {review for review, scenario in labels.items() if scenario != CLEAN}
    any_signal = set().union(*by_kind.values()) | stopped
    overall = KindResult(
        "overall", len(manipulated), len(manipulated & any_signal), len(any_signal), len(any_signal & manipulated)
    )
    clean = [review for review, scenario in labels.items() if scenario == CLEAN]
    return Audit(kinds=kinds, overall=overall, clean=_holds(Q(pk__in=clean)), ordinary=_ordinary(list(labels)))


def _holds(where: Q) -> Holds:
    reviews = Review.objects.filter(where)
    return Holds(
        reviews=reviews.count(),
        queued=reviews.filter(risk_decision=Review.Risk.QUEUE).count(),
        held=reviews.filter(Q(risk_decision=Review.Risk.HOLD) | Q(status=Review.Status.HELD)).count(),
    )


def _ordinary(labelled: list[int]) -> Holds:
    """Reviews between people no scenario involved (the demo's): unlabelled, and neither side planted."""
    planted_reviews = Review.objects.filter(pk__in=labelled)
    people = set(planted_reviews.values_list("author_id", flat=True)) | set(
        planted_reviews.values_list("subject_id", flat=True)
    )
    return _holds(~Q(pk__in=labelled) & ~Q(author_id__in=people) & ~Q(subject_id__in=people))


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def audit_table(audit: Audit) -> str:
    """The audit as a plain-text table."""
    head = f"{'scenario':<14}{'planted':>8}{'detected':>9}{'recall':>8}{'flagged':>9}{'true':>6}{'precision':>11}"
    lines = [head, "-" * len(head)]
    for row in [*audit.kinds, audit.overall]:
        if row is audit.overall:
            lines.append("-" * len(head))
        lines.append(
            f"{row.kind:<14}{row.planted:>8}{row.detected:>9}{_percent(row.recall):>8}{row.flagged:>9}"
            f"{row.true_flags:>6}{_percent(row.precision):>11}"
        )
    lines.append("")
    lines.append(f"{'false holds':<22}{'reviews':>8}{'queued':>8}{'held':>6}")
    for name, holds in (("clean controls", audit.clean), ("ordinary demo reviews", audit.ordinary)):
        lines.append(f"{name:<22}{holds.reviews:>8}{holds.queued:>8}{holds.held:>6}")
    lines.append("")
    lines.append(
        f"Detected: a signal of the scenario's kind scoring at least {SIGNAL_THRESHOLD}, or the review queued or "
        "held. Flagged: every review with that signal; all others count against precision."
    )
    return "\n".join(lines) + "\n"
