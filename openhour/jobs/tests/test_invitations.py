"""Invitations: a client asks a freelancer to look at her open project.

Clara invites from the project's page (a username) or from a freelancer's profile (a choice of her open
projects). Invite-only projects stay hidden from Olga until Clara invites her; others' projects answer
like missing ones; a freelancer is invited once; closed projects take no invitations.
"""

from typing import Any

import pytest
from django.test import Client

from conftest import make_user
from openhour.jobs.models import Invitation, Project
from openhour.jobs.services.projects import project_close, project_post

pytestmark = pytest.mark.django_db


def posted(client, **fields: Any) -> Project:
    defaults: dict[str, Any] = {
        "title": "Secret rebrand",
        "description": "Details to follow.",
        "category": "web-software",
        "skills": ["django"],
        "budget_min": 50_000,
        "budget_max": 150_000,
        "visibility": "invite_only",
    }
    return project_post(client=client, **(defaults | fields))


def invite(client: Client, project: Project, username: str, **kwargs: Any):
    url = f"/api/v1/projects/{project.pk}/invitations"
    return client.post(url, {"freelancer": username}, content_type="application/json", **kwargs)


def error(response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    return response.json()["error"]


# ---- API -----------------------------------------------------------------------------------------


def test_the_client_invites_a_freelancer(client_for, clara, olga):
    project = posted(clara)

    response = invite(client_for(clara), project, "olga")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["project"] == str(project.pk)
    assert body["freelancer"] == {"username": "olga", "name": "Olga Outsider"}
    invitation = Invitation.objects.get()
    assert (invitation.project, invitation.freelancer, invitation.invited_by) == (project, olga, clara)


def test_a_personal_access_token_works_too(client, clara, fred, bearer):
    project = posted(clara)

    assert invite(client, project, "fred", headers=bearer(clara)).status_code == 201


def test_olga_sees_an_invite_only_project_only_once_invited(client_for, clara, olga):
    project = posted(clara)
    browser = client_for(olga)
    assert browser.get(f"/api/v1/projects/{project.pk}").status_code == 404
    assert browser.get(f"/projects/{project.pk}").status_code == 404
    assert "Secret rebrand" not in browser.get("/api/v1/projects").content.decode()

    assert invite(client_for(clara), project, "olga").status_code == 201

    assert browser.get(f"/api/v1/projects/{project.pk}").json()["title"] == "Secret rebrand"
    assert browser.get(f"/projects/{project.pk}").status_code == 200
    assert [item["title"] for item in browser.get("/api/v1/projects").json()["items"]] == ["Secret rebrand"]


def test_an_invitation_to_one_project_shows_no_other(client_for, clara, olga):
    shown, hidden = posted(clara), posted(clara, title="Other secret")
    invite(client_for(clara), shown, "olga")

    assert client_for(olga).get(f"/api/v1/projects/{hidden.pk}").status_code == 404


def test_others_projects_answer_like_missing_ones(client_for, clara, fred, olga):
    project = posted(clara)
    intruder = make_user("cora", name="Cora Client", client=True)

    assert error(invite(client_for(intruder), project, "fred"), 404)["code"] == "not_found"
    assert error(invite(client_for(olga), project, "fred"), 404)["code"] == "not_found"
    assert error(invite(client_for(clara), Project(pk=999_999), "fred"), 404)["code"] == "not_found"
    assert not Invitation.objects.exists()


def test_a_second_invitation_to_the_same_freelancer_is_a_conflict(client_for, clara, fred):
    project = posted(clara)
    browser = client_for(clara)
    invite(browser, project, "fred")

    assert error(invite(browser, project, "fred"), 409)["code"] == "already_invited"
    assert Invitation.objects.count() == 1


def test_a_closed_project_takes_no_invitations(client_for, clara, fred):
    project = posted(clara)
    project_close(project_id=project.pk, by=clara)

    assert error(invite(client_for(clara), project, "fred"), 409)["code"] == "project_closed"


@pytest.mark.parametrize("username", ["nobody", "clara", "cora", "inactive"])
def test_only_active_freelancers_can_be_invited(client_for, clara, username):
    make_user("cora", name="Cora Client", client=True)
    make_user("inactive", name="Ivy Inactive", freelancer=True, is_active=False)
    project = posted(clara)

    problem = error(invite(client_for(clara), project, username), 400)

    assert problem["code"] == "invalid"
    assert "freelancer" in problem["fields"]


def test_an_unverified_client_cannot_invite(client_for, clara, fred):
    project = posted(clara)
    clara.emailaddress_set.update(verified=False)

    assert error(invite(client_for(clara), project, "fred"), 403)["code"] == "email_unverified"


def test_signed_out_people_cannot_invite(client, clara, fred):
    assert error(invite(client, posted(clara), "fred"), 401)["code"] == "unauthenticated"


# ---- pages ---------------------------------------------------------------------------------------


def test_the_owner_invites_from_the_project_page(client_for, clara, olga):
    project = posted(clara)
    browser = client_for(clara)
    page = browser.get(f"/projects/{project.pk}").content.decode()
    assert "Invite a freelancer" in page
    assert f'action="/projects/{project.pk}/invite"' in page

    response = browser.post(f"/projects/{project.pk}/invite", {"freelancer": "olga"}, follow=True)

    assert response.redirect_chain == [(f"/projects/{project.pk}", 302)]
    assert "Invitation sent" in response.content.decode()
    assert "Olga Outsider" in response.content.decode()
    assert Invitation.objects.filter(project=project, freelancer=olga).exists()


def test_a_mistyped_username_is_explained_on_the_page(client_for, clara):
    project = posted(clara)

    response = client_for(clara).post(f"/projects/{project.pk}/invite", {"freelancer": "nobody"}, follow=True)

    assert "Choose a freelancer by their username." in response.content.decode()
    assert not Invitation.objects.exists()


def test_others_see_no_invite_form_and_cannot_post_one(client_for, clara, fred, olga):
    project = posted(clara, visibility="public")

    assert "Invite a freelancer" not in client_for(fred).get(f"/projects/{project.pk}").content.decode()
    assert client_for(olga).post(f"/projects/{project.pk}/invite", {"freelancer": "fred"}).status_code == 404
    assert not Invitation.objects.exists()


def test_the_page_refuses_a_closed_project(client_for, clara, fred):
    project = posted(clara)
    project_close(project_id=project.pk, by=clara)

    assert "/invite" not in client_for(clara).get(f"/projects/{project.pk}").content.decode()
    assert client_for(clara).post(f"/projects/{project.pk}/invite", {"freelancer": "fred"}).status_code == 409


def test_a_client_invites_from_a_freelancers_profile(client_for, clara, fred):
    first, second = posted(clara, title="First job"), posted(clara, title="Second job")
    closed = posted(clara, title="Old job")
    project_close(project_id=closed.pk, by=clara)
    browser = client_for(clara)
    page = browser.get("/u/fred").content.decode()
    assert "Invite to a project" in page
    assert "First job" in page and "Second job" in page and "Old job" not in page

    response = browser.post("/projects/invite", {"freelancer": "fred", "project": second.pk}, follow=True)

    assert response.redirect_chain == [("/u/fred", 302)]
    assert "Invitation sent" in response.content.decode()
    assert list(Invitation.objects.values_list("project_id", flat=True)) == [second.pk]
    assert first.pk != second.pk


def test_the_profile_offers_no_invitation_to_those_who_cannot_send_one(client, client_for, clara, fred, olga):
    assert "Invite to a project" not in client_for(clara).get("/u/fred").content.decode()  # no open projects
    posted(clara)
    assert "Invite to a project" not in client.get("/u/fred").content.decode()
    assert "Invite to a project" not in client_for(olga).get("/u/fred").content.decode()
    assert "Invite to a project" not in client_for(fred).get("/u/fred").content.decode()
    assert "Invite to a project" not in client_for(fred).get("/u/clara").content.decode()


def test_the_profile_form_cannot_invite_to_someone_elses_project(client_for, clara, fred, olga):
    project = posted(clara)
    intruder = make_user("cora", name="Cora Client", client=True)

    response = client_for(intruder).post("/projects/invite", {"freelancer": "fred", "project": project.pk})

    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_signed_out_people_are_sent_to_sign_in(client, clara, fred):
    project = posted(clara)

    response = client.post(f"/projects/{project.pk}/invite", {"freelancer": "fred"})

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
