"""One id per request, from the proxy's `X-Request-ID` when it is well-formed, on the response and on every log
line written while the request runs: a person quoting the id from an error page or a proxy log leads straight
to every line that request wrote, in every process."""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
# Short and plain: an id goes into log lines and headers verbatim, so nothing that could forge a line or a header.
WELL_FORMED = re.compile(r"[A-Za-z0-9_.-]{8,64}")

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)


def request_id_from(inbound: str | None) -> str:
    """The proxy's id when it is well-formed, otherwise a new one."""
    if inbound and WELL_FORMED.fullmatch(inbound):
        return inbound
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """First in MIDDLEWARE, so the lines every later middleware writes carry the id too."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]  # for views and error pages that show it
        # Kept until the response is closed, not reset here: Django logs "Not Found: …" after the middleware has
        # returned, and a streamed body is written later still.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


@receiver(request_finished, dispatch_uid="openhour.lib.request_id.forget")
def _forget_request_id(**kwargs: object) -> None:
    """The next request on this thread, or work done between requests, does not inherit the id."""
    current_request_id.set(None)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id (None outside a request) on every record a handler writes."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
