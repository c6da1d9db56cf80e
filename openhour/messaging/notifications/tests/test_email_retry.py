"""A mail server that is down never fails the request: the notification is kept, its e-mail stays unsent,
and the sweep `run_timers` runs queues it again at fixed delays, a bounded number of times."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.jobs.tests.proposal_kit import post, terms
from openhour.messaging.models import Notification
from openhour.messaging.notifications.tasks import RETRY_AFTER, notification_emails_retry_due
from openhour.messaging.notifications.tests.failing_mail import DownBackend

pytestmark = pytest.mark.django_db

DOWN = "openhour.messaging.notifications.tests.failing_mail.DownBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def sent_while_down(clara, fred, client_for, settings, django_capture_on_commit_callbacks):
    """Fred sends a proposal through the API while the mail server is down."""
    settings.EMAIL_BACKEND = DOWN
    DownBackend.attempts = 0
    project = post(clara)
    body = terms() | {"price": {"amount": 60_000, "currency": "GBP"}}
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for(fred).post(
            f"/api/v1/projects/{project.pk}/proposals", body, content_type="application/json"
        )
    assert answer.status_code == 201, answer.content  # the request did not wait for, or fail with, the mail
    notification = Notification.objects.get(user=clara)
    assert notification.emailed_at is None and DownBackend.attempts == 1
    return notification


def test_the_sweep_sends_it_once_the_server_is_back(sent_while_down, clara, settings, notice_mail):
    created = sent_while_down.created_at
    with time_machine.travel(created + RETRY_AFTER[0] - timedelta(seconds=1), tick=False):
        assert notification_emails_retry_due() == 0  # too early
    settings.EMAIL_BACKEND = LOCMEM
    with time_machine.travel(created + RETRY_AFTER[0], tick=False):
        assert notification_emails_retry_due() == 1
    assert len(notice_mail(clara)) == 1
    assert Notification.objects.get(pk=sent_while_down.pk).emailed_at is not None
    with time_machine.travel(created + RETRY_AFTER[1], tick=False):
        assert notification_emails_retry_due() == 0  # sent: nothing more
    assert len(notice_mail(clara)) == 1


def test_attempts_are_bounded_however_often_the_sweep_runs(sent_while_down):
    created = sent_while_down.created_at
    for minutes in range(0, 60 * 12, 7):  # every 7 minutes for 12 hours
        with time_machine.travel(created + timedelta(minutes=minutes), tick=False):
            notification_emails_retry_due()

    assert DownBackend.attempts == 1 + len(RETRY_AFTER)
    assert Notification.objects.get(pk=sent_while_down.pk).emailed_at is None


def test_a_read_notification_or_one_switched_off_is_not_retried(sent_while_down, clara, settings):
    from openhour.messaging.notifications.services import preferences_set

    preferences_set(user=clara, channels={"proposal_received": "in_app"})
    with time_machine.travel(sent_while_down.created_at + RETRY_AFTER[0], tick=False):
        assert notification_emails_retry_due() == 0
    preferences_set(user=clara, channels={"proposal_received": "email"})
    Notification.objects.filter(pk=sent_while_down.pk).update(read_at=timezone.now())
    with time_machine.travel(sent_while_down.created_at + RETRY_AFTER[1], tick=False):
        assert notification_emails_retry_due() == 0
    assert DownBackend.attempts == 1


def test_a_retry_queued_twice_still_sends_one_mail(sent_while_down, clara, settings, notice_mail):
    from openhour.messaging.notifications.tasks import notification_email_send

    settings.EMAIL_BACKEND = LOCMEM
    notification_email_send.enqueue(notification_id=sent_while_down.pk)
    notification_email_send.enqueue(notification_id=sent_while_down.pk)

    assert len(notice_mail(clara)) == 1
