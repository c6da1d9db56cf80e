"""Several workers sweeping at once send one digest: claiming `digest_sent_at` lets only one through."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from openhour.messaging.conversations.services import message_send
from openhour.messaging.models import Notification
from openhour.messaging.notifications.digest import messages_digest_due
from openhour.money.tests.kit import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

T = datetime(2030, 5, 6, 9, 0, tzinfo=UTC)


def test_four_workers_one_digest(clara, fred, notice_mail):
    for minutes in (0, 1, 2):
        with time_machine.travel(T + timedelta(minutes=minutes), tick=False):
            message_send(to=clara, by=fred, text=f"Message {minutes}")

    with time_machine.travel(T + timedelta(hours=1), tick=False):
        results = in_parallel(4, messages_digest_due)

    assert sorted(results) == [0, 0, 0, 1]
    assert Notification.objects.filter(user=clara, kind="messages").count() == 1
    assert [m.subject for m in notice_mail(clara)] == ["3 unread messages from Fred Freelancer"]
