"""The second factor: allauth's MFA adapter, and checking a code (authenticator app or recovery code) for the
API and for step-up before money leaves an account."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.reauthentication import suspend_request
from allauth.core import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.internal.flows import post_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from allauth.mfa.webauthn.forms import AuthenticateWebAuthnForm
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import DomainError, InvalidInput, NotAllowed, RateLimited


class SecurityKeyForm(AuthenticateWebAuthnForm):
    """allauth's security-key step at sign-in, which knows whether the person has a key to offer at all."""

    @property
    def has_keys(self) -> bool:
        return Authenticator.objects.filter(user=self.user, type=Authenticator.Type.WEBAUTHN).exists()


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator apps name the site after SITE_NAME, and the person by their e-mail address."""

    def get_totp_issuer(self) -> str:
        return str(settings.SITE_NAME)


class SecondFactorRequired(DomainError):
    code = "mfa_required"
    status = 401
    default_message = "This account has two-factor sign-in: send `code`, from the authenticator app or a recovery code."


class StepUpRequired(NotAllowed):
    code = "step_up_required"
    default_message = "Confirm it is you: send `code`, a current code from your authenticator app or a recovery code."


class OperatorSecondFactorRequired(NotAllowed):
    code = "mfa_required"
    default_message = "Operators must turn on two-factor sign-in (/accounts/2fa/) before using operations."


def second_factor_on(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and is_mfa_enabled(user))


def second_factor_verify(*, request: HttpRequest, user: User, code: str) -> bool:
    """Whether `code` is a current authenticator-app code or an unused recovery code of `user` (a recovery
    code is used up). Wrong codes count against the same limit as the sign-in page's code step."""
    key = f"mfa-auth-user-{user.pk}"  # allauth's own key: the API and the page share one budget
    if not ratelimit.consume(request, action="login_failed", key=key):
        raise RateLimited()
    code = "".join(code.split())
    for authenticator in Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.WEBAUTHN):
        if code and authenticator.wrap().validate_code(code):
            ratelimit.clear(request, action="login_failed", key=key)
            authenticator.user = user
            if getattr(getattr(request, "session", None), "session_key", None):  # a signed-in browser session
                post_authentication(request, authenticator, reauthenticated=True)
            else:
                authenticator.record_usage()
            return True
    return False


def step_up_check(*, request: HttpRequest, user: User, code: str | None) -> None:
    """Before money leaves an account by the API: people with a second factor send a fresh `code`."""
    if not second_factor_on(user):
        return
    if not code:
        raise StepUpRequired(_("Confirm it is you: send `code`, from your authenticator app or a recovery code."))
    if not second_factor_verify(request=request, user=user, code=code):
        raise StepUpRequired(_("That code is not correct."), fields={"code": [_("Incorrect code.")]})


def token_second_factor_check(*, request: HttpRequest, user: User, code: str | None) -> None:
    """`POST /auth/tokens` for an account with a second factor: 401 `mfa_required` without a code, 400 on `code`
    when it is wrong."""
    if not second_factor_on(user):
        return
    if not code:
        raise SecondFactorRequired(
            _("This account has two-factor sign-in: send `code`, from your authenticator app or a recovery code."),
            fields={"code": [_("This field is required for this account.")]},
        )
    if not second_factor_verify(request=request, user=user, code=code):
        raise InvalidInput(_("That code is not correct."), fields={"code": [_("Incorrect code.")]})


def recently_confirmed(request: HttpRequest) -> bool:
    """Whether this session confirmed a second-factor code after signing in, within MFA_STEP_UP_SECONDS (the
    code given at sign-in does not count: the step is asked again)."""
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY, [])
    confirmed = [r for r in records if r.get("method") == "mfa" and r.get("reauthenticated")]
    newest = max((record.get("at", 0) for record in confirmed), default=0)
    return time.time() - newest < settings.MFA_STEP_UP_SECONDS


def step_up_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Pages: people with a second factor confirm a code first, unless they gave one recently; a form sent
    meanwhile is kept and carried out after the code (allauth's reauthentication)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if second_factor_on(request.user) and not recently_confirmed(request):
            return suspend_request(request, reverse("mfa_reauthenticate"))
        return view(request, *args, **kwargs)

    return wrapper
