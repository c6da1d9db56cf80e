"""The market's figures a scrape reads: each one aggregate query, whatever the size of the tables."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Count, Min, Sum, When
from django_tasks_db.models import DBTaskResult, get_date_max

from openhour.money.models import Account, Payout

# A payout nobody has finished with yet: held before it goes out, or sent and not yet confirmed by the provider.
PAYOUTS_WAITING = (Payout.Status.REQUESTED, Payout.Status.HELD, Payout.Status.SENT)


@dataclass(frozen=True)
class TaskQueue:
    ready: int
    oldest_ready_since: datetime | None


@dataclass(frozen=True)
class Total:
    labels: tuple[str, ...]
    count: int
    amount: int


def task_queue() -> TaskQueue:
    """Tasks the worker could run now, and since when the longest-waiting one could: a task with no run_after
    (stored as the far future) waits from its enqueueing, a scheduled one from its run_after."""
    ready_since = Case(When(run_after=get_date_max(), then="enqueued_at"), default="run_after")
    row = DBTaskResult.objects.ready().order_by().aggregate(ready=Count("id"), oldest=Min(ready_since))
    return TaskQueue(ready=row["ready"], oldest_ready_since=row["oldest"])


def ledger_totals() -> list[Total]:
    """Cached balances summed per currency and account purpose (minor units); labels (currency, purpose)."""
    rows = (
        Account.objects.order_by()
        .values_list("currency", "purpose")
        .annotate(count=Count("id"), amount=Sum("balance"))
        .order_by("currency", "purpose")
    )
    return [Total(labels=(currency, purpose), count=count, amount=amount) for currency, purpose, count, amount in rows]


def payouts_waiting() -> list[Total]:
    """Payouts not yet paid, failed or cancelled, per currency and status; labels (currency, status)."""
    rows = (
        Payout.objects.filter(status__in=PAYOUTS_WAITING)
        .order_by()
        .values_list("currency", "status")
        .annotate(count=Count("id"), amount=Sum("amount"))
        .order_by("currency", "status")
    )
    return [Total(labels=(currency, status), count=count, amount=amount) for currency, status, count, amount in rows]
