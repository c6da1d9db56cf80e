"""Private files are private by construction: message attachments, delivery files and dispute evidence live
outside MEDIA_ROOT under random names, and only the views that check who is asking hand them out.

For each kind, anonymous visitors and Olga (an outsider) try every path trick on the public media URL, against
the file's real storage name and against the old-style path (a copy planted where files used to be kept):
none of them gets the bytes. Clara and Fred (the parties) get the bytes under the original name.
"""

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from openhour.contracts.disputes import services as disputes
from openhour.contracts.disputes.models import DisputeEvidence
from openhour.contracts.disputes.tests.kit import funded
from openhour.contracts.models import DeliveryFile
from openhour.contracts.services import delivery
from openhour.lib.private_files import private_file_move, unreferenced_move
from openhour.messaging.conversations.services import message_send
from openhour.messaging.models import MessageAttachment

pytestmark = pytest.mark.django_db

SECRET = b"%PDF-1.4 private: the signed contract and a bank statement"
ORIGINAL = "Ünterschrift 2026.pdf"


@dataclass
class Private:
    row: Any
    url: str  # the view that checks who is asking
    legacy: str  # where this kind of file used to be kept, inside public media


def _upload() -> SimpleUploadedFile:
    return SimpleUploadedFile(ORIGINAL, SECRET, content_type="application/pdf")


def _message(clara: Any, fred: Any) -> Private:
    message = message_send(to=fred, by=clara, text="The signed contract.", files=[_upload()])
    row = message.attachments.get()
    return Private(row, f"/messages/files/{row.pk}", "private/messages/2026/12/")


def _delivery(clara: Any, fred: Any) -> Private:
    milestone = funded(clara, fred)
    made = delivery.milestone_submit(milestone_id=milestone.pk, by=fred, message="Done.", files=[_upload()])
    row = made.files.get()
    return Private(row, f"/deliveries/files/{row.pk}", "private/deliveries/2026/12/")


def _evidence(clara: Any, fred: Any) -> Private:
    milestone = funded(clara, fred, delivered=True)
    dispute = disputes.dispute_open(milestone_id=milestone.pk, by=clara, reason="Not what we agreed.")
    statement = disputes.dispute_statement_add(dispute_id=dispute.pk, by=fred, text="See this.", files=[_upload()])
    row = statement.evidence.get()
    return Private(row, f"/disputes/evidence/{row.pk}", "private/disputes/2026/12/")


KINDS: dict[str, Callable[[Any, Any], Private]] = {"message": _message, "delivery": _delivery, "evidence": _evidence}


@pytest.fixture(params=list(KINDS))
def private(request, clara, fred) -> Private:
    return KINDS[request.param](clara, fred)


def tricks(target: str) -> list[str]:
    """Ways to spell `target` (a path under MEDIA_ROOT) that a naive check of the raw path would let through."""
    head, _, rest = target.partition("/")
    return [
        f"/media/{target}",
        f"/media//{target}",
        f"/media///{target}",
        f"/media/./{target}",
        f"/media/x/../{target}",
        f"/media/x/./../{target}",
        f"/media/%2e/{target}",
        f"/media/x/%2e%2e/{target}",
        f"/media/%2e%2e/media/{target}",
        f"/media/{head}%2f{rest}",
        f"/media/%2f{target}",
        f"/media/%252e/{target}",
        f"/media/x/%252e%252e/{target}",
        f"/media/x%252f..%252f{target}",
        f"/media/%25%32%65/{target}",
        f"/media/.\\{target}",
        f"/media/x\\..\\{target}",
        f"/media/{head}\\{rest}",
        f"/media/{head.upper()}/{rest}",
        f"/media/%{ord(head[0]):02x}{head[1:]}/{rest}",
        f"/media/{target}/.",
        f"/media/{target}%00",
        f"/media/{target}%00.jpg",
        f"/media/ /../{target}",
        f"/media/%c0%ae/{target}",  # overlong UTF-8 dot
        f"/media/x/%c0%ae%c0%ae/{target}",
        f"/media/x;/../{target}",
        f"/media/{target}?download=1",
        f"/media/{target}#fragment",
    ]


def _plant_legacy(private: Private) -> str:
    """A copy where the old code kept this file (inside public media, under its original name)."""
    legacy = f"{private.legacy}{ORIGINAL}"
    path = Path(settings.MEDIA_ROOT) / legacy
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SECRET)
    return legacy


