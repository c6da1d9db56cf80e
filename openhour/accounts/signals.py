"""What accounts hear from the authentication libraries (allauth, django.contrib.auth): credential changes and
sign-ins, each handed to a service in openhour/accounts/access.py. Nothing here listens to our own models: a new
user's profile is made by `User.save`."""

from typing import Any

from allauth.account import signals as account_signals
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from openhour.accounts import access
from openhour.accounts.models import User

# Credentials changed: allauth's own signals are the one place every path (pages, its API) passes through.


@receiver(account_signals.password_changed)
def on_password_changed(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    access.credentials_changed(user=user, request=request, reason=access.Reason.PASSWORD_CHANGED)


@receiver(account_signals.password_set)
def on_password_set(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    access.credentials_changed(user=user, request=request, reason=access.Reason.PASSWORD_CHANGED)


@receiver(account_signals.password_reset)
def on_password_reset(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    access.credentials_changed(user=user, request=request, reason=access.Reason.PASSWORD_RESET)


@receiver(account_signals.email_changed)
def on_email_changed(
    sender: Any, request: HttpRequest, user: User, from_email_address: EmailAddress | None, **kwargs: Any
) -> None:
    # The old address hears about it too: it is the one an intruder would want to silence.
    old = [from_email_address.email] if from_email_address is not None else []
    access.credentials_changed(user=user, request=request, reason=access.Reason.EMAIL_CHANGED, also_notify=old)


def on_authenticator_added(sender: Any, request: HttpRequest, user: User, authenticator: Any, **kwargs: Any) -> None:
    # Recovery codes are made alongside a first TOTP or passkey: one notice for turning 2FA on, not two.
    if authenticator.type != "recovery_codes":
        access.credentials_changed(user=user, request=request, reason=access.Reason.SECOND_FACTOR_ADDED)


if apps.is_installed("allauth.mfa"):
    from allauth.mfa.signals import authenticator_added

    authenticator_added.connect(on_authenticator_added, dispatch_uid="openhour.accounts.authenticator_added")


@receiver(user_logged_in)
def on_logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        access.session_signed_in(request=request, user=user)


@receiver(user_logged_out)
def on_logged_out(sender: Any, request: HttpRequest | None, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    access.session_forget(session_key=session.session_key if session is not None else None)
