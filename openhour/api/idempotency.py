"""`Idempotency-Key` for endpoints that move money: a repeat of a request gets the first answer back.

The key is claimed (a committed row) before the endpoint runs, so two copies sent at once cannot both
run: the second is told the first is still in progress. A request that fails with a domain error frees
its key, so the client may fix the problem and retry with the same key. A claim whose process died
is taken over after a while; the services underneath are idempotent themselves, so running again is safe.
"""

import functools
import hashlib
import inspect
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Status

from openhour.api.auth import current_user
from openhour.api.openapi import NO_CONTROL_CHARACTERS
from openhour.lib.errors import Conflict, DomainError, InvalidInput
from openhour.money.ledger import IdempotencyMismatch
from openhour.money.models import IdempotentRequest


def idempotency_key(request: HttpRequest) -> str:
    """The request's `Idempotency-Key` header, or "" without one; services key their own records on it too."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 200:
        raise InvalidInput(_("The Idempotency-Key header is too long (200 characters at most)."))
    return key


KEY_PARAMETER = inspect.Parameter(
    "idempotency_key_header",
    inspect.Parameter.KEYWORD_ONLY,
    default=Header(
        "",
        alias="Idempotency-Key",
        max_length=200,
        pattern=NO_CONTROL_CHARACTERS,
        description="Any unique string: repeating the request with it returns the first answer and moves nothing again",
    ),
    annotation=str,
)


def takes_idempotency_key(view: Callable[..., Any]) -> Callable[..., Any]:
    """States the `Idempotency-Key` header in the schema: ninja documents the parameters of a view's signature, so
    the header joins the signature, and is dropped before the view runs (it reads the header itself)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, idempotency_key_header: str = "", **kwargs: Any) -> Any:
        return view(request, *args, **kwargs)

    signature = inspect.signature(view)
    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*signature.parameters.values(), KEY_PARAMETER]
    )
    return wrapper


def idempotent(view: Callable[..., Any]) -> Callable[..., Any]:
    @takes_idempotency_key
    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        key = idempotency_key(request)
        if not key:
            return view(request, *args, **kwargs)
        claim = _claim(request, key)
        if claim.status_code is not None:
            return Status(claim.status_code, claim.body)
        try:
            result = view(request, *args, **kwargs)
        except DomainError:
            claim.delete()
            raise
        code, body = (result.status_code, result.value) if isinstance(result, Status) else (200, result)
        claim.status_code, claim.body = code, json.loads(json.dumps(body, cls=DjangoJSONEncoder))
        claim.save(update_fields=["status_code", "body"])
        return Status(code, claim.body)

    return wrapper


def _claim(request: HttpRequest, key: str) -> IdempotentRequest:
    user = current_user(request)
    fingerprint = hashlib.sha256(b"%s %s\n%s" % ((request.method or "").encode(), request.path.encode(), request.body))
    try:
        with transaction.atomic():
            return IdempotentRequest.objects.create(user=user, key=key, fingerprint=fingerprint.hexdigest())
    except IntegrityError:
        earlier = IdempotentRequest.objects.get(user=user, key=key)
    if earlier.fingerprint != fingerprint.hexdigest():
        raise IdempotencyMismatch()
    if earlier.status_code is None and not _take_over(earlier):
        raise Conflict(_("A request with this Idempotency-Key is still running."), code="idempotency_in_progress")
    return earlier


STALE_CLAIM = timedelta(minutes=5)


def _take_over(claim: IdempotentRequest) -> bool:
    """Claim a key whose first request never answered (its process died), if nobody else just did."""
    now = timezone.now()
    fresh = IdempotentRequest.objects.filter(pk=claim.pk, status_code__isnull=True, created_at__lt=now - STALE_CLAIM)
    return fresh.update(created_at=now) == 1
