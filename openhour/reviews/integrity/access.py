"""Access evidence for the conflict-of-interest check: who signed up, signed in, created an API token, moved
money or wrote a review, from which address (trusted proxies only), on which browser (a device cookie, pages
only), with which user-agent family and API token. Views and endpoints call `access_record` once per action
(one insert); sign-ups and sign-ins on the pages arrive through allauth's signals. Records older than
INTEGRITY_ACCESS_RETENTION_DAYS (default 180) are deleted by the timers round (`access_records_expire_due`).
"""

import re
import secrets
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from openhour.lib.client_address import client_ip as trusted_client_ip
from openhour.reviews.integrity.thresholds import threshold

if TYPE_CHECKING:  # this module loads no models when imported (see access_record)
    from openhour.accounts.models import User

DEVICE_COOKIE = "oh_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600
API_NAMESPACE = "api"  # openhour.api.router: requests resolved under it came through the API door
EXPIRE_BATCH = 5000  # rows per delete, so a first clean-up of a large table never holds one long transaction

# Marks searched in this order (Edge and Opera also say "Chrome", Chrome also says "Safari").
AGENT_FAMILIES = [
    ("HeadlessChrome/", "Headless Chrome"),
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
    ("curl/", "curl"),
    ("Wget/", "Wget"),
    ("python-requests/", "python-requests"),
    ("python-httpx/", "python-httpx"),
    ("Python-urllib/", "Python-urllib"),
    ("aiohttp/", "aiohttp"),
    ("Go-http-client/", "Go-http-client"),
    ("okhttp/", "okhttp"),
    ("PostmanRuntime/", "Postman"),
    ("axios/", "axios"),
    ("node-fetch", "node-fetch"),
]
PRODUCT = re.compile(r"[A-Za-z][A-Za-z0-9._-]{0,39}")


def connect() -> None:
    from allauth.account.signals import user_signed_up

    user_logged_in.connect(on_login, dispatch_uid="integrity-login")
    user_signed_up.connect(on_signup, dispatch_uid="integrity-signup")


def client_ip(request: HttpRequest) -> str | None:
    # Behind the proxies of TRUSTED_PROXIES this is the person's address, not the proxy's.
    return trusted_client_ip(request) if request.META.get("REMOTE_ADDR") else None


def device_cookie(request: HttpRequest) -> str | None:
    """The device id this browser's cookie carries, if it carries a well-formed one."""
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    return device if device.isalnum() and len(device) == 32 else None


def device_of(request: HttpRequest) -> str:
    """This browser's device id: from its cookie, or a new one the middleware sets on the response."""
    device = device_cookie(request)
    if device is None:
        device = getattr(request, "_new_device", "") or secrets.token_hex(16)
        request._new_device = device  # type: ignore[attr-defined]
    return device


def agent_family(user_agent: str) -> str:
    """A short family for a user-agent ("Firefox", "curl", "python-requests"), never the full string: enough to
    tell a browser from a script, too little to single anyone out."""
    family = next((name for mark, name in AGENT_FAMILIES if mark in user_agent), "")
    if family or not user_agent.strip():
        return family
    first = PRODUCT.match(user_agent.strip())  # an unknown client: its first product name ("MyBot/2.0" -> MyBot)
    return "Other browser" if first is None or first.group() == "Mozilla" else first.group()


def through_api(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and API_NAMESPACE in match.namespaces)


def access_record(
    *, request: HttpRequest | None, user: "User | None", kind: str, api_token_id: int | None = None
) -> None:
    """Record that `user` did `kind` through this request: one insert. `api_token_id` names a token the request
    created (POST /auth/tokens); one it was authenticated with is found on the request (api.auth.TokenAuth)."""
    from openhour.reviews.integrity.models import AccessRecord

    if request is None or user is None or not getattr(user, "pk", None):
        return
    api = through_api(request)
    AccessRecord.objects.create(
        user=user,
        kind=kind,
        door=AccessRecord.Door.API if api else AccessRecord.Door.WEB,
        ip=client_ip(request),
        device=(device_cookie(request) or "") if api else device_of(request),  # scripts keep no cookie: set none
        agent=agent_family(request.headers.get("user-agent", "")),
        api_token_id=api_token_id or getattr(request, "access_token_id", None),
    )


def access_records_expire_due() -> int:
    """Delete access records older than INTEGRITY_ACCESS_RETENTION_DAYS (run_timers). Returns how many."""
    from openhour.reviews.integrity.models import AccessRecord

    days = threshold("ACCESS_RETENTION_DAYS")
    old = AccessRecord.objects.filter(created_at__lt=timezone.now() - timedelta(days=days)).order_by()
    deleted = 0
    while batch := list(old.values_list("pk", flat=True)[:EXPIRE_BATCH]):
        deleted += AccessRecord.objects.filter(pk__in=batch).delete()[0]
    return deleted


def on_login(
    sender: "type[User]", request: HttpRequest | None = None, user: "User | None" = None, **kwargs: Any
) -> None:
    from openhour.reviews.integrity.models import AccessRecord

    access_record(request=request, user=user, kind=AccessRecord.Kind.LOGIN)


def on_signup(
    sender: "type[User]", request: HttpRequest | None = None, user: "User | None" = None, **kwargs: Any
) -> None:
    from openhour.reviews.integrity.models import AccessRecord

    access_record(request=request, user=user, kind=AccessRecord.Kind.SIGNUP)


class DeviceCookieMiddleware:
    """Gives each browser a long-lived random id (no personal data in it), set only once it was needed."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response: HttpResponse = self.get_response(request)
        new = getattr(request, "_new_device", "")
        if new:
            response.set_cookie(
                DEVICE_COOKIE,
                new,
                max_age=DEVICE_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
