"""Attempting deliveries: claim an attempt, post the signed event, record what happened, and retry with back-off.

An attempt is claimed with a conditional UPDATE (the delivery is pending, its endpoint on, and the attempt before
it was the last one claimed), so two workers given the same attempt (a task queued twice, the sweep) post it once.
The POST runs outside any transaction and holds no lock. Recording locks the endpoint, which counts failed attempts
in a row across its deliveries: at WEBHOOK_FAILURES_BEFORE_DISABLE it is turned off. A failed attempt is retried
after RETRY_AFTER[n] until WEBHOOK_MAX_ATTEMPTS were made; the event's id is the same on every attempt.
"""

import http.client
import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.webhooks import signature, targets, transport
from openhour.webhooks.models import Attempt, Delivery, Endpoint, Event
from openhour.webhooks.services.endpoints import endpoint_disable

RETRY_AFTER = tuple(timedelta(minutes=minutes) for minutes in (1, 5, 30, 120, 360))
# The queued retry comes first; the sweep queues an attempt only once it is this late (a lost task, a crashed worker).
SWEEP_GRACE = timedelta(minutes=10)


def retry_delay(attempt: int) -> timedelta:
    """The wait after failed attempt number `attempt` (1 is the first): the table, then its last step again."""
    return RETRY_AFTER[min(attempt, len(RETRY_AFTER)) - 1]


@dataclass(frozen=True)
class Outcome:
    response_code: int | None
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.response_code is not None and 200 <= self.response_code < 300


def delivery_attempt(*, delivery_id: int, attempt: int) -> bool:
    """Make attempt number `attempt` of a delivery, unless it was made already, the delivery is over or its
    endpoint is off or gone. Returns whether the receiver took it."""
    delivery = _claimed(delivery_id, attempt)
    if delivery is None:
        return False
    outcome = _posted(delivery)
    _record(delivery, attempt, outcome)
    return outcome.ok


def _claimed(delivery_id: int, attempt: int) -> Delivery | None:
    pending = Delivery.objects.filter(
        pk=delivery_id, status=Delivery.Status.PENDING, attempts=attempt - 1, endpoint__disabled_at=None
    )
    if pending.update(attempts=attempt, last_attempt_at=timezone.now()) != 1:
        return None
    return Delivery.objects.select_related("endpoint", "event").get(pk=delivery_id)


def event_body(event: Event) -> bytes:
    """The JSON posted: the same bytes on every attempt, so only the signature's timestamp changes."""
    document = {"id": str(event.id), "type": event.type, "created_at": event.created_at, "data": event.data}
    return json.dumps(document, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False).encode()


def _headers(delivery: Delivery, body: bytes) -> dict[str, str]:
    now = timezone.now()
    return {
        "Content-Type": "application/json",
        "User-Agent": f"openhour-webhooks/1 (+{settings.SITE_URL})",
        "Openhour-Event": delivery.event.type,
        "Openhour-Event-Id": str(delivery.event.id),
        signature.HEADER: signature.header(signing_secrets(delivery.endpoint, now), int(now.timestamp()), body),
    }


def signing_secrets(endpoint: Endpoint, now: datetime) -> list[str]:
    """The current secret, and the one before it while the rotation's overlap lasts."""
    overlap = endpoint.previous_secret and endpoint.previous_secret_until and now < endpoint.previous_secret_until
    return [endpoint.secret, endpoint.previous_secret] if overlap else [endpoint.secret]


def _posted(delivery: Delivery) -> Outcome:
    """POST the event to the endpoint's address, checked again now: what it resolves to may have changed."""
    body = event_body(delivery.event)
    started = time.monotonic()
    try:
        target = targets.checked(delivery.endpoint.url)
        code = transport.post(
            target, body=body, headers=_headers(delivery, body), timeout=settings.WEBHOOK_TIMEOUT_SECONDS
        )
    except targets.Refused as refused:
        return Outcome(None, _("Not sent: %(why)s") % {"why": refused}, 0)
    except (OSError, http.client.HTTPException) as error:
        return Outcome(None, _described(error), _since(started))
    return Outcome(code, "" if 200 <= code < 300 else _answered(code), _since(started))


