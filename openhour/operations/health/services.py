"""Heartbeats: the timers record theirs every round; the worker's is a task that queues its successor (tasks.py).
A stopped worker or stopped timers show on the status check (`selectors.status_report`) within
HEALTH_STALE_SECONDS. The timers also delete finished task results after TASK_RESULTS_KEEP_DAYS, so the queue's
table does not grow with every e-mail sent."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from openhour.operations.health.models import Heartbeat
from openhour.operations.health.tasks import worker_heartbeat

logger = logging.getLogger(__name__)

PRUNE_EVERY = 3600  # seconds; a claim in the shared cache makes one timers process in an hour do it


def heartbeat_record(*, process: str) -> None:
    Heartbeat.objects.update_or_create(process=process, defaults={"beat_at": timezone.now()})


def heartbeat_next(*, after: timedelta | None = None) -> None:
    """Queue the worker's next heartbeat, `after` from now, unless one is already waiting."""
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=worker_heartbeat.module_path)
    if not waiting.exists():
        worker_heartbeat.using(run_after=timezone.now() + after if after else None).enqueue()


def heartbeats_due() -> int:
    """The timers' round: record their own beat and make sure a worker heartbeat is queued. Always 0: nothing was
    fired for a person."""
    heartbeat_record(process="timers")
    heartbeat_next()
    return 0


def task_results_prune_due() -> int:
    """Delete finished task results older than TASK_RESULTS_KEEP_DAYS, at most once an hour. Always 0: the count
    goes to the log, not to the timers fired."""
    if cache.add("health:task-results-pruned", True, PRUNE_EVERY):
        cutoff = timezone.now() - timedelta(days=settings.TASK_RESULTS_KEEP_DAYS)
        deleted, _by_model = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
        logger.info("deleted %d finished task results older than %s", deleted, cutoff)
    return 0
