"""Operators hold the keys to other people's money: without a second factor they cannot reach /operations,
/admin or the API's operations endpoints."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts.mfa import OperatorSecondFactorRequired, second_factor_on
from openhour.accounts.models import User

PAGE_PREFIXES = ("/operations", "/admin")
API_PREFIX = "/api/v1/operations"
ADMIN_LOGIN = "/admin/login"


def _bearer_user(request: HttpRequest) -> User | None:
    from openhour.accounts.selectors import access_token_owner

    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    found = access_token_owner(secret=secret.strip()) if scheme.lower() == "bearer" and secret.strip() else None
    return found[1] if found else None


def _operator_without_factor(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_staff and not second_factor_on(user))


class OperatorSecondFactorMiddleware:
    """Staff without an active authenticator are sent to /accounts/2fa/ (pages) or get 403 `mfa_required` (API);
    the admin's own sign-in form sends people to the site's, which asks for the second factor."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path.startswith(API_PREFIX):
            user = _bearer_user(request) if "authorization" in request.headers else request.user
            if _operator_without_factor(user):
                error = OperatorSecondFactorRequired(_(OperatorSecondFactorRequired.default_message))
                body = {"error": {"code": error.code, "message": error.message, "fields": {}}}
                return JsonResponse(body, status=error.status)
        elif path.startswith(ADMIN_LOGIN) and (request.method == "POST" or not request.user.is_authenticated):
            # Django's own admin sign-in form would skip the second factor
            next_url = request.GET.get("next", "/admin/")
            return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
        elif path.startswith(PAGE_PREFIXES) and _operator_without_factor(request.user):
            messages.warning(
                request,
                _(
                    "Operators must turn on two-factor sign-in before using operations or the admin: "
                    "add an authenticator app below, then go back."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)
