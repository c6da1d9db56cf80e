"""The operators' status check: every part the market needs, each answered now. `/healthz` stays one database
ping for load balancers; this one is for people and monitors, and says which part is stale and since when."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.mail import get_connection
from django.db import connection
from django.utils import timezone

from openhour.operations.health.models import Heartbeat
from openhour.operations.metrics.selectors import task_queue


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    age_seconds: int | None = None  # how long ago the thing last happened, for the checks that are about time


def status_report() -> list[Check]:
    parts: list[tuple[str, Callable[[], Check]]] = [
        ("database", _database),
        ("cache", _cache),
        ("storage", _storage),
        ("mail", _mail),
        ("tasks", _tasks),
        ("worker", lambda: _heartbeat(Heartbeat.Process.WORKER)),
        ("timers", lambda: _heartbeat(Heartbeat.Process.TIMERS)),
    ]
    return [_answered(name, part) for name, part in parts]


def _answered(name: str, part: Callable[[], Check]) -> Check:
    """A part that raises is down, with the error's kind and first words (operators only read this)."""
    try:
        return part()
    except Exception as error:  # any failure of a part is that part's answer
        return Check(name, False, f"{type(error).__name__}: {str(error)[:200]}")


def _database() -> Check:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return Check("database", True, connection.vendor)


def _cache() -> Check:
    probe = secrets.token_hex(8)
    cache.set("health:probe", probe, 30)
    return Check("cache", cache.get("health:probe") == probe, "a value written is read back")


def _storage() -> Check:
    default_storage.exists("health-probe")  # reaches the disk or the bucket; raises when it cannot
    return Check("storage", True, type(default_storage).__name__)


def _mail() -> Check:
    mailer = get_connection(fail_silently=False)
    mailer.open()  # SMTP: connects (and logs in); file and console back-ends: nothing to reach
    mailer.close()
    return Check("mail", True, settings.EMAIL_BACKEND.rsplit(".", 1)[-1])


def _tasks() -> Check:
    queue = task_queue()
    age = _age(queue.oldest_ready_since)
    detail = f"{queue.ready} ready" + (f", the oldest waiting {age} s" if age is not None else "")
    return Check("tasks", age is None or age <= settings.HEALTH_STALE_SECONDS, detail, age)


def _heartbeat(process: str) -> Check:
    beat = Heartbeat.objects.filter(process=process).first()
    if beat is None:
        return Check(process, False, "no heartbeat yet: is it running?")
    age = _age(beat.beat_at)
    return Check(process, age is not None and age <= settings.HEALTH_STALE_SECONDS, f"last heartbeat {age} s ago", age)


def _age(since: datetime | None) -> int | None:
    return None if since is None else max(0, int((timezone.now() - since).total_seconds()))
