"""Files on a project's brief and on proposals, through the API: attached by upload id, listed in the answers,
downloaded only by the people jobs.selectors.attachments names.

The cast: Clara posts; Fred (a freelancer) may open her public brief's files and sends a proposal with files;
Olga (another freelancer) may open the public brief's files but never Fred's proposal files, nor an invite-only
brief she was not invited to; Carl (another client) and signed-out visitors open nothing; the operator opens all."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import make_user
from openhour.jobs.models import Project, ProjectFile, Proposal, ProposalFile
from openhour.jobs.tests.proposal_kit import post, terms
from openhour.messaging.models import Upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the brief"
PNG = b"\x89PNG\r\n\x1a\n a sketch"


@pytest.fixture
def carl(db):
    return make_user("carl", name="Carl Client", client=True)


def upload(client: Client, name: str = "brief.pdf", content: bytes = PDF) -> str:
    answer = client.post("/api/v1/uploads", {"file": SimpleUploadedFile(name, content)})
    assert answer.status_code == 201, answer.content
    return answer.json()["id"]


def project_body(**fields: Any) -> dict[str, Any]:
    base = {
        "title": "Django shop",
        "description": "A small online shop.",
        "category": "web-software",
        "budget_min": {"amount": 50_000, "currency": "GBP"},
        "budget_max": {"amount": 150_000, "currency": "GBP"},
    }
    return base | fields


def proposal_body(**fields: Any) -> dict[str, Any]:
    body = terms()
    body["price"] = {"amount": body["price"], "currency": "GBP"}
    return body | fields


def download(client: Client, url: str) -> Any:
    return client.get(url)


def test_a_client_posts_a_brief_with_files_and_freelancers_download_them(client_for, clara, fred, olga, operator):
    clara_api = client_for(clara)
    ids = [upload(clara_api), upload(clara_api, "sketch.png", PNG)]

    answer = clara_api.post("/api/v1/projects", project_body(attachments=ids), content_type="application/json")

    assert answer.status_code == 201, answer.content
    files = answer.json()["attachments"]
    assert [(f["name"], f["size"], f["content_type"]) for f in files] == [
        ("brief.pdf", len(PDF), "application/pdf"),
        ("sketch.png", len(PNG), "image/png"),
    ]
    assert not Upload.objects.exists()  # used up
    project_id = answer.json()["id"]
    for person in (clara, fred, olga, operator):
        seen = client_for(person).get(f"/api/v1/projects/{project_id}").json()
        assert [f["id"] for f in seen["attachments"]] == [f["id"] for f in files]
        got = download(client_for(person), files[0]["url"])
        assert got.status_code == 200
        assert b"".join(got.streaming_content) == PDF
        assert got["Content-Disposition"].startswith("attachment;")


def test_signed_out_visitors_and_other_clients_never_open_brief_files(client, client_for, clara, carl):
    project = post(clara)
    stored = ProjectFile.objects.create(
        project=project,
        file=SimpleUploadedFile("brief.pdf", PDF),
        name="brief.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )

    for visitor in (client, client_for(carl)):
        body = visitor.get(f"/api/v1/projects/{project.pk}").json()
        assert body["title"] == "Django shop" and "attachments" not in body
    assert client.get(f"/projects/files/{stored.pk}").status_code == 302  # to the sign-in page
    assert client_for(carl).get(f"/projects/files/{stored.pk}").status_code == 404


def test_an_invite_only_brief_opens_to_the_invited_only(client_for, clara, fred, olga):
    from openhour.jobs.services.projects import invitation_send

    project = post(clara, visibility="invite_only")
    invitation_send(project_id=project.pk, freelancer_username="fred", by=clara)
    stored = ProjectFile.objects.create(
        project=project,
        file=SimpleUploadedFile("brief.pdf", PDF),
        name="brief.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )

    assert client_for(fred).get(f"/projects/files/{stored.pk}").status_code == 200
    assert client_for(olga).get(f"/projects/files/{stored.pk}").status_code == 404


def test_a_freelancer_sends_a_proposal_with_files_only_the_parties_open(
    client, client_for, clara, fred, olga, carl, operator
):
    project = post(clara)
    fred_api = client_for(fred)

    answer = fred_api.post(
        f"/api/v1/projects/{project.pk}/proposals",
        proposal_body(attachments=[upload(fred_api, "portfolio.pdf")]),
        content_type="application/json",
    )

    assert answer.status_code == 201, answer.content
    [attached] = answer.json()["attachments"]
    assert (attached["name"], attached["content_type"]) == ("portfolio.pdf", "application/pdf")
    proposal_id = answer.json()["id"]
    seen = client_for(clara).get(f"/api/v1/proposals/{proposal_id}").json()
    assert [f["url"] for f in seen["attachments"]] == [attached["url"]]
    for person in (fred, clara, operator):
        assert client_for(person).get(attached["url"]).status_code == 200
    for person in (olga, carl):
        assert client_for(person).get(attached["url"]).status_code == 404
    assert client.get(attached["url"]).status_code == 302


@pytest.mark.parametrize("whose", ["unknown", "someone_else"])
def test_an_upload_that_is_not_yours_is_a_400_and_nothing_is_posted(client_for, clara, fred, whose):
    upload_id = "999999" if whose == "unknown" else upload(client_for(fred))

    answer = client_for(clara).post(
        "/api/v1/projects", project_body(attachments=[upload_id]), content_type="application/json"
    )

    assert answer.status_code == 400
    assert "attachments" in answer.json()["error"]["fields"]
    assert not Project.objects.exists()


def test_a_proposal_with_a_bad_upload_id_is_a_400_and_nothing_is_sent(client_for, clara, fred):
    project = post(clara)

    answer = client_for(fred).post(
        f"/api/v1/projects/{project.pk}/proposals", proposal_body(attachments=["x"]), content_type="application/json"
    )

    assert answer.status_code == 400
    assert "attachments" in answer.json()["error"]["fields"]
    assert not Proposal.objects.exists() and not ProposalFile.objects.exists()


def test_the_client_adds_and_removes_brief_files_while_the_project_is_open(client_for, clara, settings):
    api = client_for(clara)
    project_id = api.post(
        "/api/v1/projects", project_body(attachments=[upload(api)]), content_type="application/json"
    ).json()["id"]
    [first] = ProjectFile.objects.all()

    answer = api.patch(
        f"/api/v1/projects/{project_id}",
        {"attachments": [upload(api, "sketch.png", PNG)], "remove_attachments": [str(first.pk)]},
        content_type="application/json",
    )

    assert answer.status_code == 200, answer.content
    assert [f["name"] for f in answer.json()["attachments"]] == ["sketch.png"]
    refused = api.patch(
        f"/api/v1/projects/{project_id}", {"remove_attachments": [str(first.pk)]}, content_type="application/json"
    )
    assert refused.status_code == 400 and "remove_attachments" in refused.json()["error"]["fields"]


def test_another_client_cannot_remove_brief_files(client_for, clara, carl):
    project = post(clara)
    stored = ProjectFile.objects.create(
        project=project,
        file=SimpleUploadedFile("brief.pdf", PDF),
        name="brief.pdf",
        size=len(PDF),
        content_type="application/pdf",
    )

    answer = client_for(carl).patch(
        f"/api/v1/projects/{project.pk}", {"remove_attachments": [str(stored.pk)]}, content_type="application/json"
    )

    assert answer.status_code == 404
    assert ProjectFile.objects.filter(pk=stored.pk).exists()


def test_a_brief_holds_at_most_ten_files(client_for, clara):
    api = client_for(clara)
    project = post(clara)
    for n in range(10):
        ProjectFile.objects.create(
            project=project,
            file=SimpleUploadedFile(f"{n}.pdf", PDF),
            name=f"{n}.pdf",
            size=len(PDF),
            content_type="application/pdf",
        )

    answer = api.patch(
        f"/api/v1/projects/{project.pk}", {"attachments": [upload(api)]}, content_type="application/json"
    )

    assert answer.status_code == 400 and "attachments" in answer.json()["error"]["fields"]
    assert project.files.count() == 10
    assert Upload.objects.count() == 1  # refused, so still waiting to be attached
