"""Writing levels: the nightly check over every candidate freelancer, in a fixed number of queries however many
there are, and the removal of a level as soon as a sanction is in force. Each level earned or lost is a
LevelChange row that says why."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from openhour.reviews.levels import selectors
from openhour.reviews.levels.models import FreelancerLevel, LevelChange, LevelsRun
from openhour.reviews.levels.rules import REFRESH_EVERY, Metrics, level_for, shortfall

RUN_ROW = 1  # the one LevelsRun row


def levels_refresh(*, now: datetime | None = None) -> int:
    """Give every candidate the highest level whose criteria they meet now; returns how many levels changed.
    An account that is no longer active holds no level."""
    now = now or timezone.now()
    with transaction.atomic():
        people = list(selectors.candidates().values_list("pk", "date_joined", "is_active"))
        metrics = selectors.metrics_for([(pk, joined) for pk, joined, _active in people], now=now)
        held = {row.user_id: row for row in FreelancerLevel.objects.select_for_update().order_by("user_id")}
        earned = {pk: "" for pk, row in held.items() if row.level}  # no longer a freelancer: no level
        earned |= {pk: _earned(metrics[pk]) if active else "" for pk, _joined, active in people}
        changes = _written(held, earned, metrics, now)
        FreelancerLevel.objects.update(checked_at=now)
    return changes


def _earned(metrics: Metrics) -> str:
    level = level_for(metrics)
    return level.code if level else ""


def _written(
    held: dict[int, FreelancerLevel], earned: dict[int, str], metrics: dict[int, Metrics], now: datetime
) -> int:
    """Create, update and log in three statements: rows for people who earn a first level, new levels for
    those whose level changed, and one change row each."""
    created, updated, changes = [], [], []
    for pk, code in earned.items():
        row = held.get(pk)
        before = row.level if row else ""
        if code == before:
            continue
        reasons = shortfall(before, metrics[pk]) if before and pk in metrics else []
        changes.append(LevelChange(user_id=pk, from_level=before, to_level=code, reasons=reasons, created_at=now))
        if row is None:
            created.append(FreelancerLevel(user_id=pk, level=code, since=now, checked_at=now))
        else:
            row.level, row.since = code, (now if code else None)
            updated.append(row)
    FreelancerLevel.objects.bulk_create(created)
    FreelancerLevel.objects.bulk_update(updated, ["level", "since"], batch_size=1000)
    LevelChange.objects.bulk_create(changes, batch_size=1000)
    return len(changes)


def levels_sanctioned_remove(*, now: datetime | None = None) -> int:
    """Nobody holds a level while a sanction is in force: removed at the timers' next beat, not the next night."""
    now = now or timezone.now()
    sanctioned = selectors.sanctioned_now(now)
    if not sanctioned:
        return 0
    with transaction.atomic():
        rows = list(
            FreelancerLevel.objects.select_for_update().filter(user_id__in=sanctioned).exclude(level="").order_by("pk")
        )
        reasons = [{"criterion": "no_sanction", "threshold": 0, "value": 1}]
        LevelChange.objects.bulk_create(
            LevelChange(user_id=row.user_id, from_level=row.level, to_level="", reasons=reasons, created_at=now)
            for row in rows
        )
        FreelancerLevel.objects.filter(pk__in=[row.pk for row in rows]).update(level="", since=None, checked_at=now)
    return len(rows)


def levels_refresh_due(now: datetime | None = None) -> int:
    """The timers' beat: sanctions take a level away at once; the full check runs at most once a day, claimed
    with a conditional UPDATE so only one timer process runs it."""
    now = now or timezone.now()
    changed = levels_sanctioned_remove(now=now)
    LevelsRun.objects.get_or_create(pk=RUN_ROW, defaults={"started_at": now - REFRESH_EVERY})
    claimed = LevelsRun.objects.filter(pk=RUN_ROW, started_at__lte=now - REFRESH_EVERY).update(
        started_at=now, finished_at=None
    )
    if claimed != 1:
        return changed
    changes = levels_refresh(now=now)
    checked = FreelancerLevel.objects.count()
    LevelsRun.objects.filter(pk=RUN_ROW).update(finished_at=timezone.now(), checked=checked, changed=changes)
    return changed + changes
