"""Recording sign-ups and sign-ins (IP and a device cookie) as evidence for the conflict-of-interest check."""

import secrets
from typing import TYPE_CHECKING, Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse

from openhour.lib.client_address import client_ip as trusted_client_ip

if TYPE_CHECKING:  # this module loads no models when imported (see _record)
    from openhour.accounts.models import User

DEVICE_COOKIE = "oh_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600


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


def _record(request: HttpRequest | None, user: "User | None", kind: str) -> None:
    from openhour.reviews.integrity.models import AccessRecord

    if request is None or user is None or not getattr(user, "pk", None):
        return
    AccessRecord.objects.create(user=user, kind=kind, ip=client_ip(request), device=device_of(request))


def on_login(
    sender: "type[User]", request: HttpRequest | None = None, user: "User | None" = None, **kwargs: Any
) -> None:
    _record(request, user, "login")


def on_signup(
    sender: "type[User]", request: HttpRequest | None = None, user: "User | None" = None, **kwargs: Any
) -> None:
    _record(request, user, "signup")


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
