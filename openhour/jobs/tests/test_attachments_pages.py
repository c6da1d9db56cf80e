"""Files on a project's brief and on proposals, through the pages (multipart forms, no JavaScript needed): attached
when posting, editing or proposing, listed for those who may open them, refused with a form error when bad."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from openhour.jobs.models import Project, ProjectFile, ProposalFile
from openhour.jobs.tests.proposal_kit import post
from openhour.jobs.tests.test_pages_post import project_form
from openhour.jobs.tests.test_proposals_pages import form_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the brief"


def pdf(name: str = "brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def attach(project: Project, name: str = "brief.pdf") -> ProjectFile:
    return ProjectFile.objects.create(
        project=project, file=pdf(name), name=name, size=len(PDF), content_type="application/pdf"
    )


def test_a_client_posts_a_project_with_files(client_for, clara):
    response = client_for(clara).post("/projects/new", project_form(attachments=[pdf(), pdf("plan.pdf")]))

    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get()
    assert sorted(f.name for f in project.files.all()) == ["brief.pdf", "plan.pdf"]


def test_a_bad_file_is_shown_on_the_form_and_nothing_is_posted(client_for, clara):
    bad = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream")

    response = client_for(clara).post("/projects/new", project_form(attachments=[bad]))

    assert response.status_code == 400
    assert "setup.exe: attach PDF, images, ZIP, Office documents or plain text." in response.content.decode()
    assert not Project.objects.exists()


def test_the_client_removes_and_adds_files_when_editing(client_for, clara):
    project = post(clara)
    old = attach(project)
    form: dict[str, Any] = project_form(
        title="Django shop",
        category="web-software",
        skills=["django", "python"],
        budget_min="500",
        budget_max="1500",
        deadline="",
    )

    response = client_for(clara).post(
        f"/projects/{project.pk}/edit", form | {"remove_attachments": [str(old.pk)], "attachments": [pdf("new.pdf")]}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert [f.name for f in project.files.all()] == ["new.pdf"]


def test_the_project_page_lists_files_for_freelancers_and_only_says_so_to_others(client, client_for, clara, fred):
    project = post(clara)
    stored = attach(project)
    link = f'href="/projects/files/{stored.pk}"'

    assert link in client_for(fred).get(f"/projects/{project.pk}").content.decode()
    assert link in client_for(clara).get(f"/projects/{project.pk}").content.decode()
    signed_out = client.get(f"/projects/{project.pk}").content.decode()
    assert link not in signed_out and "brief.pdf" not in signed_out
    assert "sign in as a freelancer to open them" in signed_out


def test_a_freelancer_sends_a_proposal_with_a_file_the_client_sees(client_for, clara, fred, olga):
    project = post(clara)

    response = client_for(fred).post(f"/projects/{project.pk}/propose", form_data(attachments=[pdf("cv.pdf")]))

    assert response.status_code == 302, response.content.decode()[:2000]
    stored = ProposalFile.objects.get()
    page = client_for(clara).get(response["Location"]).content.decode()
    assert f'href="/proposals/files/{stored.pk}"' in page and "cv.pdf" in page
    assert client_for(olga).get(f"/proposals/files/{stored.pk}").status_code == 404


def test_a_bad_proposal_file_is_shown_on_the_form(client_for, clara, fred):
    project = post(clara)
    fake = SimpleUploadedFile("cv.pdf", b"not a pdf at all", content_type="application/pdf")

    response = client_for(fred).post(f"/projects/{project.pk}/propose", form_data(attachments=[fake]))

    assert response.status_code == 400
    assert "cv.pdf is not the kind of file its name says." in response.content.decode()
    assert not ProposalFile.objects.exists()
