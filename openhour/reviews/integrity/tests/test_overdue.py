"""Reviews whose checks are overdue: the task worker has not finished them INTEGRITY_CHECKS_OVERDUE_MINUTES after
they were submitted. Operators see them on the moderation pages and may run them at once; the timers queue them
again. Everyone else gets a 404.

Cast: Clara reviews Fred while the worker is down; Olga and Fred are not operators."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from openhour.reviews.models import Review
from openhour.reviews.services.checks import review_checks_requeue_due
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LIST = "/operations/moderation/checks"


@pytest.fixture
def waiting(settings: Any, clara: Any, fred: Any) -> Review:
    """Clara's review, submitted while no worker runs: its task waits in the queue."""
    settings.TASKS = QUEUE
    settings.INTEGRITY_CHECKS_OVERDUE_MINUTES = 15
    contract = finished(clara, fred)
    return review_submit(contract_id=contract.pk, by=clara, data=body())


def later(review: Review, minutes: int) -> Any:
    return time_machine.travel(review.updated_at + timedelta(minutes=minutes), tick=False)


def test_the_operator_sees_a_check_only_once_it_is_overdue(waiting, operator, client_for):
    with later(waiting, 14):
        page = client_for(operator).get(LIST).content.decode()
        assert f"Review #{waiting.pk}" not in page and "finished in time" in page
        assert (
            "waiting for its integrity checks"
            not in client_for(operator).get("/operations/moderation").content.decode()
        )
    with later(waiting, 16):
        page = client_for(operator).get(LIST).content.decode()
        assert f"Review #{waiting.pk}: Clara" in page and "Run the checks" in page
        assert "★" not in page  # no ratings on moderation pages
        queue = client_for(operator).get("/operations/moderation").content.decode()
        assert "1 review is still waiting for its integrity checks" in queue and LIST in queue


def test_the_operator_runs_them_now(waiting, operator, client_for, ledger_ok):
    with later(waiting, 20):
        answer = client_for(operator).post(f"{LIST}/{waiting.pk}/run", follow=True)
        assert answer.status_code == 200
        assert "The review is checked" in answer.content.decode()
        assert f"Review #{waiting.pk}" not in answer.content.decode()
        again = client_for(operator).post(f"{LIST}/{waiting.pk}/run", follow=True)
        assert "already finished" in again.content.decode()
    waiting.refresh_from_db()
    assert waiting.checked_at is not None and waiting.status == Review.Status.SEALED  # Fred has not reviewed yet
    ledger_ok()


def test_others_cannot_see_or_run_them(waiting, clara, fred, olga, client_for, client):
    with later(waiting, 30):
        for person in (clara, fred, olga):
            assert client_for(person).get(LIST).status_code == 404
            assert client_for(person).post(f"{LIST}/{waiting.pk}/run").status_code == 404
        assert client.get(LIST).status_code == 302  # to sign in
        assert client.post(f"{LIST}/{waiting.pk}/run").status_code == 302
    waiting.refresh_from_db()
    assert waiting.being_checked


def test_the_timers_queue_overdue_checks_again_once_per_period(waiting):
    queued = DBTaskResult.objects.filter(task_path="openhour.reviews.tasks.review_checks_run")
    assert queued.count() == 1  # the submission's own
    with later(waiting, 10):
        assert review_checks_requeue_due() == 0
    with later(waiting, 16):
        assert review_checks_requeue_due() == 1
        assert review_checks_requeue_due() == 0  # the timers run every 30 s: not again in this period
    with later(waiting, 31):
        assert review_checks_requeue_due() == 1
    assert queued.count() == 3