def _leaks(response: Any) -> bool:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return SECRET in body or not 400 <= response.status_code < 500  # 404, or 400 for a NUL in the path


def test_no_path_trick_reaches_a_private_file_through_public_media(private, olga, client_for):
    stored = private.row.file.name
    targets = [
        _plant_legacy(private),
        stored,
        f"../private/{stored}",  # where the private folder sits beside media in this set-up
        f"%2e%2e/private/{stored}",
        f"..%2fprivate%2f{stored}",
    ]
    for who, browser in (("anonymous", Client()), ("olga", client_for(olga))):
        for target in targets:
            for url in tricks(target):
                assert not _leaks(browser.get(url)), f"{who}: {url}"


def test_private_files_are_kept_outside_public_media_under_random_names(private):
    path = Path(private.row.file.path).resolve()
    assert path.read_bytes() == SECRET
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert "nterschrift" not in private.row.file.name and private.row.file.name.endswith(".pdf")
    assert private.row.name == ORIGINAL
    with pytest.raises(ValueError, match="no public URL"):
        private.row.file.url  # noqa: B018 -- a template or admin asking for a link must fail, not leak


def test_the_parties_get_the_bytes_under_the_original_name(private, clara, fred, client_for):
    for person in (clara, fred):
        response = client_for(person).get(private.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == SECRET
        assert response["Content-Disposition"] == (
            "attachment; filename=\"_nterschrift 2026.pdf\"; filename*=UTF-8''%C3%9Cnterschrift%202026.pdf"
        )
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"


def test_outsiders_and_anonymous_visitors_get_nothing_from_the_checking_view(private, olga, client_for):
    assert client_for(olga).get(private.url).status_code == 404
    anonymous = Client().get(private.url)
    assert anonymous.status_code == 302 and SECRET not in anonymous.content


def test_x_accel_mode_hands_the_file_to_nginx_and_sends_no_body(private, clara, olga, client_for, settings):
    settings.PRIVATE_FILES_SERVE = "x-accel"
    response = client_for(clara).get(private.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{private.row.file.name}"
    assert response["Content-Disposition"].startswith("attachment; ")
    assert response["Cache-Control"] == "private, no-store"
    refused = [client_for(olga).get(private.url), Client().get(private.url)]
    assert [r.status_code for r in refused] == [404, 302] and not any("X-Accel-Redirect" in r for r in refused)


def test_x_sendfile_mode_names_the_path_outside_public_media(private, fred, client_for, settings):
    settings.PRIVATE_FILES_SERVE = "x-sendfile"
    response = client_for(fred).get(private.url)
    assert response.status_code == 200 and response.content == b""
    assert Path(response["X-Sendfile"]).read_bytes() == SECRET
    assert Path(response["X-Sendfile"]).is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())


def test_a_missing_file_is_a_404_not_an_error(private, clara, client_for):
    Path(private.row.file.path).unlink()
    assert client_for(clara).get(private.url).status_code == 404


def test_on_s3_the_parties_are_sent_to_a_short_presigned_url_naming_the_download(
    private, clara, olga, client_for, settings, tmp_path
):
    s3 = {
        "S3_BUCKET": "market-uploads",
        "S3_ENDPOINT_URL": "https://s3.example.com",
        "S3_REGION": "eu-west-2",
        "S3_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "S3_SECRET_ACCESS_KEY": "example",
    }
    configured = json.loads(_settings_with(s3, "json.dumps(s.STORAGES['private'])", tmp_path).stdout)
    assert configured["OPTIONS"]["custom_domain"] is None  # a CDN would hand them to anyone with the link
    settings.STORAGES = {**settings.STORAGES, "private": configured}
    private.row.refresh_from_db()
    response = client_for(clara).get(private.url)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    query = parse_qs(location.query)
    assert location.path == f"/market-uploads/private/{private.row.file.name}"
    assert query["response-content-disposition"] == [response["Content-Disposition"]]
    assert query["X-Amz-Expires"] == ["60"] and "X-Amz-Signature" in query
    assert response["Cache-Control"] == "private, no-store"
    assert client_for(olga).get(private.url).status_code == 404


def _old_style(private: Private) -> str:
    """Put the row back the way the old code stored it: public media, original name, dated folder."""
    legacy = _plant_legacy(private)
    Path(private.row.file.path).unlink()
    type(private.row).objects.filter(pk=private.row.pk).update(file=legacy)
    return legacy


def test_the_move_command_takes_old_files_out_of_public_media(private, clara, olga, client_for):
    legacy = _old_style(private)
    stray = Path(settings.MEDIA_ROOT) / "private/messages/2025/01/left-behind.pdf"  # its row was deleted
    stray.parent.mkdir(parents=True)
    stray.write_bytes(SECRET)
    out = StringIO()
    call_command("private_files_move", stdout=out)
    private.row.refresh_from_db()
    new = private.row.file.name
    assert f"{legacy} -> {new}" in out.getvalue() and "1 moved, 0 missing." in out.getvalue()
    assert not (Path(settings.MEDIA_ROOT) / legacy).exists() and not stray.exists()
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / "unreferenced/messages/2025/01/left-behind.pdf").read_bytes() == SECRET
    assert Path(private.row.file.path).read_bytes() == SECRET and ORIGINAL not in new
    assert private.row.name == ORIGINAL
    downloaded = client_for(clara).get(private.url)
    assert b"".join(downloaded.streaming_content) == SECRET
    assert client_for(olga).get(private.url).status_code == 404

    again = StringIO()
    call_command("private_files_move", stdout=again)  # idempotent: nothing left to move, nothing broken
    assert again.getvalue() == "0 moved, 0 missing.\n"
    private.row.refresh_from_db()
    assert private.row.file.name == new


