"""A sign-in from a browser this account has not used before tells the person: when, from where, which browser.

"Known" means the browser's device cookie (openhour/reviews/integrity/access.py) was already recorded for this
account at an earlier sign-up or sign-in. This receiver is connected before the integrity app records the
current sign-in (apps load in INSTALLED_APPS order), so it compares against earlier records only.
"""

from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.reviews.integrity.access import client_ip, device_of


def connect() -> None:
    user_logged_in.connect(on_login, dispatch_uid="accounts-new-device-notice")


def known_device(*, request: HttpRequest, user: User) -> bool:
    from openhour.reviews.integrity.models import AccessRecord

    # device_of, not the cookie alone: a browser that signs up gets its id in this same request
    return AccessRecord.objects.filter(user=user, device=device_of(request)).exists()


def new_device_notify(*, request: HttpRequest, user: User) -> None:
    """Tell the person about a sign-in from a new browser, once per browser."""
    from openhour.messaging.notifications.said import Moment, said
    from openhour.messaging.notifications.services import notification_send

    when = Moment(timezone.now(), "DATETIME_FORMAT", zone="UTC")  # the sentence says UTC
    browser = request.headers.get("User-Agent", "")[:200] or said(gettext_noop("an unknown browser"))
    address = client_ip(request) or said(gettext_noop("an unknown address"))
    notification_send(
        user=user,
        kind="new_sign_in",
        url=reverse("account_change_password"),
        source=f"sign_in:{device_of(request)}",
        title=said(gettext_noop("New sign-in to your account from a browser not used before")),
        body=said(
            gettext_noop(
                "When: %(when)s (UTC). Address: %(address)s. Browser: %(browser)s. If this was not you, change "
                "your password now and turn on two-factor sign-in."
            ),
            when=when,
            address=address,
            browser=browser,
        ),
    )


def on_login(sender: type[User], request: HttpRequest | None = None, user: User | None = None, **kwargs: Any) -> None:
    if request is None or user is None or not getattr(user, "pk", None):
        return
    if not request.META.get("REMOTE_ADDR"):  # not over HTTP: a shell, or a test's force_login
        return
    if not known_device(request=request, user=user):
        new_device_notify(request=request, user=user)
