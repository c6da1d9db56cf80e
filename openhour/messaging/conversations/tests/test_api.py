"""The conversations API: the inbox (paginated like every list), writing to someone, reading (which marks
read) and writing with files, with errors in the API's one format."""

import pytest

from openhour.jobs.tests.proposal_kit import post
from openhour.messaging.conversations.tests.kit import pdf, say
from openhour.messaging.models import Message

pytestmark = pytest.mark.django_db


def test_write_to_someone_then_read_and_answer(clara, fred, client_for) -> None:
    project = post(clara, title="Bakery shop")
    started = client_for(fred).post(
        "/api/v1/conversations", {"to": "clara", "project": str(project.pk), "text": "Interested!"}, "application/json"
    )
    assert started.status_code == 201
    body = started.json()
    assert body["with"] == {"username": "clara", "name": "Clara Client"}
    assert body["message"]["text"] == "Interested!" and body["message"]["about"] == f"project:{project.pk}"

    inbox = client_for(clara).get("/api/v1/conversations").json()
    assert inbox["next_cursor"] is None
    assert [(c["id"], c["with"]["username"], c["unread"], c["last_message"]) for c in inbox["items"]] == [
        (body["id"], "fred", 1, "Interested!")
    ]

    answer = client_for(clara).post(
        f"/api/v1/conversations/{body['id']}/messages", {"text": "Great, the brief:", "attachments": [pdf()]}
    )
    assert answer.status_code == 201
    sent = answer.json()
    assert sent["sender"] == "clara" and sent["attachments"][0]["name"] == "brief.pdf"
    download = client_for(fred).get(sent["attachments"][0]["url"])
    assert download.status_code == 200

    listed = client_for(fred).get(f"/api/v1/conversations/{body['id']}/messages").json()
    assert [m["text"] for m in listed["items"]] == ["Great, the brief:", "Interested!"]  # newest first
    assert client_for(fred).get("/api/v1/conversations").json()["items"][0]["unread"] == 0


def test_lists_are_paginated(clara, fred, client_for) -> None:
    for n in range(3):
        say(clara, fred, f"Message {n}")
    conversation_id = Message.objects.first().conversation_id
    first = client_for(fred).get(f"/api/v1/conversations/{conversation_id}/messages?limit=2").json()
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = (
        client_for(fred)
        .get(f"/api/v1/conversations/{conversation_id}/messages?limit=2&cursor={first['next_cursor']}")
        .json()
    )
    assert [m["text"] for m in rest["items"]] == ["Message 0"] and rest["next_cursor"] is None
    assert client_for(fred).get("/api/v1/conversations?limit=500").status_code == 400


def test_errors_use_the_api_format(clara, fred, client_for) -> None:
    empty = client_for(clara).post("/api/v1/conversations", {"to": "fred", "text": " "}, "application/json")
    assert empty.status_code == 400
    assert empty.json()["error"]["code"] == "invalid" and "text" in empty.json()["error"]["fields"]
    unknown = client_for(clara).post("/api/v1/conversations", {"to": "fred", "txt": "Hi"}, "application/json")
    assert unknown.status_code == 400
    assert not Message.objects.exists()
