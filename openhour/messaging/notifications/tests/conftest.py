from collections.abc import Callable
from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings) -> None:  # type: ignore[no-untyped-def]
    """Queued tasks run as soon as they are queued (after commit), so a test sees the e-mail they send."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def notices() -> Callable[..., list[tuple[str, str]]]:
    """(kind, title) of a person's notifications, oldest first."""
    from openhour.messaging.models import Notification

    def of(user: Any) -> list[tuple[str, str]]:
        return list(Notification.objects.filter(user=user).order_by("id").values_list("kind", "title"))

    return of


@pytest.fixture
def notice_mail(mailoutbox) -> Callable[..., list[Any]]:  # type: ignore[no-untyped-def]
    """The notification e-mails sent (other apps' own e-mails have no List-Unsubscribe header), to one person."""

    def to(user: Any) -> list[Any]:
        return [m for m in mailoutbox if "List-Unsubscribe" in m.extra_headers and m.to == [user.email]]

    return to