def _since(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def _described(error: Exception) -> str:
    if isinstance(error, TimeoutError):
        return _("No answer within %(n)s seconds.") % {"n": settings.WEBHOOK_TIMEOUT_SECONDS}
    return (_("No answer: %(error)s") % {"error": str(error) or type(error).__name__})[:300]


def _answered(code: int) -> str:
    if 300 <= code < 400:
        return _("The receiver answered %(code)s: redirects are not followed.") % {"code": code}
    return _("The receiver answered %(code)s.") % {"code": code}


def _record(delivery: Delivery, attempt: int, outcome: Outcome) -> None:
    with transaction.atomic():
        endpoint = Endpoint.objects.select_for_update().filter(pk=delivery.endpoint_id).first()
        if endpoint is None:  # deleted while the attempt was under way, with its log
            return
        Attempt.objects.create(
            delivery=delivery,
            number=attempt,
            at=delivery.last_attempt_at or timezone.now(),
            response_code=outcome.response_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )
        if outcome.ok:
            _delivered(delivery, endpoint, outcome)
        else:
            _failed(delivery, endpoint, attempt, outcome)


def _delivered(delivery: Delivery, endpoint: Endpoint, outcome: Outcome) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.DELIVERED, response_code=outcome.response_code, error="", next_attempt_at=None
    )
    if endpoint.failures_in_a_row:
        endpoint.failures_in_a_row = 0
        endpoint.save(update_fields=["failures_in_a_row", "updated_at"])


def _failed(delivery: Delivery, endpoint: Endpoint, attempt: int, outcome: Outcome) -> None:
    """Retry later, or give up on the delivery once no attempt is left; turn the endpoint off once it has failed
    too often in a row."""
    retry_at = timezone.now() + retry_delay(attempt) if attempt < settings.WEBHOOK_MAX_ATTEMPTS else None
    status = Delivery.Status.PENDING if retry_at else Delivery.Status.FAILED
    Delivery.objects.filter(pk=delivery.pk).update(
        status=status, response_code=outcome.response_code, error=outcome.error, next_attempt_at=retry_at
    )
    endpoint.failures_in_a_row += 1
    endpoint.save(update_fields=["failures_in_a_row", "updated_at"])
    if endpoint.active and endpoint.failures_in_a_row >= settings.WEBHOOK_FAILURES_BEFORE_DISABLE:
        endpoint_disable(endpoint=endpoint)
    elif retry_at is not None:
        from openhour.webhooks.tasks import attempt_enqueue  # the tasks call this module

        pk = delivery.pk
        transaction.on_commit(lambda: attempt_enqueue(delivery_id=pk, attempt=attempt + 1, at=retry_at), robust=True)


def deliveries_requeue_due(now: datetime | None = None) -> int:
    """Queue again the attempts that are SWEEP_GRACE late: their task was lost, could not wait (a task backend
    without `run_after`), or its worker died mid-attempt. Each is queued once per attempt number, however often
    this runs; the claim stops a second post anyway. Returns how many were queued."""
    from openhour.webhooks.tasks import attempt_enqueue

    now = now or timezone.now()
    late = Delivery.objects.filter(
        status=Delivery.Status.PENDING, next_attempt_at__lte=now - SWEEP_GRACE, endpoint__disabled_at=None
    )
    queued = 0
    for pk, attempts in late.order_by("next_attempt_at").values_list("pk", "attempts")[:500]:
        if cache.add(f"webhooks:requeue:{pk}:{attempts + 1}", 1, timeout=int(RETRY_AFTER[-1].total_seconds())):
            attempt_enqueue(delivery_id=pk, attempt=attempts + 1)
            queued += 1
    return queued
