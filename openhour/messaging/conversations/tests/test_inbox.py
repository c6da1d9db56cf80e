"""The inbox: my conversations, newest activity first, with the other person, the last message and how many
I have not read; its queries do not grow with the number of conversations."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from openhour.messaging.conversations.tests.kit import say

pytestmark = pytest.mark.django_db


def test_newest_first_with_snippet_and_unread(clara, fred, olga, client_for) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        say(olga, fred, "Olga's question")
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        say(clara, fred, "First from Clara")
        say(clara, fred, "Second from Clara")
    page = client_for(fred).get("/messages")
    rows = page.context["conversations"]
    assert [(c.other.username, c.last_text, c.unread) for c in rows] == [
        ("clara", "Second from Clara", 2),
        ("olga", "Olga's question", 1),
    ]
    assert b"Second from Clara" in page.content

    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        say(fred, olga, "My answer")
    rows = client_for(fred).get("/messages").context["conversations"]
    assert [(c.other.username, c.unread) for c in rows] == [("olga", 0), ("clara", 2)]
    assert b"You: My answer" in client_for(fred).get("/messages").content


def _inbox_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/messages").status_code == 200
    return len(queries)


def test_queries_stay_flat_as_conversations_grow(fred, client_for) -> None:
    say(make_user("p0", name="Person 0"), fred, "Hello 0")
    one = _inbox_queries(client_for(fred))
    for n in range(1, 5):
        say(make_user(f"p{n}", name=f"Person {n}"), fred, f"Hello {n}")
    assert _inbox_queries(client_for(fred)) == one
    assert len(client_for(fred).get("/messages").context["conversations"]) == 5
    api = client_for(fred)
    with CaptureQueriesContext(connection) as queries:
        assert len(api.get("/api/v1/conversations").json()["items"]) == 5
    assert len(queries) <= one


def test_older_conversations_are_a_keyset_page_away(fred, client_for) -> None:
    start = timezone.now()
    for n in range(32):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            say(make_user(f"p{n}", name=f"Person {n}"), fred, f"Hello {n}")
    browser = client_for(fred)
    first = browser.get("/messages")
    assert [c.last_text for c in first.context["conversations"]][:2] == ["Hello 31", "Hello 30"]
    assert len(first.context["conversations"]) == 30 and first.context["page"].older
    with CaptureQueriesContext(connection) as queries:
        second = browser.get("/messages", {"cursor": first.context["page"].older})
    assert [c.last_text for c in second.context["conversations"]] == ["Hello 1", "Hello 0"]
    assert len(queries) == _inbox_queries(browser) and b"Newer" in second.content
    assert browser.get("/messages?page=2").context["conversations"][0].last_text == "Hello 31"  # an old link
