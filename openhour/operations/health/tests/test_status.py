"""The operators' status check tells the truth: every part answers, and a stopped worker, stopped timers or a task
left waiting turns it to 503 naming the part. Operators read the page; a monitor reads the JSON with an operator's
session or METRICS_TOKEN; Clara, Olga and strangers see neither."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from openhour.messaging.notifications.tasks import notification_email_send
from openhour.operations.health.models import Heartbeat
from openhour.operations.health.services import heartbeats_due, task_results_prune_due
from openhour.operations.health.tasks import worker_heartbeat

pytestmark = pytest.mark.django_db

TOKEN = "a-monitor-token-nobody-guesses-0123456789"
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REDIS = "django.core.cache.backends.redis.RedisCache"
EVERY_PART = ["database", "cache", "storage", "mail", "tasks", "worker", "timers"]


def monitor(settings) -> Client:
    settings.METRICS_TOKEN = TOKEN
    return Client(headers={"Authorization": f"Bearer {TOKEN}"})


def states(response) -> dict[str, bool]:
    return {check["name"]: check["ok"] for check in response.json()["checks"]}


def a_round_of_timers_and_worker() -> None:
    """What the timers do every round, then the worker running the heartbeat they queued (immediately in tests)."""
    heartbeats_due()


def test_when_the_worker_and_timers_beat_every_part_answers(settings):
    a_round_of_timers_and_worker()

    response = monitor(settings).get("/operations/status.json")

    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert states(response) == dict.fromkeys(EVERY_PART, True)
    assert response["Cache-Control"] == "no-store"


def test_before_any_heartbeat_the_worker_and_timers_are_named(settings):
    response = monitor(settings).get("/operations/status.json")

    assert response.status_code == 503
    assert {name for name, ok in states(response).items() if not ok} == {"worker", "timers"}
    assert "no heartbeat yet" in str(response.json()["checks"])


def test_a_worker_that_stopped_beating_turns_the_check_503_after_the_stale_limit(settings):
    settings.HEALTH_STALE_SECONDS = 300
    a_round_of_timers_and_worker()
    Heartbeat.objects.filter(process="worker").update(beat_at=timezone.now() - timedelta(seconds=299))
    assert monitor(settings).get("/operations/status.json").status_code == 200

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        heartbeats_due()  # the timers still beat; the worker does not
        Heartbeat.objects.filter(process="worker").update(beat_at=timezone.now() - timedelta(seconds=301))
        response = monitor(settings).get("/operations/status.json")

    assert response.status_code == 503
    assert {name for name, ok in states(response).items() if not ok} == {"worker"}
    worker = next(check for check in response.json()["checks"] if check["name"] == "worker")
    assert worker["age_seconds"] == 301


def test_a_task_waiting_beyond_the_limit_is_stale_even_while_heartbeats_are_fresh(settings):
    settings.TASKS = QUEUE  # the real queue: a task waits in the database until a worker takes it
    settings.HEALTH_STALE_SECONDS = 60
    with time_machine.travel(timezone.now() - timedelta(minutes=5)):
        notification_email_send.enqueue(notification_id=0)
    Heartbeat.objects.bulk_create([Heartbeat(process=p, beat_at=timezone.now()) for p in ("worker", "timers")])

    response = monitor(settings).get("/operations/status.json")

    assert response.status_code == 503
    tasks = next(check for check in response.json()["checks"] if check["name"] == "tasks")
    assert (tasks["ok"], tasks["age_seconds"] >= 300) == (False, True)
    assert tasks["detail"].startswith("1 ready")


def test_the_timers_queue_one_worker_heartbeat_at_a_time(settings):
    settings.TASKS = QUEUE
    heartbeats_due()
    heartbeats_due()

    assert DBTaskResult.objects.ready().filter(task_path=worker_heartbeat.module_path).count() == 1
    assert not Heartbeat.objects.filter(process="worker").exists()  # nobody ran it yet: the worker is not proven
    assert Heartbeat.objects.filter(process="timers").exists()


def test_each_worker_heartbeat_queues_the_next_so_the_worker_beats_without_the_timers(settings):
    settings.TASKS = QUEUE
    heartbeats_due()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    waiting = DBTaskResult.objects.filter(status="READY", task_path=worker_heartbeat.module_path)
    assert Heartbeat.objects.filter(process="worker").exists()
    assert [task.run_after > timezone.now() + timedelta(seconds=25) for task in waiting] == [True]
    heartbeats_due()  # the timers see one waiting and add none
    assert waiting.count() == 1


def test_a_cache_that_does_not_answer_is_named(settings):
    a_round_of_timers_and_worker()
    client = monitor(settings)

    with override_settings(CACHES={"default": {"BACKEND": REDIS, "LOCATION": "redis://127.0.0.1:1/0"}}):
        response = client.get("/operations/status.json")

    assert response.status_code == 503
    cache = next(check for check in response.json()["checks"] if check["name"] == "cache")
    assert cache["ok"] is False and "ConnectionError" in cache["detail"]


def test_a_mail_server_that_refuses_is_named(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    a_round_of_timers_and_worker()

    response = monitor(settings).get("/operations/status.json")

    assert response.status_code == 503
    assert {name for name, ok in states(response).items() if not ok} == {"mail"}


def test_finished_task_results_are_deleted_after_the_keeping_days_once_an_hour(settings):
    settings.TASKS = QUEUE
    settings.TASK_RESULTS_KEEP_DAYS = 14
    old, recent, waiting = (worker_heartbeat.enqueue() for _ in range(3))
    DBTaskResult.objects.filter(pk=old.id).update(status="SUCCESSFUL", finished_at=timezone.now() - timedelta(days=15))
    DBTaskResult.objects.filter(pk=recent.id).update(status="FAILED", finished_at=timezone.now() - timedelta(days=13))

    task_results_prune_due()
    DBTaskResult.objects.filter(pk=recent.id).update(finished_at=timezone.now() - timedelta(days=15))
    task_results_prune_due()  # within the hour: not again
    kept = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        task_results_prune_due()

    assert kept == {recent.id, waiting.id}
    assert [str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)] == [waiting.id]


# ---- who may see it ---------------------------------------------------------------------------------


def test_an_operator_reads_the_page_and_it_answers_503_when_a_part_is_stale(operator, client_for):
    page = client_for(operator).get("/operations/status")

    assert page.status_code == 503
    assert "Something needs you" in page.content.decode()
    a_round_of_timers_and_worker()
    page = client_for(operator).get("/operations/status")
    assert page.status_code == 200
    assert "Everything answers" in page.content.decode()


def test_members_are_refused_the_page_and_strangers_sent_to_sign_in(clara, olga, client_for):
    assert client_for(clara).get("/operations/status").status_code == 403
    assert client_for(olga).get("/operations/status").status_code == 403
    response = Client().get("/operations/status")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_json_is_not_found_for_members_strangers_and_wrong_tokens(settings, clara, client_for):
    settings.METRICS_TOKEN = TOKEN

    assert client_for(clara).get("/operations/status.json").status_code == 404
    assert Client().get("/operations/status.json").status_code == 404
    assert Client(headers={"Authorization": "Bearer nearly-" + TOKEN}).get("/operations/status.json").status_code == 404


def test_an_operator_session_reads_the_json(operator, client_for):
    a_round_of_timers_and_worker()

    assert client_for(operator).get("/operations/status.json").json()["ok"] is True
