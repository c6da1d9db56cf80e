"""E-mails of notifications: HTML and plain text, one link to act on, a signed one-click unsubscribe."""

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.i18n import read_by
from openhour.lib.ids import pk_or_none
from openhour.lib.mail import mail_build
from openhour.lib.web import absolute_url
from openhour.messaging.models import Notification
from openhour.messaging.notifications import kinds

SALT = "openhour.notifications.unsubscribe"


def unsubscribe_token(*, user: Any, kind: str) -> str:
    """Signed with SECRET_KEY: nobody can forge one for another person or kind. It never expires, as
    unsubscribe links in old mail must keep working."""
    return signing.Signer(salt=SALT).sign_object({"u": user.pk, "k": kind}, compress=True)


def unsubscribe_target(token: str) -> tuple[User, str]:
    """The person and kind a token names; a tampered token is bad input, a stale one (person gone) not found."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):
        raise InvalidInput(
            _("This unsubscribe link is not valid. Change your e-mail settings after signing in.")
        ) from None
    found = value if isinstance(value, dict) else {}
    user_id, kind = pk_or_none(found.get("u")), found.get("k")
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None or kind not in kinds.KINDS:
        raise NotFound()
    return user, str(kind)


def unsubscribe_url(*, user: Any, kind: str) -> str:
    return settings.SITE_URL + reverse("notification_unsubscribe", args=[unsubscribe_token(user=user, kind=kind)])


def build(notification: Notification, *, extra: dict[str, Any] | None = None) -> EmailMultiAlternatives:
    """The e-mail for one notification, in its person's language and time zone; `extra` adds what a digest lists."""
    user = notification.user
    unsubscribe = unsubscribe_url(user=user, kind=notification.kind)
    with read_by(user):  # a worker has no request to take the language from, and a sender's is not theirs
        context = {
            "notification": notification,
            "person": user,
            "kind": kinds.KINDS[notification.kind],
            "action_url": absolute_url(notification.url),
            "action_label": _("Read and reply") if extra and extra.get("digest") else _("Open it"),
            "unsubscribe_url": unsubscribe,
            **(extra or {}),
        }
        headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        return mail_build(
            subject=notification.title,
            template="messaging/email/notification",
            context=context,
            to=[user.email],
            headers=headers,
            reader=user,
        )
