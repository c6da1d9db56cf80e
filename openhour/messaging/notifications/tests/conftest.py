from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture
def notices() -> Callable[..., list[tuple[str, str]]]:
    """(kind, title) of a person's notifications, oldest first, each title as the active language reads it."""
    from openhour.messaging.models import Notification

    def of(user: Any) -> list[tuple[str, str]]:
        return [(n.kind, n.title) for n in Notification.objects.filter(user=user).order_by("id")]

    return of


@pytest.fixture
def notice_mail(mailoutbox) -> Callable[..., list[Any]]:
    """The notification e-mails sent (other apps' own e-mails have no List-Unsubscribe header), to one person."""

    def to(user: Any) -> list[Any]:
        return [m for m in mailoutbox if "List-Unsubscribe" in m.extra_headers and m.to == [user.email]]

    return to
