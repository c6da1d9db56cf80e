"""Bursts: several reviews for one person within a short window from accounts that had just joined.

Fires when this review's author is young (joined less than INTEGRITY_BURST_YOUNG_DAYS before writing it) and at
least INTEGRITY_BURST_MIN young accounts reviewed the same person within INTEGRITY_BURST_WINDOW_HOURS either side
of this review. Either side, because checks can run late (a queue, a re-check after an edit) and a review submitted
first is as much part of the burst as the one that completed it. Three brand-new accounts reaching one person in a
few days is rare in honest trade, and the score at three (0.5) only queues: the review is published with a case.
"""

from datetime import timedelta

from openhour.reviews.integrity.checks import Finding
from openhour.reviews.integrity.thresholds import threshold
from openhour.reviews.models import Review


def check(review: Review) -> Finding | None:
    hours, young_days, least = threshold("BURST_WINDOW_HOURS"), threshold("BURST_YOUNG_DAYS"), threshold("BURST_MIN")
    window = timedelta(hours=hours)
    around = Review.objects.filter(
        subject_id=review.subject_id,
        submitted_at__gte=review.submitted_at - window,
        submitted_at__lte=review.submitted_at + window,
    )
    rows = list(
        around.values_list("pk", "author_id", "author__date_joined", "submitted_at").order_by("submitted_at", "pk")
    )
    young = {
        pk: (author_id, (submitted - joined).total_seconds() / 86400)
        for pk, author_id, joined, submitted in rows
        if submitted - joined < timedelta(days=young_days)
    }
    authors = {author_id for author_id, _age in young.values()}
    if review.pk not in young or len(authors) < least:
        return None
    score = min(1.0, 0.5 + 0.1 * (len(authors) - least))
    evidence = {
        "subject": review.subject_id,
        "window_hours": hours,
        "reviews_in_window": len(rows),
        "young_reviews": len(young),
        "young_authors": len(authors),
        "young_days": young_days,
        "reviews": [
            {"review": pk, "author": author, "account_age_days": round(age, 1)} for pk, (author, age) in young.items()
        ],
    }
    return round(score, 4), evidence
