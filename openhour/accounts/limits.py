"""Limits on signing in, signing up and verification mail, counted per client address and per account.

Failed sign-ins count three ways: per address (one machine guessing many accounts), per account and address
(one machine guessing one account) and per account (many machines guessing one account). The last one does
not apply on a device the account has signed in on before, so an attacker spreading guesses over many
addresses locks out only their own guessing, never the owner's browser.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from openhour.accounts.models import User
from openhour.lib.client_address import address_bucket, client_ip
from openhour.lib.errors import RateLimited
from openhour.lib.ratelimit import Hit, limit_clear, limit_hit, limit_undo

TOO_MANY_SIGN_INS = gettext_lazy("Too many failed sign-in attempts. Try again in %(when)s.")
LOGIN_SCOPES = {
    "login-address": "RATE_LOGIN_FAILURES_PER_ADDRESS",
    "login-account-address": "RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS",
    "login-account": "RATE_LOGIN_FAILURES_PER_ACCOUNT",
}


@dataclass
class LoginAttempt:
    """The counts one sign-in attempt added, taken back when the password turns out right."""

    hits: list[Hit] = field(default_factory=list)

    def succeeded(self) -> None:
        for hit in self.hits:
            limit_undo(hit)
        self.hits = []


def address_of(request: HttpRequest) -> str:
    return address_bucket(client_ip(request))


def known_device(request: HttpRequest, login: str) -> bool:
    """This browser's device cookie was seen when the account with this e-mail signed up or in."""
    from openhour.reviews.integrity.access import device_cookie
    from openhour.reviews.integrity.models import AccessRecord

    device = device_cookie(request)
    return device is not None and AccessRecord.objects.filter(user__email__iexact=login, device=device).exists()


def login_attempt_begin(*, request: HttpRequest, login: str) -> LoginAttempt:
    """Count a sign-in attempt before the password is checked; RateLimited when any of its limits is full."""
    login, address = login.strip().lower(), address_of(request)
    idents = {"login-address": address, "login-account-address": f"{login}|{address}", "login-account": login}
    if known_device(request, login):
        del idents["login-account"]
    attempt = LoginAttempt()
    try:
        for scope, ident in idents.items():
            rate = getattr(settings, LOGIN_SCOPES[scope])
            attempt.hits.append(limit_hit(scope=scope, ident=ident, rate=rate, message=str(TOO_MANY_SIGN_INS)))
    except RateLimited:
        attempt.succeeded()  # the refused attempt never happened: nothing it counted stays
        raise
    return attempt


def login_failures_clear(*, login: str) -> None:
    """A password reset proves the owner: guesses counted against the account stop mattering."""
    login = login.strip().lower()
    limit_clear(scope="login-account", ident=login, rate=settings.RATE_LOGIN_FAILURES_PER_ACCOUNT)


def signup_limit_hit(*, request: HttpRequest) -> None:
    limit_hit(scope="signup", ident=address_of(request), rate=settings.RATE_SIGNUPS_PER_ADDRESS)


def email_verify_limit_hit(*, request: HttpRequest) -> None:
    limit_hit(scope="verify-email", ident=address_of(request), rate=settings.RATE_EMAIL_VERIFY_PER_ADDRESS)


def verification_mail_limit_hit(*, request: HttpRequest, user: User) -> None:
    """Re-sent verification mails, per account and per address (the first one, at sign-up, is not counted)."""
    hit = limit_hit(scope="verify-mail-account", ident=str(user.pk), rate=settings.RATE_VERIFICATION_MAILS_PER_ACCOUNT)
    try:
        limit_hit(
            scope="verify-mail-address", ident=address_of(request), rate=settings.RATE_VERIFICATION_MAILS_PER_ADDRESS
        )
    except RateLimited:
        limit_undo(hit)
        raise
