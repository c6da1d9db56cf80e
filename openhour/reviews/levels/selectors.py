"""What the level rules look at, counted set-based: one grouped query per criterion for the whole market (the
nightly check), or the same queries narrowed to one person (their progress). Never a query per freelancer."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from openhour.accounts.models import User
from openhour.contracts.disputes.models import Dispute
from openhour.contracts.models import Contract, Delivery, Milestone
from openhour.lib.process import FREELANCER
from openhour.messaging.models import Responsiveness
from openhour.reviews.integrity.models import Sanction
from openhour.reviews.levels.models import FreelancerLevel, LevelChange, LevelsRun
from openhour.reviews.levels.rules import CRITERIA, LEVELS, MIN_RESPONSE_SAMPLE, WINDOW, Level, Metrics, next_level
from openhour.reviews.models import Reputation

# Milestones that count for on-time delivery when they have no delivery: still owed (or frozen in a dispute).
STILL_OWED = (Milestone.Status.FUNDED, Milestone.Status.DISPUTED)


def candidates() -> QuerySet[User]:
    """Freelancers the nightly check looks at: anyone with a completed contract, and anyone holding a level."""
    completed = _completed().filter(freelancer=OuterRef("pk"))
    holding = FreelancerLevel.objects.filter(user=OuterRef("pk")).exclude(level="")
    return User.objects.filter(is_freelancer=True).filter(Exists(completed) | Exists(holding))


def metrics_for(people: list[tuple[int, datetime]], *, now: datetime, one: int | None = None) -> dict[int, Metrics]:
    """Metrics of each (user id, date joined) in `people`; `one` narrows every query to that person."""
    counts = _counts(now, one)
    return {
        uid: Metrics(
            completed=counts.completed.get(uid, 0),
            reviews=counts.reputation.get(uid, (None, 0))[1],
            score=counts.reputation.get(uid, (None, 0))[0],
            milestones_due=counts.milestones.get(uid, (0, 0))[0],
            milestones_on_time=counts.milestones.get(uid, (0, 0))[1],
            disputes_lost=counts.disputes_lost.get(uid, 0),
            reply_minutes=counts.replies.get(uid, (None, 0))[0],
            reply_sample=counts.replies.get(uid, (None, 0))[1],
            account_days=max((now - joined).days, 0),
            sanctioned=uid in counts.sanctioned,
        )
        for uid, joined in people
    }


def metrics_of(*, user: User, now: datetime | None = None) -> Metrics:
    now = now or timezone.now()
    return metrics_for([(user.pk, user.date_joined)], now=now, one=user.pk)[user.pk]


@dataclass
class _Counts:
    completed: dict[int, int] = field(default_factory=dict)
    reputation: dict[int, tuple[float | None, int]] = field(default_factory=dict)
    milestones: dict[int, tuple[int, int]] = field(default_factory=dict)
    disputes_lost: dict[int, int] = field(default_factory=dict)
    replies: dict[int, tuple[int | None, int]] = field(default_factory=dict)
    sanctioned: set[int] = field(default_factory=set)


def _counts(now: datetime, one: int | None) -> _Counts:
    return _Counts(
        completed=_completed_counts(one),
        reputation=_reputations(one),
        milestones=_on_time(now, one),
        disputes_lost=_disputes_lost(now, one),
        replies=_replies(one),
        sanctioned=sanctioned_now(now, one),
    )


def _completed() -> QuerySet[Contract]:
    return Contract.objects.filter(status=Contract.Status.ENDED, outcome=Contract.Outcome.COMPLETED)


def _narrowed(rows: QuerySet[Any], one: int | None, lookup: str) -> QuerySet[Any]:
    return rows if one is None else rows.filter(**{lookup: one})


def _completed_counts(one: int | None) -> dict[int, int]:
    rows = _narrowed(_completed(), one, "freelancer_id").order_by().values("freelancer_id")
    return dict(rows.annotate(n=Count("pk")).values_list("freelancer_id", "n"))


def _reputations(one: int | None) -> dict[int, tuple[float | None, int]]:
    rows = _narrowed(Reputation.objects.filter(role=FREELANCER, reviews__gt=0), one, "user_id")
    return {
        uid: (None if score is None else float(score), reviews)
        for uid, score, reviews in rows.values_list("user_id", "score", "reviews")
    }


def _on_time(now: datetime, one: int | None) -> dict[int, tuple[int, int]]:
    """(milestones counted, on time) per freelancer: due in the window with the due date passed, and either
    delivered or still owed. The first delivery on or before the due date is on time."""
    today = timezone.localdate(now)
    delivered = Delivery.objects.filter(milestone=OuterRef("pk"))
    in_time = delivered.filter(created_at__date__lte=OuterRef("due_on"))
    rows = Milestone.objects.filter(due_on__gte=today - WINDOW, due_on__lt=today, release_on_funding=False).filter(
        Exists(delivered) | Q(status__in=STILL_OWED)
    )
    # one person: walk their contracts (indexed) rather than every milestone due in the year
    grouped = _narrowed(rows, one, "contract__freelancer_id").order_by().values("freelancer_id")
    counted = grouped.annotate(n=Count("pk"), on_time=Count("pk", filter=Exists(in_time)))
    return {uid: (n, on_time) for uid, n, on_time in counted.values_list("freelancer_id", "n", "on_time")}


def _disputes_lost(now: datetime, one: int | None) -> dict[int, int]:
    """Settled in the window with less than half of what was held released to the freelancer."""
    rows = Dispute.objects.filter(
        status=Dispute.Status.SETTLED, decided_at__gte=now - WINDOW, held__gt=F("release") * 2
    )
    rows = _narrowed(rows, one, "milestone__contract__freelancer_id").order_by()
    grouped = rows.values("milestone__freelancer_id").annotate(n=Count("pk"))
    return dict(grouped.values_list("milestone__freelancer_id", "n"))


def _replies(one: int | None) -> dict[int, tuple[int | None, int]]:
    rows = _narrowed(Responsiveness.objects.filter(sample__gte=MIN_RESPONSE_SAMPLE), one, "user_id")
    return {uid: (median, sample) for uid, median, sample in rows.values_list("user_id", "median_minutes", "sample")}


def sanctioned_now(now: datetime, one: int | None = None) -> set[int]:
    """People with a sanction in force: not lifted on appeal, started and not yet ended (warnings and
    suspensions alike, as openhour.reviews.integrity.services.sanctions sets their ends)."""
    rows = Sanction.objects.filter(lifted_at__isnull=True, starts_at__lte=now, ends_at__gt=now)
    return set(_narrowed(rows, one, "user_id").values_list("user_id", flat=True))


# ---- what a freelancer and the page read ------------------------------------------------------------------


@dataclass
class Row:
    code: str
    sentence: str
    standing: str
    met: bool


@dataclass
class Progress:
    """Where a freelancer stands against each level, now: the level they hold (from the last check) and, for
    every level, which criteria are met."""

    held: FreelancerLevel | None
    metrics: Metrics
    levels: list[tuple[Level, list[Row]]]
    changes: list[LevelChange]

    @property
    def held_code(self) -> str:
        return self.held.level if self.held else ""

    @property
    def next(self) -> Level | None:
        return next_level(self.held_code)

    @property
    def next_rows(self) -> list[Row]:
        wanted = self.next
        return next((rows for level, rows in self.levels if wanted and level.code == wanted.code), [])

    @property
    def next_missing(self) -> list[Row]:
        return [row for row in self.next_rows if not row.met]


def progress_of(*, user: User, now: datetime | None = None) -> Progress:
    now = now or timezone.now()
    metrics = metrics_of(user=user, now=now)
    levels = [(level, _rows(level, metrics)) for level in LEVELS]
    held = FreelancerLevel.objects.filter(user=user).first()
    changes = list(LevelChange.objects.filter(user=user)[:10])
    return Progress(held=held, metrics=metrics, levels=levels, changes=changes)


def _rows(level: Level, metrics: Metrics) -> list[Row]:
    rows = []
    for code, threshold in level.thresholds:
        criterion = CRITERIA[code]
        rows.append(
            Row(
                code,
                criterion.sentence(threshold),
                criterion.standing(criterion.value(metrics)),
                criterion.met(metrics, threshold),
            )
        )
    return rows


def last_run() -> LevelsRun | None:
    return LevelsRun.objects.filter(finished_at__isnull=False).first()


def public_level(person: User) -> dict[str, str] | None:
    """{"code", "name"} of the level `person` holds, or None; reads the row `accounts.selectors.public_profile`
    joins, so it costs no query there."""
    try:
        held = person.reputation_level
    except FreelancerLevel.DoesNotExist:
        return None
    return {"code": held.level, "name": held.get_level_display()} if held.level else None
