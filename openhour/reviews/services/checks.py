"""Running a review's integrity checks in the task worker, and publishing it once they have finished.

Submitting or editing a review empties its `checked_at` and queues `openhour.reviews.tasks.review_checks_run` in
the same transaction: the database queue commits or drops the task with the review, and the immediate backend
(tests) runs the checks there and then, as they always ran. The author sees the review as submitted and "being
checked" meanwhile. A round that closes publishes the reviews already checked; the others are published (or
held) by their own check when it finishes. Checks still unfinished after INTEGRITY_CHECKS_OVERDUE_MINUTES are
overdue: the timers queue them again and operators see them, with a button to run them at once.

Lock order, as everywhere in reviews: the round's pending timers, the round, then the review. The check runs with
the review locked and does nothing if it finds it checked, so two workers given the same review (a re-queued
task, an operator's button) never record or open cases twice.
"""

from datetime import datetime, timedelta

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from openhour.accounts.models import User
from openhour.lib.errors import NotFound
from openhour.lib.process import SYSTEM, transition
from openhour.reviews.criteria import subject_role
from openhour.reviews.integrity import risk
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review, ReviewQuerySet, ReviewRound
from openhour.reviews.services.rounds import round_locked
from openhour.reviews.tasks import review_checks_run
from openhour.webhooks.services import events as webhooks

REQUEUE_BATCH = 500  # overdue checks queued again per timer round


def overdue_after() -> timedelta:
    return timedelta(minutes=threshold("CHECKS_OVERDUE_MINUTES"))


def review_checks_request(*, review: Review) -> None:
    """Mark `review` (locked, just written) as being checked and queue its checks, in the caller's transaction."""
    if review.checked_at is not None:  # an edit of a checked review: check its new text
        review.checked_at = None
        review.save(update_fields=["checked_at", "updated_at"])
    review_checks_run.enqueue(review_id=review.pk)


def review_checks_finish(*, review_id: int) -> bool:
    """Run the checks of a review that is waiting for them, record their verdict, and publish or hold the review
    if its round closed meanwhile. False when there is nothing to do: already checked, or no such review."""
    with transaction.atomic():
        round_id = Review.objects.filter(pk=review_id).values_list("round_id", flat=True).first()
        if round_id is None:
            return False
        round_ = round_locked(round_id)
        review = Review.objects.select_for_update().get(pk=review_id)
        if review.checked_at is not None:
            return False
        risk.assess(review)
        review.checked_at = timezone.now()
        review.save(update_fields=["checked_at"])
        if round_.status == ReviewRound.Status.CLOSED and review.status == Review.Status.SEALED:
            reviews_release(reviews=[review], now=review.checked_at)
    return True


def reviews_release(*, reviews: list[Review], now: datetime) -> None:
    """Publish checked sealed reviews (locked, of a closed or closing round), or hold the clear fakes."""
    from openhour.reviews.scoring import reputations_refresh

    published = []
    for review in reviews:
        if review.risk_decision == Review.Risk.HOLD:  # a clear fake waits for an operator, unpublished
            transition(obj=review, action="hold", actor=SYSTEM)
            continue
        transition(obj=review, action="publish", actor=SYSTEM)
        review.published_at = now
        review.save(update_fields=["published_at", "updated_at"])
        webhooks.emit("review.published", about=review, audience=[review.author_id, review.subject_id])
        published.append((review.subject, subject_role(review.author_role)))
    reputations_refresh(people=published)


def checks_overdue(now: datetime | None = None) -> ReviewQuerySet:
    """Reviews whose checks were asked for more than INTEGRITY_CHECKS_OVERDUE_MINUTES ago and have not finished,
    oldest first (read from the partial index of reviews being checked)."""
    since = (now or timezone.now()) - overdue_after()
    return Review.objects.filter(checked_at=None, status=Review.Status.SEALED, updated_at__lte=since).order_by(
        "updated_at", "pk"
    )


def review_checks_run_now(*, review_id: int, by: User) -> bool:
    """An operator runs a review's overdue checks at once, in the request, instead of waiting for the worker."""
    if not by.is_staff:
        raise NotFound()
    return review_checks_finish(review_id=review_id)


def review_checks_requeue_due(now: datetime | None = None) -> int:
    """Queue again the overdue checks (a worker was down, a task failed), each at most once per overdue period
    however often the timers run. Returns how many were queued."""
    now = now or timezone.now()
    period = overdue_after()
    queued = 0
    for pk, asked_at in checks_overdue(now).values_list("pk", "updated_at")[:REQUEUE_BATCH]:
        periods = int((now - asked_at) / period)
        if cache.add(f"reviews:checks:requeue:{pk}:{periods}", 1, timeout=int(period.total_seconds()) * 2):
            review_checks_run.enqueue(review_id=pk)
            queued += 1
    return queued
