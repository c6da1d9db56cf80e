"""A person's choice per kind decides what happens: off leaves nothing, in the app only leaves a
notification without e-mail, e-mail sends one too. One event never notifies anyone twice, and a step that
rolls back notifies and mails nobody."""

import pytest
from django.db import transaction

from openhour.jobs.models import ProposalEvent
from openhour.jobs.services.proposals import proposal_decline
from openhour.jobs.tests.proposal_kit import post, send
from openhour.messaging.models import Notification, NotificationPreference
from openhour.messaging.notifications.services import notification_send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("channel", "rows", "mails"), [("off", 0, 0), ("in_app", 1, 0), ("email", 1, 1), (None, 1, 1)])
def test_the_channel_decides_row_and_mail(
    channel, rows, mails, clara, fred, notice_mail, django_capture_on_commit_callbacks
):
    if channel:
        NotificationPreference.objects.create(user=clara, kind="proposal_received", channel=channel)
    project = post(clara)
    with django_capture_on_commit_callbacks(execute=True):
        send(project, fred)

    assert Notification.objects.filter(user=clara).count() == rows
    assert len(notice_mail(clara)) == mails


def test_an_in_app_kind_is_mailed_when_the_person_asks(clara, fred, notice_mail, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(user=fred, kind="proposal_declined", channel="email")
    proposal = send(post(clara), fred)
    with django_capture_on_commit_callbacks(execute=True):
        proposal_decline(proposal_id=proposal.pk, by=clara)

    assert [m.subject for m in notice_mail(fred)] == ["Your proposal for “Django shop” was declined"]


def test_one_event_notifies_once(clara, fred, notice_mail, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(post(clara), fred)
        event = ProposalEvent.objects.get(action="send")
        event.save()  # saved again: not a new event
        again = notification_send(
            user=clara, kind="proposal_received", title="Again", url="/", source=f"proposalevent:{event.pk}"
        )

    assert again is None
    assert Notification.objects.filter(user=clara).count() == 1
    assert len(notice_mail(clara)) == 1


def test_a_step_that_rolls_back_notifies_and_mails_nobody(clara, fred, mailoutbox, django_capture_on_commit_callbacks):
    project = post(clara)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        send(project, fred)
        raise RuntimeError("a later step failed")

    assert Notification.objects.count() == 0
    assert mailoutbox == []
