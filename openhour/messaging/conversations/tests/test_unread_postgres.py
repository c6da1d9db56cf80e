"""Unread counts under real parallel sends (PostgreSQL, one thread and connection each): two messages sent at
the same moment are both counted, and whoever's message lands last has nothing unread while the other has it."""

import pytest

from openhour.messaging.conversations.selectors import unread_messages_count
from openhour.messaging.conversations.tests.kit import say
from openhour.messaging.models import Conversation, Message
from openhour.money.tests.kit import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROUNDS = 4


def test_one_sender_in_two_tabs_loses_no_count(clara, fred) -> None:
    say(clara, fred, "Hello")
    for n in range(ROUNDS):
        results = in_parallel(2, lambda n=n: say(clara, fred, f"Quick note {n}"))
        assert all(isinstance(result, Message) for result in results), results
    assert unread_messages_count(user=fred) == 1 + 2 * ROUNDS
    assert unread_messages_count(user=clara) == 0


def test_both_sides_sending_at_once_leave_the_last_message_unread_for_its_reader(clara, fred) -> None:
    say(clara, fred, "Hello")
    for n in range(ROUNDS):
        senders = iter([(clara, fred), (fred, clara)])
        results = in_parallel(2, lambda n=n, turns=senders: say(*next(turns), f"At the same time {n}"))
        assert all(isinstance(result, Message) for result in results), results
        last = Conversation.objects.select_related("last_message").get().last_message
        assert last is not None and last.pk in {result.pk for result in results}
        reader = fred if last.sender_id == clara.pk else clara
        assert unread_messages_count(user=last.sender) == 0
        assert unread_messages_count(user=reader) == 1
