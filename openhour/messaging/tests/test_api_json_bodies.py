"""Writing in a conversation with a JSON body (`{"text", "attachments": [upload ids]}`), as API clients do, and
with the deprecated multipart form, which still works.

Clara and Fred share a conversation; Olga is an outsider: her uploads cannot be attached by anyone else, and the
files in Clara and Fred's messages are not hers to download (404)."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openhour.messaging.conversations.tests.kit import PDF, pdf, say
from openhour.messaging.models import Message, MessageAttachment, Upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(bearer):
    """An API client (personal access token, JSON bodies) for the given person."""
    return lambda user: Client(headers=bearer(user))


@pytest.fixture
def conversation_id(clara, fred) -> int:
    return say(fred, clara, "Hello Clara").conversation_id


def upload(client: Client, name: str = "brief.pdf") -> str:
    answer = client.post("/api/v1/uploads", {"file": SimpleUploadedFile(name, PDF)})
    assert answer.status_code == 201, answer.content
    return answer.json()["id"]


def write(client: Client, conversation_id: int, **body: Any) -> Any:
    return client.post(f"/api/v1/conversations/{conversation_id}/messages", body, content_type="application/json")


def test_a_json_message_needs_no_attachments(clara, api, conversation_id) -> None:
    sent = write(api(clara), conversation_id, text="Hello Fred")
    assert sent.status_code == 201, sent.content
    assert sent.json()["text"] == "Hello Fred" and sent.json()["attachments"] == []


def test_an_upload_attached_by_id_reaches_the_recipient_only(clara, fred, olga, api, client_for, conversation_id):
    upload_id = upload(api(clara))
    sent = write(api(clara), conversation_id, text="The brief", attachments=[upload_id])
    assert sent.status_code == 201, sent.content
    [attachment] = sent.json()["attachments"]
    assert (attachment["name"], attachment["size"]) == ("brief.pdf", len(PDF))

    download = client_for(fred).get(attachment["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert client_for(olga).get(attachment["url"]).status_code == 404


def test_someone_elses_upload_is_refused_and_nothing_is_written(clara, olga, api, conversation_id) -> None:
    hers = upload(api(olga))
    refused = write(api(clara), conversation_id, text="Look at this", attachments=[hers])
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["attachments"]
    assert Message.objects.count() == 1 and not MessageAttachment.objects.exists()
    assert Upload.objects.filter(pk=hers, owner=olga).exists()  # still hers to attach


def test_an_attached_upload_cannot_be_attached_again(clara, api, conversation_id) -> None:
    upload_id = upload(api(clara))
    assert write(api(clara), conversation_id, text="First", attachments=[upload_id]).status_code == 201
    again = write(api(clara), conversation_id, text="Again", attachments=[upload_id])
    assert again.status_code == 400 and again.json()["error"]["fields"]["attachments"]
    assert [m.text for m in Message.objects.all()] == ["Hello Clara", "First"]
    assert MessageAttachment.objects.count() == 1


@pytest.mark.parametrize("ids", [["999999"], ["not-an-id"], "twice"])
def test_ids_that_name_no_waiting_upload_of_yours_are_refused(clara, api, conversation_id, ids) -> None:
    mine = upload(api(clara))
    refused = write(api(clara), conversation_id, text="Files", attachments=[mine, mine] if ids == "twice" else ids)
    assert refused.status_code == 400 and refused.json()["error"]["fields"]["attachments"]
    assert Message.objects.count() == 1 and Upload.objects.filter(pk=mine).exists()


def test_a_refused_message_leaves_its_uploads_waiting(clara, olga, api, conversation_id) -> None:
    upload_id = upload(api(clara))
    empty = write(api(clara), conversation_id, text="   ", attachments=[upload_id])
    assert empty.status_code == 400 and "text" in empty.json()["error"]["fields"]
    own = upload(api(olga))
    outsider = write(api(olga), conversation_id, text="Let me in", attachments=[own])
    assert outsider.status_code == 404
    assert Upload.objects.count() == 2 and Message.objects.count() == 1  # nothing used up, nothing written
    assert write(api(clara), conversation_id, text="Now with text", attachments=[upload_id]).status_code == 201


def test_the_multipart_form_still_works(clara, fred, client_for, conversation_id) -> None:
    sent = client_for(clara).post(
        f"/api/v1/conversations/{conversation_id}/messages", {"text": "Old style", "attachments": [pdf("old.pdf")]}
    )
    assert sent.status_code == 201, sent.content
    [attachment] = sent.json()["attachments"]
    assert attachment["name"] == "old.pdf" and client_for(fred).get(attachment["url"]).status_code == 200


def test_other_bodies_are_refused(clara, api, conversation_id) -> None:
    url = f"/api/v1/conversations/{conversation_id}/messages"
    assert api(clara).post(url, "text=Hi", content_type="text/plain").status_code == 415
    unknown = write(api(clara), conversation_id, text="Hi", files=["1"])
    assert unknown.status_code == 400 and "files" in unknown.json()["error"]["fields"]
    assert Message.objects.count() == 1
