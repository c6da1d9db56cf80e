"""How quickly a person answers someone who writes to them first.

Over conversations the OTHER person opened in the last 90 days, we take the time from their first message to
the person's first reply. A conversation still waiting for a reply counts with the time it has waited so far
(a lower bound on its reply time), so ignoring messages never makes anyone look quicker; conversations with
people they blocked are left out. The median is kept in `Responsiveness` and shown as a phrase only once it
rests on at least `MIN_SAMPLE` conversations.
"""

import statistics
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openhour.accounts.models import User
from openhour.messaging.models import Block, Conversation, Message, Participant, Responsiveness

WINDOW = timedelta(days=90)
MIN_SAMPLE = 3
STALE = timedelta(hours=1)  # the periodic refresh recomputes a record at most this often
BATCH = 500  # people per refresh round, so one round stays short

# (at most this many minutes, phrase): the first row the median fits in.
PHRASES = (
    (60, _("Usually replies within an hour")),
    (3 * 60, _("Usually replies within 3 hours")),
    (24 * 60, _("Usually replies within a day")),
    (7 * 24 * 60, _("Usually replies within a few days")),
)


def responsiveness_phrase(median_minutes: int | None, sample: int) -> str | None:
    """The phrase for a median, or None when there is too little to go on or it is slower than a week."""
    if median_minutes is None or sample < MIN_SAMPLE:
        return None
    for most, phrase in PHRASES:
        if median_minutes <= most:
            return str(phrase)
    return None


def _opened_by_others(user: User, since: datetime) -> list[tuple[datetime, datetime | None]]:
    """(first message, the person's first reply or None) for each of their conversations the other person
    opened since `since`."""
    first = Message.objects.filter(conversation=OuterRef("pk")).order_by("created_at", "id")
    mine = Message.objects.filter(conversation=OuterRef("pk"), sender=user).order_by("created_at", "id")
    blocked = Block.objects.filter(blocker=user).values("blocked")
    rows = (
        Conversation.objects.filter(Q(first=user) | Q(second=user))
        .exclude(Q(first=user, second__in=blocked) | Q(second=user, first__in=blocked))
        .annotate(
            opened_at=Subquery(first.values("created_at")[:1]),
            opener=Subquery(first.values("sender")[:1]),
            replied_at=Subquery(mine.values("created_at")[:1]),
        )
        .filter(opened_at__gte=since)
        .exclude(opener=user.pk)
        .values_list("opened_at", "replied_at")
    )
    return list(rows)


def reply_minutes(*, user: User, now: datetime | None = None) -> list[int]:
    """Minutes to first reply per conversation in the window; unanswered ones count as waited so far."""
    now = now or timezone.now()
    rows = _opened_by_others(user, now - WINDOW)
    return [int(((replied or now) - opened).total_seconds() // 60) for opened, replied in rows]


@transaction.atomic
def responsiveness_update(*, user: User, now: datetime | None = None) -> Responsiveness:
    """Recompute the person's median time to first reply; call it after they send a message."""
    minutes = reply_minutes(user=user, now=now)
    median = round(statistics.median(minutes)) if minutes else None
    record, _created = Responsiveness.objects.update_or_create(
        user=user, defaults={"median_minutes": median, "sample": len(minutes)}
    )
    return record


def responsiveness_refresh_due() -> int:
    """The periodic round: recompute, at most hourly, everyone with a conversation in the window or a record
    that may have gone out of date as the window moved on. Returns how many records it recomputed."""
    now = timezone.now()
    recent = Participant.objects.filter(conversation__last_message_at__gte=now - WINDOW).values("user")
    kept = Responsiveness.objects.filter(sample__gt=0).values("user")
    fresh = Responsiveness.objects.filter(updated_at__gt=now - STALE).values("user")
    due = User.objects.filter(Q(pk__in=recent) | Q(pk__in=kept)).exclude(pk__in=fresh).order_by("pk")[:BATCH]
    count = 0
    for user in due:
        responsiveness_update(user=user, now=now)
        count += 1
    return count
