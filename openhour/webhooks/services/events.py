"""Emitting events: the one call a service makes to tell webhook endpoints about its step.

    webhooks.emit("milestone.released", about=milestone, audience=webhooks.parties(milestone))

It runs in the service's transaction, so the event rows commit with the step, and a step that rolls back leaves
none; the deliveries are queued once the transaction commits. Who hears of it: the endpoints of the people in
`audience` (scope `mine`), each with that person's view, and the market-wide endpoints of operators, with the
public-safe view (openhour/webhooks/payloads.py).

When no endpoint subscribes to an event type, emitting it costs no query: the types subscribed anywhere are kept
in the shared cache under a generation token that every change of endpoints replaces (`subscriptions_changed`).
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from openhour.webhooks import payloads
from openhour.webhooks.models import Delivery, Endpoint, Event, EventType

logger = logging.getLogger(__name__)
GENERATION = "webhooks:subscriptions:generation"
CACHED_SECONDS = 600  # the longest a set of subscribed types is trusted, should a renewal have failed

EventName = Literal[
    "proposal.received",
    "contract.started",
    "milestone.funded",
    "milestone.delivered",
    "milestone.released",
    "milestone.refunded",
    "dispute.opened",
    "dispute.decided",
    "review.published",
    "payout.paid",
]


def emit(name: EventName, *, about: Model, audience: Iterable[int | None]) -> int:
    """Record the event `name` about `about` for every endpoint that may hear of it and queue their deliveries
    after commit. `audience`: the ids of the people the step concerns. Returns how many deliveries it made."""
    if name not in _subscribed_types():
        return 0
    views = _views(_listening(name, {pk for pk in audience if pk is not None}))
    deliveries = [
        delivery
        for viewer, endpoints in views.items()
        for delivery in _record(EventType(name), about, viewer, endpoints, payloads.build(name, about, viewer))
    ]
    queue_after_commit(deliveries)
    return len(deliveries)


def parties(thing: Any) -> list[int]:
    """The client and the freelancer of a contract, or of a milestone (which keeps its contract's parties)."""
    return [thing.client_id, thing.freelancer_id]


def _listening(name: str, audience: set[int]) -> list[Endpoint]:
    """Active endpoints subscribed to `name`: the audience's own, and operators' market-wide ones."""
    own = Q(scope=Endpoint.Scope.MINE, owner_id__in=audience)
    market = Q(scope=Endpoint.Scope.MARKET, owner__is_staff=True)
    found = Endpoint.objects.filter(own | market, disabled_at=None, owner__is_active=True)
    return [endpoint for endpoint in found if name in endpoint.events]


def _subscribed_types() -> frozenset[str]:
    """Every event type some active endpoint subscribes to, from the cache while no endpoint changed."""
    try:
        generation = cache.get(GENERATION) or _new_generation()
        types = cache.get_or_set(f"webhooks:subscriptions:{generation}", _types_subscribed, timeout=CACHED_SECONDS)
    except Exception:  # the cache is down: the database still knows
        logger.warning("Webhook subscriptions read without the cache.", exc_info=True)
        return _types_subscribed()
    return frozenset(types or ())


def _types_subscribed() -> frozenset[str]:
    active = Endpoint.objects.filter(disabled_at=None).values_list("events", flat=True)
    return frozenset(name for names in active for name in names)


def _new_generation() -> str:
    cache.add(GENERATION, uuid.uuid4().hex, timeout=None)
    return str(cache.get(GENERATION))


def subscriptions_changed() -> None:
    """An endpoint was made, deleted, turned off or on: the subscribed types are read afresh."""
    _replace_generation()  # for reads in this transaction
    transaction.on_commit(_replace_generation, robust=True)  # and over any set read before the change committed


def _replace_generation() -> None:
    try:
        cache.set(GENERATION, uuid.uuid4().hex, timeout=None)
    except Exception:
        logger.exception("Could not renew the cached webhook subscriptions.")


def _views(endpoints: list[Endpoint]) -> dict[int | None, list[Endpoint]]:
    """The endpoints grouped by whose view they get: their owner's for `mine`, the market's (None) otherwise."""
    views: dict[int | None, list[Endpoint]] = defaultdict(list)
    for endpoint in endpoints:
        views[endpoint.owner_id if endpoint.scope == Endpoint.Scope.MINE else None].append(endpoint)
    return views


def _record(
    type_: EventType, about: Any, viewer: int | None, endpoints: list[Endpoint], data: payloads.Data
) -> list[Delivery]:
    label, now = f"{about._meta.model_name}:{about.pk}", timezone.now()
    event = Event.objects.create(id=uuid.uuid4(), type=type_, about=label, viewer_id=viewer, data=data, created_at=now)
    # Due now: if queueing after commit fails, the sweep finds the first attempt overdue.
    return [Delivery.objects.create(endpoint=endpoint, event=event, next_attempt_at=now) for endpoint in endpoints]


def event_test_record(*, endpoint: Endpoint) -> Delivery:
    """A `webhook.test` event for one endpoint only, as its owner sees it; queued after commit."""
    data = {"endpoint": {"id": str(endpoint.pk), "url": endpoint.url}, "message": "A test event you asked for."}
    (delivery,) = _record(EventType.TEST, endpoint, endpoint.owner_id, [endpoint], data)
    queue_after_commit([delivery])
    return delivery


def queue_after_commit(deliveries: list[Delivery]) -> None:
    from openhour.webhooks.tasks import first_attempts_enqueue  # the tasks call the delivery services

    ids = [delivery.pk for delivery in deliveries]
    if ids:
        transaction.on_commit(lambda: first_attempts_enqueue(delivery_ids=ids), robust=True)
