"""A review is checked by the task worker before it can be published. With the immediate backend (tests, and any
deployment that runs tasks inline) the checks finish while the review is submitted, as they always did; with the
database queue the review is submitted, shown to its author as "being checked", and published only once the
worker has run its checks, even if the round closed meanwhile. Nobody else sees it until then.

Cast: Clara reviews Fred, Fred reviews Clara; Olga may see nothing sealed."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from openhour.lib.process import FREELANCER
from openhour.money.tests.kit import in_parallel
from openhour.reviews.integrity.models import Case, RiskSignal
from openhour.reviews.models import Review, ReviewEvent
from openhour.reviews.services.checks import review_checks_finish
from openhour.reviews.services.reviews import review_edit, review_submit
from openhour.reviews.services.rounds import rounds_fire_due
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def deferred(settings: Any) -> None:
    """Tasks wait in the database queue until a worker runs them, as on a real deployment."""
    settings.TASKS = QUEUE


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_with_the_immediate_backend_the_flow_is_as_before(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    mine = review_submit(contract_id=contract.pk, by=clara, data=body())
    assert mine.checked_at is not None and not mine.being_checked
    answer = client_for(clara).get(f"/api/v1/contracts/{contract.pk}/reviews").json()
    assert answer["mine"]["checks"] == "done"

    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER))
    assert set(Review.objects.values_list("status", flat=True)) == {Review.Status.PUBLISHED}
    ledger_ok()


def test_the_author_sees_being_checked_and_nobody_else_sees_the_review(
    deferred, clara, fred, olga, client_for, client, ledger_ok
):
    contract = finished(clara, fred)
    answer = client_for(clara).post(
        f"/api/v1/contracts/{contract.pk}/reviews", body(went_well="Careful work."), content_type="application/json"
    )
    assert answer.status_code == 201
    assert answer.json()["status"] == "sealed" and answer.json()["checks"] == "pending"

    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "being checked" in page
    mine = client_for(clara).get(f"/api/v1/contracts/{contract.pk}/reviews").json()["mine"]
    assert mine["checks"] == "pending" and mine["went_well"] == "Careful work."

    theirs = client_for(fred).get(f"/api/v1/contracts/{contract.pk}/reviews").json()["theirs"]
    assert theirs == {"status": "sealed"}  # Fred learns only that it exists, never its text or its checks
    assert "Careful work." not in client_for(fred).get(f"/contracts/{contract.pk}").content.decode()
    for reader in (client_for(olga), client):
        assert "Careful work." not in reader.get(f"/people/{fred.username}").content.decode()
        assert reader.get(f"/api/v1/users/{fred.username}/reviews").json()["items"] == []

    run_worker()
    mine = client_for(clara).get(f"/api/v1/contracts/{contract.pk}/reviews").json()["mine"]
    assert mine["checks"] == "done" and mine["status"] == "sealed"  # checked, and still waiting for Fred's
    assert "being checked" not in client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    ledger_ok()


def test_publication_waits_for_the_checks_when_both_are_in(deferred, clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body())
    run_worker()  # Clara's is checked; Fred's arrives while the worker is busy elsewhere
    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER))

    statuses = dict(Review.objects.values_list("author__username", "status"))
    assert statuses == {"clara": Review.Status.PUBLISHED, "fred": Review.Status.SEALED}
    fred_review = Review.objects.get(author=fred)
    assert fred_review.being_checked and fred_review.published_at is None

    run_worker()
    fred_review.refresh_from_db()
    assert fred_review.status == Review.Status.PUBLISHED and fred_review.published_at is not None
    assert fred_review.checked_at is not None
    ledger_ok()


def test_the_window_closing_does_not_publish_an_unchecked_review(deferred, clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body())
    with time_machine.travel(contract.review_round.closes_at, tick=False):
        assert rounds_fire_due() >= 1
    review = Review.objects.get(author=clara)
    assert review.status == Review.Status.SEALED and review.being_checked
    contract.review_round.refresh_from_db()
    assert contract.review_round.status == "closed"

    run_worker()
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED and not review.being_checked
    ledger_ok()


def test_a_clear_fake_checked_after_the_round_closed_is_held(deferred, clara, fred, olga, ledger_ok):
    text = (  # a whole review copied word for word: longer than the stock phrases honest people share
        "Fred rebuilt our booking system in two weeks, moved every old reservation across without a single loss "
        "and answered each question the same day, so our front desk never noticed the switch."
    )
    first = finished(olga, fred)
    review_submit(contract_id=first.pk, by=olga, data=body(went_well=text))
    run_worker()
    copy = finished(clara, fred)
    review_submit(contract_id=copy.pk, by=clara, data=body(went_well=text))
    with time_machine.travel(copy.review_round.closes_at, tick=False):
        rounds_fire_due()
        run_worker()
    held = Review.objects.get(author=clara)
    assert held.status == Review.Status.HELD and held.published_at is None
    assert Case.objects.filter(review=held).count() == 1
    ledger_ok()


def test_an_edit_is_checked_again_before_publication(deferred, clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body())
    run_worker()
    edited = review_edit(contract_id=contract.pk, by=clara, data=body(went_well="Even better on reflection."))
    assert edited.being_checked
    assert client_for(clara).get(f"/api/v1/contracts/{contract.pk}/reviews").json()["mine"]["checks"] == "pending"
    run_worker()
    edited.refresh_from_db()
    assert not edited.being_checked
    ledger_ok()


def test_running_the_same_check_twice_records_it_once(deferred, clara, fred, olga, ledger_ok):
    text = (  # a whole review copied word for word: longer than the stock phrases honest people share
        "Fred rebuilt our booking system in two weeks, moved every old reservation across without a single loss "
        "and answered each question the same day, so our front desk never noticed the switch."
    )
    review_submit(contract_id=finished(olga, fred).pk, by=olga, data=body(went_well=text))
    run_worker()
    review = review_submit(contract_id=finished(clara, fred).pk, by=clara, data=body(went_well=text))

    assert review_checks_finish(review_id=review.pk) is True
    checked_at = Review.objects.get(pk=review.pk).checked_at
    assert review_checks_finish(review_id=review.pk) is False  # a second worker given the same review
    run_worker()  # and the task still in the queue
    assert Case.objects.filter(review=review).count() == 1
    assert Review.objects.get(pk=review.pk).checked_at == checked_at <= timezone.now()
    ledger_ok()


# ---- two workers at once (PostgreSQL: real parallel transactions) ------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_checking_one_review_open_one_case(deferred, clara, fred, olga, ledger_ok):
    text = (  # a whole review copied word for word: longer than the stock phrases honest people share
        "Fred rebuilt our booking system in two weeks, moved every old reservation across without a single loss "
        "and answered each question the same day, so our front desk never noticed the switch."
    )
    review_submit(contract_id=finished(olga, fred).pk, by=olga, data=body(went_well=text))
    run_worker()
    review = review_submit(contract_id=finished(clara, fred).pk, by=clara, data=body(went_well=text))

    results = in_parallel(2, lambda: review_checks_finish(review_id=review.pk))

    assert sorted(results) == [False, True], results
    assert Case.objects.filter(review=review).count() == 1
    assert RiskSignal.objects.filter(review=review, kind="duplicate").count() == 1
    ledger_ok()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_check_racing_the_window_close_publishes_once(deferred, clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review = review_submit(contract_id=contract.pk, by=clara, data=body())
    contract.review_round.timers.update(due_at=timezone.now() - timedelta(seconds=1))
    jobs = iter([rounds_fire_due, lambda: review_checks_finish(review_id=review.pk)])

    results = in_parallel(2, lambda: next(jobs)())

    assert not [result for result in results if isinstance(result, Exception)], results
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED and review.checked_at is not None
    assert ReviewEvent.objects.filter(review=review, action="publish").count() == 1
    ledger_ok()
