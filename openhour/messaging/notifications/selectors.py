"""Reads for notifications: the header's unread count, the centre's list, each person's preferences."""

from typing import Any

from django.db.models import QuerySet

from openhour.messaging.models import Notification, NotificationPreference
from openhour.messaging.notifications import kinds


def unread_notifications_count(*, user: Any) -> int:
    """One query, on the (user, read_at) index."""
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def notifications_of(*, user: Any) -> QuerySet[Notification]:
    """Newest first; only the person's own."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def latest_notifications(*, user: Any, limit: int = 8) -> list[Notification]:
    """The header bell's dropdown: the person's newest few, in one query."""
    return list(notifications_of(user=user).only("id", "message", "written_title", "created_at", "read_at")[:limit])


def channel_of(*, user: Any, kind: str) -> str:
    """How `user` wants this kind: their saved choice, else the kind's default."""
    saved = NotificationPreference.objects.filter(user=user, kind=kind).values_list("channel", flat=True).first()
    return saved or kinds.default_channel(kind)


def preferences_of(*, user: Any) -> dict[str, str]:
    """Every kind with the person's channel, in the table's order."""
    saved = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "channel"))
    return {key: saved.get(key, kinds.default_channel(key)) for key in kinds.KINDS}
