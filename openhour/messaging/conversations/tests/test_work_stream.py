"""The work stream: the pair's messages interleaved in time with the steps of their proposals and contracts,
each linked; the open page polls a fragment that answers 304 Not Modified while nothing changed."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhour.jobs.services.proposals import proposal_accept
from openhour.jobs.tests.proposal_kit import post, send
from openhour.messaging.conversations.selectors import STREAM_MESSAGES
from openhour.messaging.conversations.tests.kit import say
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


def test_messages_and_work_steps_in_time_order(clara, fred, olga, client_for, ledger_ok) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        project = post(clara, title="Bakery shop")
    with time_machine.travel(start + timedelta(minutes=1), tick=False):
        say(clara, fred, "Would you send a proposal?", about=f"project:{project.pk}")
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        proposal = send(project, fred)
        send(project, olga)  # Olga's proposal is not part of Clara and Fred's stream
    with time_machine.travel(start + timedelta(minutes=3), tick=False):
        say(fred, clara, "Sent! Happy to start Monday.", about=f"proposal:{proposal.pk}")
    with time_machine.travel(start + timedelta(minutes=4), tick=False):
        contract = proposal_accept(proposal_id=proposal.pk, by=clara)
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        top_up(clara, 40_000)
        milestone = contract.milestones.first()
        funded = client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/fund", {}, "application/json")
        assert funded.status_code == 200
    with time_machine.travel(start + timedelta(minutes=6), tick=False):
        say(clara, fred, "Funded the design milestone.", about=f"contract:{contract.pk}")

    conversation_id = fred.conversations.get().conversation_id
    page = client_for(fred).get(f"/messages/{conversation_id}")
    text = page.content.decode()
    steps = [
        "Would you send a proposal?",
        "Proposal sent for “Bakery shop”",
        "Sent! Happy to start Monday.",
        "accepted: hired",
        "Bakery shop</a>: Started",
        "“Design” funded",
        "Funded the design milestone.",
    ]
    positions = [text.index(step) for step in steps]
    assert positions == sorted(positions)
    assert text.count("Proposal sent for") == 1  # Olga's proposal stays out
    assert f'href="/contracts/{contract.pk}"' in text and f'href="/proposals/{proposal.pk}"' in text
    assert "About the contract “Bakery shop”" in text
    ledger_ok()


def test_the_stream_is_read_in_a_fixed_number_of_queries(clara, fred, client_for) -> None:
    say(clara, fred, "One")
    conversation_id = fred.conversations.get().conversation_id

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client_for(fred).get(f"/messages/{conversation_id}")
        return len(queries)

    before = count()
    for n in range(5):
        say(clara, fred, f"More {n}")
    assert count() == before


def test_polling_answers_not_modified_until_something_changes(clara, fred, client_for) -> None:
    say(clara, fred, "One")
    conversation_id = fred.conversations.get().conversation_id
    browser = client_for(fred)
    page = browser.get(f"/messages/{conversation_id}")
    etag = page.context["etag"]
    assert 'hx-trigger="every 5s"' in page.content.decode()
    url = f"/messages/{conversation_id}/stream"
    browser.get("/messages")  # the session and user are loaded on every request, before the view
    with CaptureQueriesContext(connection) as queries:
        unchanged = browser.get(url, headers={"If-None-Match": etag, "HX-Request": "true"})
    assert unchanged.status_code == 304 and unchanged["ETag"] == etag and unchanged["HX-Reswap"] == "none"
    ours = [q for q in queries if "messaging_" in q["sql"]]
    assert len(ours) == 1

    say(clara, fred, "Two, while Fred looks")
    changed = browser.get(url, headers={"If-None-Match": etag, "HX-Request": "true"})
    assert changed.status_code == 200 and b"Two, while Fred looks" in changed.content
    assert b'hx-swap-oob="true"' in changed.content  # the header's count is brought up to date too
    assert changed["ETag"] != etag
    again = browser.get(url, headers={"If-None-Match": changed["ETag"]})
    assert again.status_code == 304


def test_opening_with_about_preselects_it(clara, fred, client_for) -> None:
    project = post(clara, title="Bakery shop")
    opened = client_for(fred).get(f"/messages/with/clara?about=project:{project.pk}")
    assert opened.status_code == 302
    page = client_for(fred).get(opened["Location"])
    assert page.context["form"].initial == {"about": f"project:{project.pk}"}
    assert f'<option value="project:{project.pk}" selected>'.encode() in page.content


def test_a_long_conversation_shows_the_latest_messages_first(clara, fred, client_for) -> None:
    start = timezone.now()
    for n in range(STREAM_MESSAGES + 1):
        with time_machine.travel(start + timedelta(minutes=n), tick=False):
            say(clara, fred, f"Note number {n}.")
    conversation_id = fred.conversations.get().conversation_id
    page = client_for(fred).get(f"/messages/{conversation_id}").content.decode()
    assert "Note number 0." not in page and "Note number 1." in page and f"Note number {STREAM_MESSAGES}." in page
    assert "Show earlier messages" in page
    everything = client_for(fred).get(f"/messages/{conversation_id}?all=1").content.decode()
    assert "Note number 0." in everything and "Show earlier messages" not in everything
