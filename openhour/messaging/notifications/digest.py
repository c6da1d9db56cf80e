"""The digest of unread messages: one e-mail per conversation once it has been quiet for a while.

A participant is due when the conversation has had no message for MESSAGE_DIGEST_QUIET_MINUTES and the
other person wrote something since the participant last read it and since their last digest. Claiming
`Participant.digest_sent_at` with a conditional UPDATE means one digest per batch of messages, however many
workers run; the notification's source (conversation and newest message) makes a repeat impossible.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from openhour.messaging.models import Message, Notification, Participant
from openhour.messaging.notifications.said import said_plural
from openhour.messaging.notifications.services import notification_send

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
OLDEST = timedelta(days=7)  # messages older than this are left to the inbox: a digest about them is noise
SHOWN = 10  # messages quoted in one e-mail; the rest are counted


def conversation_url(conversation_id: int) -> str:
    try:
        return reverse("conversation", args=[conversation_id])
    except NoReverseMatch:
        return reverse("inbox")


def _due(now: datetime) -> Any:
    quiet = now - timedelta(minutes=settings.MESSAGE_DIGEST_QUIET_MINUTES)
    seen = Greatest(Coalesce("last_read_at", Value(EPOCH)), Coalesce("digest_sent_at", Value(EPOCH)))
    unread = Message.objects.filter(
        conversation=OuterRef("conversation"), created_at__gt=OuterRef("seen"), created_at__gte=now - OLDEST
    ).exclude(sender=OuterRef("user"))
    recent = Message.objects.filter(conversation=OuterRef("conversation"), created_at__gt=quiet)
    return (
        Participant.objects.annotate(seen=seen)
        .filter(Exists(unread), ~Exists(recent))
        .order_by("pk")
        .values_list("pk", "digest_sent_at")[:500]
    )


def messages_digest_due(now: datetime | None = None) -> int:
    """Notify each participant due a digest (by e-mail unless they chose otherwise). Returns how many."""
    now = now or timezone.now()
    sent = 0
    for pk, digest_sent_at in list(_due(now)):
        with transaction.atomic():
            same = Q(digest_sent_at=digest_sent_at) if digest_sent_at else Q(digest_sent_at__isnull=True)
            if Participant.objects.filter(same, pk=pk).update(digest_sent_at=now) != 1:
                continue  # another worker sent this one
            participant = Participant.objects.select_related("user").get(pk=pk)
            sent += _notify(participant)
    return sent


def _unread(participant: Participant, *, since: datetime) -> Any:
    return (
        Message.objects.filter(conversation_id=participant.conversation_id, created_at__gt=since)
        .exclude(sender_id=participant.user_id)
        .select_related("sender")
        .order_by("created_at", "id")
    )


def _notify(participant: Participant) -> int:
    """One notification listing everything still unread (a second digest repeats what is still unread)."""
    messages = list(_unread(participant, since=participant.last_read_at or EPOCH))
    if not messages:
        return 0
    senders = sorted({message.sender.name for message in messages})
    title = said_plural(
        lambda n: ngettext("%(count)d unread message from %(names)s", "%(count)d unread messages from %(names)s", n),
        len(messages),
        names=", ".join(senders),
    )
    source = f"messages:{participant.conversation_id}:{messages[-1].pk}"
    url = conversation_url(participant.conversation_id)
    created = notification_send(user=participant.user, kind="messages", title=title, url=url, source=source)
    return 1 if created else 0


def email_context(notification: Notification) -> dict[str, Any] | None:
    """What a digest e-mail lists: the messages still unread up to the newest the digest was made for;
    None when the person has read them all meanwhile."""
    _prefix, conversation_id, last_id = notification.source.split(":")
    participant = Participant.objects.filter(conversation_id=conversation_id, user=notification.user_id).first()
    if participant is None:
        return None
    since = participant.last_read_at or EPOCH
    unread = list(_unread(participant, since=since).filter(pk__lte=int(last_id)))
    if not unread:
        return None
    return {"digest": unread[-SHOWN:], "digest_more": max(0, len(unread) - SHOWN), "digest_intro": _("Unread messages")}