def test_the_move_leaves_new_files_alone_when_private_files_share_the_public_bucket(private, tmp_path):
    """On S3 without S3_PRIVATE_BUCKET, the private storage is the public bucket's `private/` prefix: the files
    already moved sit beside the old folders, and a second run must neither move nor delete them."""
    legacy = _old_style(private)
    private.row.refresh_from_db()
    public = FileSystemStorage(location=settings.MEDIA_ROOT)
    shared = FileSystemStorage(location=Path(settings.MEDIA_ROOT) / "private")
    new = private_file_move(row=private.row, public=public, private=shared)
    assert new and not public.exists(legacy) and shared.open(new).read() == SECRET
    for _ in range(2):
        assert unreferenced_move(public=public, private=shared, referenced=set()) == []
    private.row.refresh_from_db()
    assert private.row.file.name == new and shared.open(new).read() == SECRET


def test_the_move_command_dry_run_moves_nothing(private):
    legacy = _old_style(private)
    out = StringIO()
    call_command("private_files_move", "--dry-run", stdout=out)
    assert f"would move {private.row._meta.model_name} {private.row.pk}: {legacy}" in out.getvalue()
    private.row.refresh_from_db()
    assert private.row.file.name == legacy and (Path(settings.MEDIA_ROOT) / legacy).exists()


def test_the_move_command_reports_a_file_that_is_nowhere(private):
    type(private.row).objects.filter(pk=private.row.pk).update(file="private/messages/2026/12/gone.pdf")
    err = StringIO()
    call_command("private_files_move", stdout=StringIO(), stderr=err)
    assert "is in neither storage" in err.getvalue()


def test_public_uploads_still_work(fred, client_for, image_upload):
    response = client_for(fred).post("/api/v1/me/photo", {"file": image_upload()})
    assert response.status_code in (200, 201), response.content
    photo = urlsplit(response.json()["photo"]).path
    assert photo.startswith("/media/photos/")
    assert Client().get(photo).status_code == 200
    assert Client().get(photo.replace("/media/", "/media//")).status_code == 404  # one plain spelling only


def _settings_with(env: dict[str, str], expression: str, var: Path) -> subprocess.CompletedProcess[str]:
    """Evaluate `expression` on the settings module as a fresh process with this environment would load it."""
    code = f"import json, openhour.settings as s; print({expression})"
    return subprocess.run(  # noqa: S603 -- our own interpreter and settings module
        [sys.executable, "-c", code],
        env={"VAR_DIR": str(var), "PATH": "/usr/bin", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_private_root_inside_media_is_refused_at_start_up(tmp_path):
    run = _settings_with({"PRIVATE_MEDIA_ROOT": str(tmp_path / "media" / "private")}, "1", tmp_path)
    assert run.returncode != 0 and "PRIVATE_MEDIA_ROOT must be outside MEDIA_ROOT" in run.stderr


MODELS = (MessageAttachment, DeliveryFile, DisputeEvidence)


def test_every_private_model_uses_the_private_storage():
    for model in MODELS:
        field = model._meta.get_field("file")
        assert field.storage.__class__.__name__ == "PrivateFileSystemStorage", model
