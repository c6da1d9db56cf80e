"""Webhook deliveries in the task worker (`manage.py db_worker`): each attempt is one task, and a failed attempt
queues the next one itself, to run after its back-off (`run_after`). See openhour/webhooks/services/deliveries.py."""

import logging
from datetime import datetime

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def delivery_attempt_run(*, delivery_id: int, attempt: int) -> bool:
    from openhour.webhooks.services.deliveries import delivery_attempt  # the services queue this task

    return delivery_attempt(delivery_id=delivery_id, attempt=attempt)


def first_attempts_enqueue(*, delivery_ids: list[int]) -> None:
    for delivery_id in delivery_ids:
        attempt_enqueue(delivery_id=delivery_id, attempt=1)


def attempt_enqueue(*, delivery_id: int, attempt: int, at: datetime | None = None) -> None:
    """Queue attempt number `attempt`, to run at `at` (or now). A backend that cannot wait (run_after), or a queue
    that is down, leaves it to `deliveries_requeue_due`, which finds it late."""
    try:
        if at is None:
            delivery_attempt_run.enqueue(delivery_id=delivery_id, attempt=attempt)
        elif delivery_attempt_run.get_backend().supports_defer:
            delivery_attempt_run.using(run_after=at).enqueue(delivery_id=delivery_id, attempt=attempt)
    except Exception:
        logger.exception("Could not queue attempt %s of webhook delivery %s.", attempt, delivery_id)
