"""Webhooks over HTTP: subscribe an endpoint, list and delete yours, rotate its secret, send it a test event, turn it
back on, and read its delivery log. Someone else's endpoint is a 404, an operator's included."""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Input, Page
from openhour.webhooks import selectors
from openhour.webhooks.models import SUBSCRIBABLE, Attempt, Delivery, Endpoint
from openhour.webhooks.services import endpoints as services

router = Router(tags=["webhooks"])


class WebhookOut(Schema):
    id: str
    url: str
    events: list[str]
    scope: Literal["mine", "market"]
    status: Literal["active", "disabled"]
    disabled_at: datetime | None = Field(description="When it was turned off after failing too often")
    failures_in_a_row: int
    previous_secret_expires_at: datetime | None = Field(description="Until then the old secret signs too")
    created_at: datetime


class WebhookWithSecretOut(WebhookOut):
    secret: str = Field(description="Shown only now: keep it to check the signatures")


class WebhookAttemptOut(Schema):
    number: int
    at: datetime
    response_code: int | None
    error: str
    duration_ms: int


class WebhookEventOut(Schema):
    id: str = Field(description="The same on every retry: ignore an id you have handled")
    type: str
    created_at: datetime


class WebhookDeliveryOut(Schema):
    id: str
    event: WebhookEventOut
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    response_code: int | None = Field(description="Of the last attempt")
    error: str = Field(description="Why the last attempt failed, when it did")
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    attempt_log: list[WebhookAttemptOut]


def endpoint_out(endpoint: Endpoint) -> dict[str, Any]:
    return {
        "id": str(endpoint.pk),
        "url": endpoint.url,
        "events": endpoint.events,
        "scope": endpoint.scope,
        "status": "active" if endpoint.active else "disabled",
        "disabled_at": endpoint.disabled_at,
        "failures_in_a_row": endpoint.failures_in_a_row,
        "previous_secret_expires_at": endpoint.previous_secret_until if endpoint.previous_secret else None,
        "created_at": endpoint.created_at,
    }


def with_secret(endpoint: Endpoint) -> dict[str, Any]:
    """Shown when it is made or rotated; keep it, it is not shown again."""
    return endpoint_out(endpoint) | {"secret": endpoint.secret}


def attempt_out(attempt: Attempt) -> dict[str, Any]:
    return {
        "number": attempt.number,
        "at": attempt.at,
        "response_code": attempt.response_code,
        "error": attempt.error,
        "duration_ms": attempt.duration_ms,
    }


def delivery_out(delivery: Delivery) -> dict[str, Any]:
    return {
        "id": str(delivery.pk),
        "event": {"id": str(delivery.event.id), "type": delivery.event.type, "created_at": delivery.event.created_at},
        "status": delivery.status,
        "attempts": delivery.attempts,
        "response_code": delivery.response_code,
        "error": delivery.error,
        "created_at": delivery.created_at,
        "last_attempt_at": delivery.last_attempt_at,
        "next_attempt_at": delivery.next_attempt_at,
        "attempt_log": [attempt_out(attempt) for attempt in delivery.attempt_log.all()],
    }


@router.get("/webhooks", response=Page[WebhookOut])
def webhook_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Your endpoints, newest first (secrets are shown only when made or rotated)."""
    rows = selectors.endpoints_of(owner=current_user(request))
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=endpoint_out)


class WebhookIn(Input):
    url: str = Field(max_length=500, description="An https address; it must resolve to public addresses")
    events: list[Annotated[str, Field(json_schema_extra={"enum": [value for value, _label in SUBSCRIBABLE]})]] = Field(
        max_length=len(SUBSCRIBABLE), description="Any of: " + ", ".join(value for value, _label in SUBSCRIBABLE)
    )
    scope: Literal["mine", "market"] = Field(
        "mine", description="`market` (operators only): every event in the market, with public-safe data"
    )


@router.post("/webhooks", response={201: WebhookWithSecretOut})
def webhook_create(request: HttpRequest, payload: WebhookIn) -> Status[dict[str, Any]]:
    """Deliveries are signed: `Openhour-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` with
    the `secret` answered here, once."""
    user = current_user(request)
    endpoint = services.endpoint_create(owner=user, url=payload.url, events=payload.events, scope=payload.scope)
    return Status(201, with_secret(endpoint))


@router.delete("/webhooks/{endpoint_id}", response={204: None})
def webhook_delete(request: HttpRequest, endpoint_id: str) -> Status[None]:
    services.endpoint_delete(owner=current_user(request), endpoint_id=endpoint_id)
    return Status(204, None)


@router.post("/webhooks/{endpoint_id}/test", response={202: WebhookDeliveryOut})
def webhook_test(request: HttpRequest, endpoint_id: str) -> Status[dict[str, Any]]:
    """Queues a `webhook.test` event for this endpoint alone; follow it in the delivery log."""
    delivery = services.endpoint_send_test(owner=current_user(request), endpoint_id=endpoint_id)
    return Status(202, delivery_out(delivery))


@router.post("/webhooks/{endpoint_id}/rotate-secret", response=WebhookWithSecretOut)
def webhook_rotate_secret(request: HttpRequest, endpoint_id: str) -> dict[str, Any]:
    """A new secret; the old one keeps signing beside it (a second `v1=`) until `previous_secret_expires_at`."""
    return with_secret(services.endpoint_rotate_secret(owner=current_user(request), endpoint_id=endpoint_id))


@router.post("/webhooks/{endpoint_id}/enable", response=WebhookOut)
def webhook_enable(request: HttpRequest, endpoint_id: str) -> dict[str, Any]:
    """Turn back on an endpoint that was turned off after failing too often."""
    return endpoint_out(services.endpoint_enable(owner=current_user(request), endpoint_id=endpoint_id))


@router.get("/webhooks/{endpoint_id}/deliveries", response=Page[WebhookDeliveryOut])
def webhook_deliveries(request: HttpRequest, endpoint_id: str, query: Query[PageQuery]) -> dict[str, Any]:
    """The delivery log, newest first: status, attempts made, the last response code or error, and each attempt."""
    endpoint = selectors.endpoint_of(owner=current_user(request), endpoint_id=endpoint_id)
    rows = selectors.deliveries_of(endpoint=endpoint)
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=delivery_out)
