"""Uploads (POST /api/v1/uploads): a private file sent ahead by a signed-in, verified person, checked like every
attachment, used up when attached, and deleted with its file when left unattached past UPLOAD_UNATTACHED_HOURS.

Who may do what: clara and fred upload; an anonymous caller gets a 401 and una (unverified) a 403. Attaching by
id is tested where files are attached (messaging/tests, contracts/tests)."""

from datetime import timedelta
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from openhour.messaging.conversations.tests.kit import PDF, say
from openhour.messaging.models import MessageAttachment, Upload

pytestmark = pytest.mark.django_db


def upload(client: Client, name: str = "brief.pdf", content: bytes = PDF) -> Any:
    return client.post("/api/v1/uploads", {"file": SimpleUploadedFile(name, content)})


def stored_files(settings) -> list[Path]:
    return [path for path in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if path.is_file()]


def test_an_upload_is_stored_privately_and_described(fred, bearer, settings) -> None:
    answer = upload(Client(headers=bearer(fred)))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert {key: body[key] for key in ("name", "size", "content_type")} == {
        "name": "brief.pdf",
        "size": len(PDF),
        "content_type": "application/pdf",
    }
    stored = Upload.objects.get(pk=body["id"])
    assert stored.owner == fred and body["expires_at"]
    assert [path.read_bytes() for path in stored_files(settings)] == [PDF]
    assert list(Path(settings.MEDIA_ROOT).rglob("*.pdf")) == []  # never where a /media/ address could reach it


def test_only_signed_in_verified_people_upload(una, client_for) -> None:
    anonymous = upload(Client())
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthenticated"
    unverified = upload(client_for(una))
    assert unverified.status_code == 403 and unverified.json()["error"]["code"] == "email_unverified"
    assert not Upload.objects.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00"),  # a kind no attachment may be
        ("report.pdf", b"MZ\x90\x00 not a PDF at all"),  # content that is not what its name says
        ("notes.txt", b"\xff\xfe\x00 not UTF-8"),
    ],
)
def test_the_attachment_rules_apply(fred, client_for, settings, name, content) -> None:
    refused = upload(client_for(fred), name, content)
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "invalid" and refused.json()["error"]["fields"]["file"]
    assert not Upload.objects.exists() and stored_files(settings) == []


def test_too_large_is_refused_on_the_file_field(fred, client_for, settings) -> None:
    settings.UPLOAD_MAX_BYTES = len(PDF) - 1
    refused = upload(client_for(fred))
    assert refused.status_code == 400 and "file" in refused.json()["error"]["fields"]
    assert not Upload.objects.exists()


def test_a_file_is_required(fred, client_for) -> None:
    missing = client_for(fred).post("/api/v1/uploads", {})
    assert missing.status_code == 400 and "file" in missing.json()["error"]["fields"]


def test_attaching_uses_the_upload_up(clara, fred, bearer, settings, django_capture_on_commit_callbacks) -> None:
    conversation_id = say(fred, clara).conversation_id
    upload_id = upload(Client(headers=bearer(clara))).json()["id"]
    upload_file = Upload.objects.get(pk=upload_id).file.path
    with django_capture_on_commit_callbacks(execute=True):
        sent = Client(headers=bearer(clara)).post(
            f"/api/v1/conversations/{conversation_id}/messages",
            {"text": "The brief", "attachments": [upload_id]},
            content_type="application/json",
        )
    assert sent.status_code == 201, sent.content
    assert not Upload.objects.exists() and not Path(upload_file).exists()  # the message keeps its own copy
    assert [Path(a.file.path).read_bytes() for a in MessageAttachment.objects.all()] == [PDF]


def test_the_timers_delete_old_unattached_uploads_and_their_files_only(clara, fred, bearer, settings) -> None:
    settings.UPLOAD_UNATTACHED_HOURS = 24
    api = Client(headers=bearer(clara))
    conversation_id = say(fred, clara).conversation_id
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        forgotten = upload(api, "forgotten.pdf").json()["id"]
        attached = upload(api, "attached.pdf").json()["id"]
        api.post(
            f"/api/v1/conversations/{conversation_id}/messages",
            {"text": "Attached", "attachments": [attached]},
            content_type="application/json",
        )
    with time_machine.travel(start + timedelta(hours=23), tick=False):
        recent = upload(api, "recent.pdf").json()["id"]
    forgotten_file = Path(Upload.objects.get(pk=forgotten).file.path)
    recent_file = Path(Upload.objects.get(pk=recent).file.path)
    attachment_file = Path(MessageAttachment.objects.get().file.path)

    with time_machine.travel(start + timedelta(hours=24, minutes=1), tick=False):
        call_command("run_timers", "--once", stdout=StringIO())

    assert list(Upload.objects.values_list("pk", flat=True)) == [int(recent)]
    assert not forgotten_file.exists()
    assert recent_file.read_bytes() == PDF and attachment_file.read_bytes() == PDF


def test_one_file_too_many_in_the_hour_is_a_429_with_retry_after_and_stores_nothing(fred, clara, bearer, settings):
    settings.RATE_UPLOADS = "3/h"
    sender = Client(headers=bearer(fred))
    assert [upload(sender).status_code for _ in range(3)] == [201, 201, 201]
    refused = upload(sender)
    assert refused.status_code == 429 and refused.json()["error"]["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0
    assert Upload.objects.filter(owner=fred).count() == 3
    assert upload(Client(headers=bearer(clara))).status_code == 201  # the limit is each person's own
