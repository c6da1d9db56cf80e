"""How well the review checks do on generated manipulation and honest life (`manage.py review_audit`).

Every review counted is an `Outcome`: its move, whether it was manipulation, its stars and what the checks
decided. Labelled reviews come from the labels file; the demo's own reviews between people no move touched are
honest too (move "demo"); reviews a move wrote without labelling them (a freelancer thanking invented clients)
are neither and are left out.

- caught: queued or held, or carrying a signal scoring at least SIGNAL_THRESHOLD;
- recall: manipulated reviews caught / manipulated reviews; precision: manipulated caught / all caught;
- honest held and queued: counts and share of honest reviews;
- publication parity: the share of honest 1–2★ reviews published without a hold or queue, against 4–5★, and
  the gap in points (a check that treated criticism as a risk would open it).

The arithmetic is in `summary`, a pure function of outcomes, so several seeds' outcomes can be pooled.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from django.db.models import Q

from openhour.demo.manipulation.labels import labels_held
from openhour.reviews.integrity.models import RiskSignal
from openhour.reviews.models import Review

SIGNAL_THRESHOLD = 0.5
CLEAN = "clean"
DEMO = "demo"
LOW, HIGH = (1, 2), (4, 5)


@dataclass(frozen=True)
class Outcome:
    move: str
    manipulated: bool
    stars: int
    decision: str  # publish, queue or hold
    caught: bool
    seed: int = 0

    @property
    def published(self) -> bool:
        return self.decision == Review.Risk.PUBLISH and not self.caught


@dataclass(frozen=True)
class Row:
    name: str
    manipulated: int
    caught: int
    flagged: int  # every review caught in this row, manipulated or not
    honest: int
    queued: int  # honest reviews queued
    held: int  # honest reviews held
    low: int  # honest 1–2★ reviews
    low_published: int
    high: int  # honest 4–5★ reviews
    high_published: int

    @property
    def recall(self) -> float | None:
        return _ratio(self.caught, self.manipulated)

    @property
    def precision(self) -> float | None:
        return _ratio(self.caught, self.flagged)

    @property
    def queued_share(self) -> float | None:
        return _ratio(self.queued, self.honest)

    @property
    def held_share(self) -> float | None:
        return _ratio(self.held, self.honest)

    @property
    def low_rate(self) -> float | None:
        return _ratio(self.low_published, self.low)

    @property
    def high_rate(self) -> float | None:
        return _ratio(self.high_published, self.high)

    @property
    def gap_points(self) -> float | None:
        if self.low_rate is None or self.high_rate is None:
            return None
        return round(100 * (self.high_rate - self.low_rate), 1)


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def row(name: str, outcomes: Iterable[Outcome]) -> Row:
    rows = list(outcomes)
    bad = [o for o in rows if o.manipulated]
    good = [o for o in rows if not o.manipulated]
    low = [o for o in good if o.stars in LOW]
    high = [o for o in good if o.stars in HIGH]
    return Row(
        name=name,
        manipulated=len(bad),
        caught=sum(o.caught for o in bad),
        flagged=sum(o.caught for o in rows),
        honest=len(good),
        queued=sum(o.decision == Review.Risk.QUEUE for o in good),
        held=sum(o.decision == Review.Risk.HOLD for o in good),
        low=len(low),
        low_published=sum(o.published for o in low),
        high=len(high),
        high_published=sum(o.published for o in high),
    )


@dataclass(frozen=True)
class Summary:
    moves: list[Row]  # one per move, manipulation first
    seeds: list[Row]  # one per seed, every move
    overall: Row


def summary(outcomes: Sequence[Outcome]) -> Summary:
    names = sorted({(not o.manipulated, o.move) for o in outcomes})
    moves = [row(move, (o for o in outcomes if o.move == move and o.manipulated != honest)) for honest, move in names]
    seeds = [
        row(f"seed {seed}", (o for o in outcomes if o.seed == seed)) for seed in sorted({o.seed for o in outcomes})
    ]
    return Summary(moves=moves, seeds=seeds, overall=row("overall", outcomes))


def outcomes(seed: int | None = None) -> list[Outcome]:
    """The outcome of every labelled review (of one seed's, when given) and of the demo's own reviews."""
    labels = [label for label in labels_held() if seed is None or label.get("seed") == seed]
    labelled = {label["review"]: label for label in labels}
    strong = set(RiskSignal.objects.filter(score__gte=SIGNAL_THRESHOLD).values_list("review_id", flat=True))
    everyone = {label["review"] for label in labels_held()}
    planted = Review.objects.filter(pk__in=everyone)
    people = set(planted.values_list("author_id", flat=True)) | set(planted.values_list("subject_id", flat=True))
    ordinary = ~Q(pk__in=everyone) & ~Q(author_id__in=people) & ~Q(subject_id__in=people)
    found = []
    for pk, stars, decision, status in Review.objects.filter(Q(pk__in=labelled) | ordinary).values_list(
        "pk", "overall", "risk_decision", "status"
    ):
        label = labelled.get(pk)
        held = decision == Review.Risk.HOLD or status == Review.Status.HELD
        found.append(
            Outcome(
                move=(label.get("move") or label["scenario"]) if label else DEMO,
                manipulated=bool(label) and label["scenario"] != CLEAN,  # type: ignore[index]
                stars=stars,
                decision=Review.Risk.HOLD if held else decision,
                caught=held or decision == Review.Risk.QUEUE or pk in strong,
                seed=(label.get("seed") if label else seed) or 0,
            )
        )
    return found


def as_dicts(found: Iterable[Outcome]) -> list[dict[str, object]]:
    return [asdict(o) for o in found]


def from_dicts(rows: Iterable[dict[str, object]]) -> list[Outcome]:
    return [Outcome(**row) for row in rows]  # type: ignore[arg-type]


# ---- the table -------------------------------------------------------------------------------------------


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _line(r: Row) -> str:
    gap = "–" if r.gap_points is None else f"{r.gap_points:+.1f}"
    return (
        f"{r.name:<18}{r.manipulated:>6}{r.caught:>7}{_pct(r.recall):>8}{_pct(r.precision):>7}"
        f"{r.honest:>8}{r.queued:>5} {_pct(r.queued_share):>4}{r.held:>5} {_pct(r.held_share):>4}"
        f"{r.low:>6} {_pct(r.low_rate):>5}{r.high:>6} {_pct(r.high_rate):>5}{gap:>7}"
    )


def audit_table(result: Summary) -> str:
    """The audit as a plain-text table: per move, per seed, overall."""
    head = (
        f"{'move':<18}{'manip':>6}{'caught':>7}{'recall':>8}{'prec':>7}{'honest':>8}{'queued':>10}{'held':>10}"
        f"{'1-2★':>6} {'pub':>5}{'4-5★':>6} {'pub':>5}{'gap':>7}"
    )
    rule = "-" * len(head)
    lines = [head, rule, *map(_line, result.moves), rule, *map(_line, result.seeds), rule, _line(result.overall)]
    overall = result.overall
    lines += [
        "",
        f"Recall {_pct(overall.recall)} at precision {_pct(overall.precision)}; honest reviews held "
        f"{overall.held} ({_pct(overall.held_share)}), queued {overall.queued} ({_pct(overall.queued_share)}); "
        f"honest 1–2★ published {_pct(overall.low_rate)} against 4–5★ {_pct(overall.high_rate)} "
        f"(gap {overall.gap_points} points).",
        f"Caught: queued or held, or a signal scoring at least {SIGNAL_THRESHOLD}. Published: neither. "
        "Goals: recall ≥ 95% at precision ≥ 95%, no honest review held, ≤ 2% queued, gap ≤ 5 points.",
    ]
    return "\n".join(lines) + "\n"
