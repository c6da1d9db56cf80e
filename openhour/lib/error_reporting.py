"""Errors reported to Sentry, or any service that speaks its protocol, when SENTRY_DSN is set.

Imported by the settings only then: without a DSN no process loads the client. Events leave without what could
name or impersonate a person: no cookies, no Authorization headers, no e-mail addresses anywhere in them (the
exception's message, local variables, breadcrumbs), beside sentry-sdk's own `send_default_pii=False`."""

import re
from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.types import Event, Hint

from openhour.lib.request_id import current_request_id

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
EMAIL_MASK = "[email]"
PRIVATE_HEADERS = {"cookie", "set-cookie", "authorization", "proxy-authorization"}


def sentry_init(*, dsn: str, environment: str, traces_sample_rate: float) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        integrations=[DjangoIntegration()],
        before_send=before_send,
        before_send_transaction=before_send,
    )


def before_send(event: Event, hint: Hint) -> Event:
    """The event as sent: private request parts removed, e-mail addresses masked, the request id as a tag."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        headers = request.get("headers")
        if isinstance(headers, dict):
            request["headers"] = {name: value for name, value in headers.items() if name.lower() not in PRIVATE_HEADERS}
    request_id = current_request_id.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return mask_emails(event)


def mask_emails(value: Any) -> Any:
    """The same structure with every e-mail address in its strings (keys included) replaced."""
    if isinstance(value, str):
        return EMAIL.sub(EMAIL_MASK, value)
    if isinstance(value, dict):
        return {mask_emails(key): mask_emails(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [mask_emails(item) for item in value]
    return value
