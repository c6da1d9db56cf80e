"""The header's unread badges, for signed-in people on every page."""

from functools import cache
from typing import Any

from django.http import HttpRequest

from openhour.messaging.conversations.selectors import unread_messages_count
from openhour.messaging.notifications.selectors import unread_notifications_count


def badges(request: HttpRequest) -> dict[str, Any]:
    """Counted only when a page shows them (fragments skip the header), and once however often it asks."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_messages": cache(lambda: unread_messages_count(user=user)),
        "unread_notifications": cache(lambda: unread_notifications_count(user=user)),
    }
