"""Delivering a milestone and making one's case in a dispute with JSON bodies (`{"message" | "text",
"attachments": [upload ids]}`), as API clients do, and with the deprecated multipart form, which still works.

Clara is the client and Fred the freelancer of a funded milestone; Olga is an outsider who may not download
their files (404). An upload is attached only by its owner, once, and a refused step uses none up."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openhour.contracts.disputes.models import DisputeEvidence, DisputeStatement
from openhour.contracts.disputes.tests.kit import funded, open_dispute, state
from openhour.contracts.models import Delivery, Milestone
from openhour.messaging.models import Upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the finished design"


@pytest.fixture
def api(bearer):
    """An API client (personal access token, JSON bodies) for the given person."""
    return lambda user: Client(headers=bearer(user))


def upload(client: Client, name: str = "design.pdf") -> str:
    answer = client.post("/api/v1/uploads", {"file": SimpleUploadedFile(name, PDF)})
    assert answer.status_code == 201, answer.content
    return answer.json()["id"]


def submit(client: Client, milestone: Milestone, **body: Any) -> Any:
    return client.post(f"/api/v1/milestones/{milestone.pk}/submit", body, content_type="application/json")


def downloaded(client: Client, url: str) -> bytes | int:
    answer = client.get(url)
    return b"".join(answer.streaming_content) if answer.status_code == 200 else answer.status_code


def test_deliver_with_json_and_no_files(clara, fred, api) -> None:
    delivered = submit(api(fred), funded(clara, fred), message="The finished design.")
    assert delivered.status_code == 200, delivered.content
    assert delivered.json()["status"] == "submitted"
    assert delivered.json()["deliveries"][0]["files"] == []


def test_an_upload_delivered_by_id_reaches_the_client_only(clara, fred, olga, api, client_for) -> None:
    upload_id = upload(api(fred))
    delivered = submit(api(fred), funded(clara, fred), message="Here it is.", attachments=[upload_id])
    assert delivered.status_code == 200, delivered.content
    [file] = delivered.json()["deliveries"][0]["files"]
    assert (file["name"], file["size"]) == ("design.pdf", len(PDF))
    assert downloaded(client_for(clara), file["url"]) == PDF
    assert downloaded(client_for(olga), file["url"]) == 404


def test_someone_elses_upload_is_refused_and_nothing_is_delivered(clara, fred, api) -> None:
    milestone = funded(clara, fred)
    hers = upload(api(clara))
    refused = submit(api(fred), milestone, message="Here it is.", attachments=[hers])
    assert refused.status_code == 400 and refused.json()["error"]["fields"]["attachments"]
    milestone.refresh_from_db()
    assert milestone.status == "funded" and not Delivery.objects.exists()
    assert Upload.objects.filter(pk=hers).exists()


def test_a_delivered_upload_cannot_be_delivered_again(clara, fred, api) -> None:
    milestone = funded(clara, fred)
    upload_id = upload(api(fred))
    assert submit(api(fred), milestone, message="Version one.", attachments=[upload_id]).status_code == 200
    asked = api(clara).post(
        f"/api/v1/milestones/{milestone.pk}/request-changes", {"message": "Bigger logo."}, "application/json"
    )
    assert asked.status_code == 200
    again = submit(api(fred), milestone, message="Version two.", attachments=[upload_id])
    assert again.status_code == 400 and again.json()["error"]["fields"]["attachments"]
    milestone.refresh_from_db()
    assert milestone.status == "changes_requested" and Delivery.objects.count() == 1


def test_a_refused_step_uses_no_upload_up(clara, fred, api) -> None:
    milestone = funded(clara, fred)
    hers = upload(api(clara))
    assert submit(api(clara), milestone, message="I deliver?", attachments=[hers]).status_code == 403
    assert Upload.objects.filter(pk=hers).exists() and not Delivery.objects.exists()


def test_the_multipart_form_still_delivers(clara, fred, client_for) -> None:
    milestone = funded(clara, fred)
    form = {"message": "Old style.", "attachments": [SimpleUploadedFile("old.pdf", PDF)]}
    delivered = client_for(fred).post(f"/api/v1/milestones/{milestone.pk}/submit", form)
    assert delivered.status_code == 200, delivered.content
    [file] = delivered.json()["deliveries"][0]["files"]
    assert file["name"] == "old.pdf" and downloaded(client_for(clara), file["url"]) == PDF


def test_dispute_evidence_by_id_for_the_parties_only(clara, fred, olga, api, client_for) -> None:
    dispute_id = open_dispute(client_for(clara), funded(clara, fred, delivered=True)).json()["id"]
    url = f"/api/v1/disputes/{dispute_id}/statements"
    upload_id = upload(api(fred), "brief.pdf")
    stated = api(fred).post(url, {"text": "The brief we agreed.", "attachments": [upload_id]}, "application/json")
    assert stated.status_code == 201, stated.content
    [evidence] = stated.json()["statements"][-1]["evidence"]
    assert evidence["name"] == "brief.pdf" and downloaded(client_for(clara), evidence["url"]) == PDF
    assert downloaded(client_for(olga), evidence["url"]) == 404

    again = api(fred).post(url, {"text": "Once more.", "attachments": [upload_id]}, "application/json")
    assert again.status_code == 400 and again.json()["error"]["fields"]["attachments"]
    hers = upload(api(clara))
    theirs = api(fred).post(url, {"text": "Hers.", "attachments": [hers]}, "application/json")
    assert theirs.status_code == 400 and DisputeStatement.objects.count() == 2  # the reason, then Fred's
    plain = api(clara).post(url, {"text": "No files from me."}, "application/json")
    assert plain.status_code == 201 and plain.json()["statements"][-1]["evidence"] == []


def test_the_multipart_form_still_makes_a_statement(clara, fred, client_for) -> None:
    dispute_id = open_dispute(client_for(clara), funded(clara, fred)).json()["id"]
    stated = state(client_for(fred), dispute_id, "Old style.", [SimpleUploadedFile("old.pdf", PDF)])
    assert stated.status_code == 201, stated.content
    assert DisputeEvidence.objects.get().name == "old.pdf"
