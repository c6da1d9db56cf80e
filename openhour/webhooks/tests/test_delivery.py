"""Deliveries to a real receiver: signed so the helper verifies them, retried with back-off under the same event id,
given up after WEBHOOK_MAX_ATTEMPTS, and the endpoint turned off (its owner told) after
WEBHOOK_FAILURES_BEFORE_DISABLE failures in a row. A rotated secret signs beside the new one until the overlap ends."""

from datetime import timedelta
from itertools import pairwise

import pytest
import time_machine
from django.utils import timezone

from openhour.webhooks.models import Attempt, Delivery, Endpoint
from openhour.webhooks.services.deliveries import deliveries_requeue_due, retry_delay
from openhour.webhooks.services.endpoints import endpoint_rotate_secret, endpoint_send_test
from openhour.webhooks.signature import HEADER, InvalidSignature, verify
from openhour.webhooks.tests.conftest import subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def hook(fred, receiver):
    return subscribe(fred, receiver.url(), "milestone.released")


def ping(committed, hook):
    return committed(lambda: endpoint_send_test(owner=hook.owner, endpoint_id=hook.pk))


def test_a_test_event_is_signed_with_the_endpoints_secret(hook, receiver, committed, run_worker):
    ping(committed, hook)
    assert receiver.requests == []  # nothing is posted inside the request: the worker does it

    run_worker()

    (got,) = receiver.requests
    assert got.path == "/hooks?source=openhour"
    assert verify(got.body, got.headers[HEADER], hook.secret)
    with pytest.raises(InvalidSignature):
        verify(got.body, got.headers[HEADER], "whsec_someone_else")
    event = got.event
    assert event["type"] == "webhook.test" and got.headers["Openhour-Event-Id"] == event["id"]
    assert set(event) == {"id", "type", "created_at", "data"}
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 1, 200)


def test_failures_are_retried_with_back_off_under_the_same_event_id(hook, receiver, committed, run_worker):
    receiver.status = 500
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        ping(committed, hook)
        run_worker()
        assert len(receiver.requests) == 1
        for attempt, delay in enumerate([timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30)], 1):
            assert retry_delay(attempt) == delay
            clock.shift(delay - timedelta(seconds=5))
            run_worker()
            assert len(receiver.requests) == attempt, "retried before its back-off was over"
            clock.shift(timedelta(seconds=5))
            run_worker()
            assert len(receiver.requests) == attempt + 1
        receiver.status = 204
        clock.shift(timedelta(hours=2))
        run_worker()

    assert len({got.event["id"] for got in receiver.requests}) == 1  # receivers can ignore repeats
    assert len(receiver.requests) == 5
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("delivered", 5, 204)
    log = list(Attempt.objects.filter(delivery=delivery).values_list("number", "response_code"))
    assert log == [(1, 500), (2, 500), (3, 500), (4, 500), (5, 204)]
    times = [attempt.at for attempt in delivery.attempt_log.all()]
    gaps = [later - earlier for earlier, later in pairwise(times)]
    assert gaps == [timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2)]
    assert Endpoint.objects.get().failures_in_a_row == 0  # a success starts the count again


def test_a_delivery_is_given_up_after_the_last_attempt(hook, receiver, committed, run_worker, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    receiver.status = 503
    with time_machine.travel(timezone.now(), tick=False) as clock:
        ping(committed, hook)
        run_worker()
        clock.shift(timedelta(minutes=1))
        run_worker()
        clock.shift(timedelta(days=1))
        run_worker()

    assert len(receiver.requests) == 2
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 2, None)
    assert delivery.error == "The receiver answered 503."


def test_redirects_are_not_followed(hook, receiver, committed, run_worker):
    receiver.status, receiver.location = 302, receiver.url() + "&moved=1"
    ping(committed, hook)
    run_worker()

    assert len(receiver.requests) == 1
    delivery = Delivery.objects.get()
    assert delivery.status == "pending" and "redirects are not followed" in delivery.error


def test_an_endpoint_failing_too_often_in_a_row_is_turned_off_and_its_owner_told(
    hook, receiver, committed, run_worker, settings, mailoutbox
):
    settings.WEBHOOK_FAILURES_BEFORE_DISABLE = 3
    receiver.status = 500
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for _ in range(3):
            ping(committed, hook)
        run_worker()
        assert len(receiver.requests) == 3
        clock.shift(timedelta(hours=7))
        run_worker()  # their retries find the endpoint off

    assert len(receiver.requests) == 3
    endpoint = Endpoint.objects.get()
    assert not endpoint.active and endpoint.failures_in_a_row == 3
    assert set(Delivery.objects.values_list("status", flat=True)) == {"failed"}
    (mail,) = mailoutbox
    assert mail.to == ["fred@example.com"] and hook.url in mail.body and f"/me/webhooks/{hook.pk}" in mail.body


def test_a_turned_off_endpoint_hears_nothing_until_turned_back_on(hook, receiver, committed, run_worker, client_for):
    Endpoint.objects.filter(pk=hook.pk).update(disabled_at=timezone.now(), failures_in_a_row=20)
    browser = client_for(hook.owner)
    assert browser.post(f"/api/v1/webhooks/{hook.pk}/test").status_code == 409

    answer = committed(lambda: browser.post(f"/api/v1/webhooks/{hook.pk}/enable"))
    assert answer.json()["status"] == "active" and answer.json()["failures_in_a_row"] == 0
    ping(committed, hook)
    run_worker()
    assert len(receiver.requests) == 1


def test_a_rotated_secret_signs_beside_the_new_one_until_the_overlap_ends(
    hook, receiver, committed, run_worker, settings
):
    settings.WEBHOOK_SECRET_OVERLAP_HOURS = 24
    old = hook.secret
    with time_machine.travel(timezone.now(), tick=False) as clock:
        new = endpoint_rotate_secret(owner=hook.owner, endpoint_id=hook.pk).secret
        ping(committed, hook)
        run_worker()
        during = receiver.requests[-1]
        clock.shift(timedelta(hours=24, seconds=1))
        ping(committed, hook)
        run_worker()
        after = receiver.requests[-1]
        assert verify(after.body, after.headers[HEADER], new)  # on the clock of the day after
        with pytest.raises(InvalidSignature):
            verify(after.body, after.headers[HEADER], old)

    assert new != old
    assert during.headers[HEADER].count("v1=") == 2
    assert verify(during.body, during.headers[HEADER], new) and verify(during.body, during.headers[HEADER], old)
    assert after.headers[HEADER].count("v1=") == 1


def test_the_sweep_queues_an_attempt_whose_task_was_lost_and_it_is_posted_once(hook, receiver, run_worker):
    delivery = endpoint_send_test(owner=hook.owner, endpoint_id=hook.pk)  # never committed: its task was not queued
    assert deliveries_requeue_due() == 0  # not late yet

    with time_machine.travel(timezone.now() + timedelta(minutes=11)):
        assert deliveries_requeue_due() == 1
        assert deliveries_requeue_due() == 0  # queued once per attempt, however often the sweep runs
        run_worker()

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)
