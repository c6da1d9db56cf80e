"""Unread messages are e-mailed as one digest once a conversation has been quiet for
MESSAGE_DIGEST_QUIET_MINUTES: one mail for many messages, no repeat until newer messages arrive, nothing for
what was read in time, and nothing by e-mail for people who chose otherwise."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from openhour.messaging.conversations.services import conversation_read, message_send
from openhour.messaging.models import Notification, NotificationPreference
from openhour.messaging.notifications.digest import messages_digest_due

pytestmark = pytest.mark.django_db

T = datetime(2030, 5, 6, 9, 0, tzinfo=UTC)


def at(minutes: int):
    return time_machine.travel(T + timedelta(minutes=minutes), tick=False)


def write(sender, to, text, minutes):
    with at(minutes):
        return message_send(to=to, by=sender, text=text)


def digest_at(minutes: int, capture) -> int:
    with at(minutes), capture(execute=True):
        return messages_digest_due()


def test_one_mail_for_many_messages_after_the_quiet_period_and_no_repeat(
    clara, fred, settings, notice_mail, django_capture_on_commit_callbacks
):
    settings.MESSAGE_DIGEST_QUIET_MINUTES = 30
    for minutes, text in [(0, "Hello Clara"), (5, "I looked at your brief"), (10, "Can we talk about the budget?")]:
        write(fred, clara, text, minutes)

    assert digest_at(39, django_capture_on_commit_callbacks) == 0  # fred wrote 29 minutes ago
    assert digest_at(40, django_capture_on_commit_callbacks) == 1
    assert digest_at(41, django_capture_on_commit_callbacks) == 0
    assert digest_at(600, django_capture_on_commit_callbacks) == 0

    (mail,) = notice_mail(clara)
    assert mail.subject == "3 unread messages from Fred Freelancer"
    for text in ("Hello Clara", "I looked at your brief", "Can we talk about the budget?"):
        assert text in mail.body and text in mail.alternatives[0][0]
    assert "Fred Freelancer (6 May, 09:00)" in mail.body
    conversation = Notification.objects.get(user=clara).url
    assert f"{settings.SITE_URL}{conversation}" in mail.body
    assert notice_mail(fred) == []  # the sender has nothing unread


def test_newer_messages_bring_one_new_digest_after_their_own_quiet_period(
    clara, fred, notice_mail, django_capture_on_commit_callbacks
):
    write(fred, clara, "First", 0)
    assert digest_at(30, django_capture_on_commit_callbacks) == 1
    write(fred, clara, "Second", 70)
    write(fred, clara, "Third", 80)
    assert digest_at(100, django_capture_on_commit_callbacks) == 0
    assert digest_at(110, django_capture_on_commit_callbacks) == 1

    assert [m.subject for m in notice_mail(clara)] == [
        "1 unread message from Fred Freelancer",
        "3 unread messages from Fred Freelancer",  # still unread: all three are listed
    ]


def test_messages_read_or_answered_in_time_send_nothing(clara, fred, notice_mail, django_capture_on_commit_callbacks):
    message = write(fred, clara, "Are you there?", 0)
    with at(10):
        conversation_read(conversation=message.conversation, user=clara)
    assert digest_at(60, django_capture_on_commit_callbacks) == 0

    write(fred, clara, "One more thing", 70)
    write(clara, fred, "Yes?", 75)  # answering is reading
    assert digest_at(200, django_capture_on_commit_callbacks) == 1  # fred gets clara's answer, not clara
    assert notice_mail(clara) == []
    assert [m.subject for m in notice_mail(fred)] == ["1 unread message from Clara Client"]


@pytest.mark.parametrize(("channel", "rows"), [("in_app", 1), ("off", 0)])
def test_the_messages_preference_is_respected(
    channel, rows, clara, fred, notice_mail, django_capture_on_commit_callbacks
):
    NotificationPreference.objects.create(user=clara, kind="messages", channel=channel)
    write(fred, clara, "Hello", 0)
    digest_at(60, django_capture_on_commit_callbacks)

    assert Notification.objects.filter(user=clara).count() == rows
    assert notice_mail(clara) == []


def test_reading_or_answering_the_conversation_marks_its_digest_read(
    clara, fred, olga, client_for, django_capture_on_commit_callbacks
):
    """Nobody is left with an unread digest about messages they have read, and only that conversation's."""
    write(fred, clara, "Hello Clara", 0)
    from_olga = write(olga, clara, "Hello from Olga", 0)
    assert digest_at(60, django_capture_on_commit_callbacks) == 2

    def unread() -> list[str]:
        return [n.title for n in Notification.objects.filter(user=clara, kind="messages", read_at__isnull=True)]

    client_for(clara).get(f"/messages/{from_olga.conversation_id}")
    assert unread() == ["1 unread message from Fred Freelancer"]
    with at(70):
        message_send(to=fred, by=clara, text="Hello Fred")  # answering is reading
    assert unread() == []
