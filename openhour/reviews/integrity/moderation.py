"""Placeholder: moderation cases (filled in by its part)."""

from typing import Any

from openhour.reviews.integrity.models import Case


def case_open(*, review: Any, source: str) -> Case:
    """Open a case about `review` (or return its open one): source is Case.Source.AUTOMATIC or FLAG."""
    found = Case.objects.filter(review=review).exclude(status=Case.Status.CLOSED).first()
    return found or Case.objects.create(review=review, source=source)
