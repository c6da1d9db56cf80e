"""Sending notification e-mails through the task queue, and retrying the ones that failed.

django-tasks does not retry a task that raised, so failures are retried here: a notification whose e-mail
has not gone (`emailed_at` empty) is queued again by `notification_emails_retry_due`, which `run_timers`
runs, at fixed delays after it was created (RETRY_AFTER). Each delay is claimed once with an atomic
`cache.add`, so however often the sweep runs, one notification is tried at most 1 + len(RETRY_AFTER) times
while the cache holds its claims, and never once it is older than the last delay plus RETRY_GRACE.
"""

import logging
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from openhour.messaging.models import Notification, NotificationPreference
from openhour.messaging.notifications import kinds

logger = logging.getLogger(__name__)

RETRY_AFTER = (timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2), timedelta(hours=8))
RETRY_GRACE = timedelta(hours=1)  # a sweep that was down a while still makes the last attempt


@task()
def notification_email_send(*, notification_id: int) -> bool:
    """Send one notification's e-mail unless it went already, was read meanwhile, or the person turned
    e-mail off since. A failing mail server raises: the task's result records it and a later sweep retries."""
    from openhour.messaging.notifications import digest, mail
    from openhour.messaging.notifications.selectors import channel_of

    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at or notification.read_at:
        return False
    if channel_of(user=notification.user, kind=notification.kind) != kinds.EMAIL:
        return False
    extra = digest.email_context(notification) if notification.kind == "messages" else {}
    if extra is None:  # the messages were read meanwhile: nothing left to tell
        return False
    message = mail.build(notification, extra=extra)
    # Claim before sending, so a retry queued while this one waited in a slow queue cannot send it twice.
    claimed_at = timezone.now()
    if Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(emailed_at=claimed_at) != 1:
        return False
    try:
        message.send()
    except Exception:
        Notification.objects.filter(pk=notification_id, emailed_at=claimed_at).update(emailed_at=None)
        logger.warning("E-mail of notification %s failed; it is retried later.", notification_id, exc_info=True)
        raise
    return True


def email_enqueue(*, notification_id: int) -> None:
    """Queue the e-mail; if even queueing fails, the retry sweep finds the notification unsent."""
    try:
        notification_email_send.enqueue(notification_id=notification_id)
    except Exception:
        logger.exception("Could not queue the e-mail of notification %s.", notification_id)


def notification_emails_retry_due(now: datetime | None = None) -> int:
    """Queue again the e-mails that have not gone out and whose next retry time has come. Returns how many."""
    now = now or timezone.now()
    first, last = RETRY_AFTER[0], RETRY_AFTER[-1]
    unsent = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            created_at__lte=now - first,
            created_at__gt=now - last - RETRY_GRACE,
        )
        .order_by("created_at")
        .values_list("pk", "user_id", "kind", "created_at")[:500]
    )
    rows = list(unsent)
    wanted = _wants_email({(user_id, kind) for _pk, user_id, kind, _at in rows})
    queued = 0
    for pk, user_id, kind, created_at in rows:
        if (user_id, kind) not in wanted:
            continue
        attempt = sum(1 for delay in RETRY_AFTER if created_at + delay <= now)  # 1 = the first retry
        if cache.add(f"notifications:retry:{pk}:{attempt}", 1, timeout=int((last + RETRY_GRACE).total_seconds())):
            email_enqueue(notification_id=pk)
            queued += 1
    return queued


def _wants_email(pairs: set[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which (person, kind) pairs are e-mailed now, by their saved choice or the kind's default: one query."""
    if not pairs:
        return set()
    users = {user_id for user_id, _kind in pairs}
    saved = dict(
        (
            ((user_id, kind), channel)
            for user_id, kind, channel in NotificationPreference.objects.filter(Q(user_id__in=users)).values_list(
                "user_id", "kind", "channel"
            )
        )
    )
    return {pair for pair in pairs if saved.get(pair, kinds.default_channel(pair[1])) == kinds.EMAIL}
