"""Writes for notifications: create one for an event (honouring the person's preference), mark read,
set preferences, unsubscribe from a signed link."""

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.ids import pk_or_404, pk_or_none
from openhour.messaging.models import Notification, NotificationPreference
from openhour.messaging.notifications import kinds
from openhour.messaging.notifications.said import Said, lines
from openhour.messaging.notifications.selectors import channel_of

logger = logging.getLogger(__name__)


def notification_send(
    *, user: Any, kind: str, title: Said | str, url: str, source: str, body: Said | Sequence[Said | None] | str = ""
) -> Notification | None:
    """Tell `user` about an event, in the caller's transaction: `title` says what happened, `body` adds the
    details (amounts, deadlines) shown in the centre and the e-mail, one sentence a line. Sentences are kept as
    `said(...)` and put into words in the person's language whenever they read them; a plain string is shown
    as it is. One source notifies each person once; a kind they switched off leaves no row; by e-mail, the mail
    is queued only once the transaction commits."""
    if getattr(user, "closed_at", None):  # a closed account hears of nothing any more (accounts/closing)
        return None
    channel = channel_of(user=user, kind=kind)
    if channel == kinds.OFF:
        return None
    try:
        with transaction.atomic():  # a savepoint: a repeat of the same source leaves the caller's work intact
            notification = Notification.objects.create(
                user=user, kind=kind, url=url[:500], source=source[:80], **_what_it_says(title, body)
            )
    except IntegrityError:
        return None  # this event already notified this person
    if channel == kinds.EMAIL:
        from openhour.messaging.notifications.tasks import email_enqueue

        pk = notification.pk
        transaction.on_commit(lambda: email_enqueue(notification_id=pk), robust=True)
    return notification


def _what_it_says(title: Said | str, body: Said | Sequence[Said | None] | str) -> dict[str, Any]:
    message: dict[str, Any] = {}
    written = {"written_title": "", "written_body": ""}
    if isinstance(title, Said):
        message["title"] = title.as_json()
    else:
        written["written_title"] = title[:300]
    if isinstance(body, str):
        written["written_body"] = body
    else:
        message["body"] = lines(*([body] if isinstance(body, Said) else body))
    return {"message": message, **written}


def notifications_mark_read(*, user: Any, ids: Iterable[object]) -> list[int]:
    """Mark some of one's own notifications read. Ids of other people's (or of none) are ignored, so the
    answer never tells whether someone else's notification exists. Returns the ids that are now read."""
    wanted = {pk for pk in (pk_or_none(raw) for raw in ids) if pk is not None}
    if len(wanted) > 500:
        raise InvalidInput(fields={"ids": [_("Send at most 500 ids at a time.")]})
    mine = Notification.objects.filter(user=user, pk__in=wanted)
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())
    return sorted(mine.values_list("pk", flat=True))


def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def notification_open(*, user: Any, notification_id: object) -> Notification:
    """Following a notification marks it read; someone else's is not found."""
    missing = _("No such notification.")
    notification = Notification.objects.filter(user=user, pk=pk_or_404(notification_id, missing)).first()
    if notification is None:
        raise NotFound(missing)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def preferences_set(*, user: Any, channels: dict[str, str]) -> None:
    """Save how the person wants each kind: e-mail, in the app only, or off."""
    known = {choice.value for choice in NotificationPreference.Channel}
    errors = {key: [_("Choose one of the options.")] for key, value in channels.items() if value not in known}
    errors |= {key: [_("There is no such kind of notification.")] for key in channels if key not in kinds.KINDS}
    if errors:
        raise InvalidInput(fields=errors)
    with transaction.atomic():
        for key, channel in channels.items():
            NotificationPreference.objects.update_or_create(user=user, kind=key, defaults={"channel": channel})


def unsubscribe(*, token: str) -> tuple[Any, str]:
    """One click from an e-mail: that kind now stays in the app. The signed token names person and kind."""
    from openhour.messaging.notifications.mail import unsubscribe_target

    user, kind = unsubscribe_target(token)
    preferences_set(user=user, channels={kind: kinds.IN_APP})
    return user, kind
