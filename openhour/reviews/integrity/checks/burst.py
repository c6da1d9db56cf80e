"""Bursts: several reviews for one person within a short window from accounts that had just joined.

Fires when this review's author is young (joined less than YOUNG_DAYS before writing it) and at least
BURST_MIN reviews by young accounts reached the same person within WINDOW_HOURS up to this one.
"""

from datetime import timedelta

from openhour.reviews.integrity.checks import Finding
from openhour.reviews.models import Review

WINDOW_HOURS = 72
YOUNG_DAYS = 14
BURST_MIN = 4


def check(review: Review) -> Finding | None:
    start = review.submitted_at - timedelta(hours=WINDOW_HOURS)
    window = Review.objects.filter(
        subject_id=review.subject_id, submitted_at__gte=start, submitted_at__lte=review.submitted_at
    )
    rows = list(
        window.values_list("pk", "author_id", "author__date_joined", "submitted_at").order_by("submitted_at", "pk")
    )
    young = {
        pk: (author_id, (submitted - joined).total_seconds() / 86400)
        for pk, author_id, joined, submitted in rows
        if submitted - joined < timedelta(days=YOUNG_DAYS)
    }
    authors = {author_id for author_id, _age in young.values()}
    if review.pk not in young or len(authors) < BURST_MIN:
        return None
    score = min(1.0, 0.5 + 0.1 * (len(authors) - BURST_MIN))
    evidence = {
        "subject": review.subject_id,
        "window_hours": WINDOW_HOURS,
        "reviews_in_window": len(rows),
        "young_reviews": len(young),
        "young_authors": len(authors),
        "young_days": YOUNG_DAYS,
        "reviews": [
            {"review": pk, "author": author, "account_age_days": round(age, 1)} for pk, (author, age) in young.items()
        ],
    }
    return round(score, 4), evidence
