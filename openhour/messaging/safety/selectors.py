"""Safety reads: whom I blocked, whether I blocked someone, and the operators' queue of open reports."""

from django.db.models import QuerySet

from openhour.accounts.models import User
from openhour.messaging.models import Block, Report


def blocks_of(*, user: User) -> QuerySet[Block]:
    """The people `user` blocked, latest first, with their names in the same query."""
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at", "-id")


def has_blocked(*, blocker: User, person: User) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=person).exists()


def report_queue() -> QuerySet[Report]:
    """Open reports, oldest first, with the people and the reported message in one query."""
    return (
        Report.objects.filter(status=Report.Status.OPEN)
        .select_related("reporter", "person", "message")
        .order_by("created_at", "id")
    )


def reports_closed_count() -> int:
    return Report.objects.filter(status=Report.Status.CLOSED).count()
