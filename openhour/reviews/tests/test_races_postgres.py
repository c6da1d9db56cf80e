"""Review rounds under real parallel transactions (PostgreSQL, one thread and connection each): both parties
submitting at the same moment publish both reviews once; a submission racing the window's close either gets
in (and is published by the close) or is refused cleanly; two timer workers publish once."""

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from openhour.contracts.models import Contract
from openhour.lib.errors import DomainError
from openhour.money.tests.kit import in_parallel
from openhour.reviews.models import Review, ReviewEvent, ReviewRound
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.services.rounds import rounds_fire_due
from openhour.reviews.tests.kit import body, finished

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def crashes(results: list[Any]) -> list[Any]:
    """Anything that is not a result or a clean refusal: would be a 500 (a deadlock, an integrity error)."""
    return [result for result in results if isinstance(result, Exception) and not isinstance(result, DomainError)]


def assert_round_settled(contract: Contract) -> None:
    """What must hold whatever the order: a closed round has no sealed review, and nothing published twice."""
    round_ = ReviewRound.objects.get(contract=contract)
    if round_.status == ReviewRound.Status.CLOSED:
        assert not round_.reviews.filter(status=Review.Status.SEALED).exists()
        assert not round_.timers.filter(fired_at=None, cancelled_at=None).exists()
    for review in round_.reviews.all():
        publishes = ReviewEvent.objects.filter(review=review, action="publish").count()
        assert publishes == (1 if review.status == Review.Status.PUBLISHED else 0)


def close_is_due(contract: Contract) -> None:
    """The worker's clock reaches the close a moment before the submission's: the close timer is due while the
    window still accepts a review, so whichever locks the round first wins. Reminders have gone already."""
    now = timezone.now()
    timers = contract.review_round.timers
    timers.filter(action="remind").update(fired_at=now - timedelta(days=1))
    timers.filter(action="close").update(due_at=now - timedelta(seconds=1))


def test_both_parties_submitting_at_once_publish_both_once(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    people = iter([(clara, "client"), (fred, "freelancer")])

    def submit() -> Any:
        person, role = next(people)
        return review_submit(contract_id=contract.pk, by=person, data=body(role, 4))

    results = in_parallel(2, submit)

    assert all(isinstance(result, Review) for result in results), results
    reviews = list(Review.objects.filter(contract=contract))
    assert len(reviews) == 2 and {review.status for review in reviews} == {"published"}
    assert reviews[0].published_at == reviews[1].published_at is not None
    round_ = ReviewRound.objects.get(contract=contract)
    assert round_.status == "closed" and round_.closed_at == reviews[0].published_at
    assert ReviewEvent.objects.filter(action="publish").count() == 2
    assert_round_settled(contract)
    ledger_ok()


def submit_racing_the_close(contract: Contract, person: Any) -> list[Any]:
    """`person` submits while a timer worker runs the window's close; what each got back."""
    close_is_due(contract)
    tasks = iter(
        [
            lambda: review_submit(contract_id=contract.pk, by=person, data=body("freelancer", 3)),
            rounds_fire_due,
        ]
    )
    return in_parallel(2, lambda: next(tasks)())


@pytest.mark.parametrize("other_side_in", [False, True], ids=["alone", "second"])
def test_a_submission_racing_the_close_gets_in_or_is_refused(clara, fred, ledger_ok, other_side_in):
    for _attempt in range(3):  # a few rounds, so either order is likely to be seen
        contract = finished(clara, fred)
        if other_side_in:
            review_submit(contract_id=contract.pk, by=clara, data=body("client", 5))

        results = submit_racing_the_close(contract, fred)

        assert not crashes(results), results
        refused = [result for result in results if isinstance(result, DomainError)]
        assert [error.code for error in refused] in ([], ["review_window_closed"]), results
        his = Review.objects.filter(contract=contract, author=fred).first()
        assert (his is None) == bool(refused)
        assert ReviewRound.objects.get(contract=contract).status == "closed"  # the close ran, or both are in
        assert not Review.objects.filter(contract=contract, status="sealed").exists()
        assert_round_settled(contract)
    ledger_ok()


def test_two_timer_workers_publish_a_lone_review_once(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 4))
    close_is_due(contract)

    results = in_parallel(2, rounds_fire_due)

    assert not crashes(results), results
    assert sorted(results) == [0, 1]  # one worker claimed the close, the other found nothing due
    review = Review.objects.get(contract=contract)
    assert review.status == "published" and review.events.filter(action="publish").count() == 1
    assert_round_settled(contract)
    ledger_ok()
