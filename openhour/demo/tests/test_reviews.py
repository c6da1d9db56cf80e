"""The demo's past work is played through the real services and dated back: reputations built over a year,
one review still sealed and Ollie's to answer, the ledger balanced, and a second seeding adds nothing."""

import pytest

from openhour.demo.contracts import seed_contracts
from openhour.demo.money import seed_money
from openhour.demo.people import seed_demo
from openhour.demo.reviews import PAST_WORK, seed_reviews
from openhour.reviews.models import Review
from openhour.reviews.selectors import actions_for

pytestmark = pytest.mark.django_db


def test_demo_past_work_builds_reputations_over_a_year(ledger_ok):
    seed_demo()
    seed_money()
    seed_contracts()

    assert seed_reviews() == len(PAST_WORK)
    published = Review.objects.filter(status=Review.Status.PUBLISHED)
    assert published.count() == 2 * (len(PAST_WORK) - 1)
    months = {review.published_at.strftime("%Y-%m") for review in published}
    assert len(months) >= 6  # spread over the year, for the insights' trend
    assert not published.filter(duration_code="week").exists()  # dated back: weeks of work
    sealed = Review.objects.get(status=Review.Status.SEALED)
    assert (sealed.author.username, sealed.subject.username) == ("tom-hughes", "ollie-grant")
    assert [a.title for a in actions_for(user=sealed.subject)] == [
        "Review your work with Tom Hughes on “Product descriptions”"
    ]
    assert seed_reviews() == 0
    ledger_ok()
