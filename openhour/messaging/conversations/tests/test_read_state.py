"""Read state: messages from others count as unread until the conversation is opened; the header shows the
count, taken in one query over all of a person's conversations."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.messaging.conversations.selectors import unread_messages_count
from openhour.messaging.conversations.tests.kit import say

pytestmark = pytest.mark.django_db


def test_unread_until_opened(clara, fred, olga, client_for, django_assert_num_queries) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        first = say(clara, fred, "One")
        say(olga, fred, "From Olga")
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        say(clara, fred, "Two")
    with django_assert_num_queries(1):
        assert unread_messages_count(user=fred) == 3
    assert unread_messages_count(user=clara) == 0  # her own messages are not news to her

    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        assert client_for(fred).get(f"/messages/{first.conversation_id}").status_code == 200
    assert unread_messages_count(user=fred) == 1  # Olga's is still unread

    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        say(clara, fred, "Three")
    assert unread_messages_count(user=fred) == 2


def test_the_header_badge_counts_unread_messages(clara, fred, client_for) -> None:
    message = say(clara, fred, "Hello")
    dashboard = client_for(fred).get("/messages").content.decode()
    assert 'class="count-badge">1<span class="visually-hidden"> unread' in dashboard
    client_for(fred).get(f"/messages/{message.conversation_id}")
    after = client_for(fred).get("/messages").content.decode()
    assert 'id="nav-messages">Messages</a>' in after


def test_replying_reads_the_conversation(clara, fred) -> None:
    say(clara, fred, "Question?")
    say(fred, clara, "Answer.")
    assert unread_messages_count(user=fred) == 0 and unread_messages_count(user=clara) == 1


def test_the_api_marks_read_when_messages_are_listed(clara, fred, client_for) -> None:
    message = say(clara, fred, "Hello")
    listed = client_for(fred).get(f"/api/v1/conversations/{message.conversation_id}/messages")
    assert listed.status_code == 200 and unread_messages_count(user=fred) == 0


def test_each_side_counts_what_the_other_sent_since_it_last_read(clara, fred, client_for) -> None:
    first = say(clara, fred, "One")
    say(clara, fred, "Two")
    assert (unread_messages_count(user=fred), unread_messages_count(user=clara)) == (2, 0)

    say(fred, clara, "Reply")  # writing is reading: Fred has seen both
    assert (unread_messages_count(user=fred), unread_messages_count(user=clara)) == (0, 1)

    say(fred, clara, "And another")
    say(clara, fred, "Thanks")
    assert (unread_messages_count(user=fred), unread_messages_count(user=clara)) == (1, 0)

    client_for(fred).get(f"/messages/{first.conversation_id}")
    client_for(fred).get(f"/messages/{first.conversation_id}")  # reading twice reads nothing more
    assert (unread_messages_count(user=fred), unread_messages_count(user=clara)) == (0, 0)
    row = client_for(fred).get("/api/v1/conversations").json()["items"][0]
    assert (row["unread"], row["last_message"]) == (0, "Thanks")


def test_the_count_adds_up_over_conversations_and_reads_one_at_a_time(clara, fred, olga, client_for) -> None:
    from_clara = say(clara, fred, "From Clara")
    say(olga, fred, "From Olga")
    say(olga, fred, "Olga again")
    assert unread_messages_count(user=fred) == 3

    client_for(fred).get(f"/api/v1/conversations/{from_clara.conversation_id}/messages")
    assert unread_messages_count(user=fred) == 2
    rows = client_for(fred).get("/messages").context["conversations"]
    assert [(c.other.username, c.unread) for c in rows] == [("olga", 2), ("clara", 0)]
