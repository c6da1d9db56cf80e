"""The job feed: open projects ranked for a freelancer, each with its reasons.

Fred (Python and Django, £45/hr) sees Django work first and a logo job lower down; invite-only projects
appear only to those invited, at the top. Olga has no skills: she gets open public work by recency.
Clara is a client only, so she is told what the feed is; signed-out people are sent to sign in.
"""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from openhour.jobs.feed import job_feed
from openhour.jobs.models import Invitation, Project
from openhour.jobs.services.projects import invitation_send, project_close, project_post
from openhour.lib.errors import NotAllowed

pytestmark = pytest.mark.django_db


def posted(client, **fields: Any) -> Project:
    defaults: dict[str, Any] = {
        "title": "Django shop",
        "description": "Details to follow.",
        "category": "web-software",
        "skills": ["django", "python"],
        "budget_min": 50_000,
        "budget_max": 150_000,
    }
    return project_post(client=client, **(defaults | fields))


def logo(client) -> Project:
    return posted(client, title="Bakery logo", category="design", skills=["logo-design"], budget_max=60_000)


def feed_of(client, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/feed", params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


# ---- ranking -------------------------------------------------------------------------------------


def test_fred_sees_the_django_project_first_with_its_reasons(client_for, clara, fred):
    shop = posted(clara)
    bakery = logo(clara)  # newer, but shares nothing with Fred

    items = feed_of(client_for(fred))

    assert [item["id"] for item in items] == [str(shop.pk), str(bakery.pk)]
    assert items[0]["reasons"] == [
        "Matches 2 of your skills: Django, Python",
        "Budget fits your rate of £45/hr",
        "Posted today",
    ]
    assert items[1]["reasons"] == ["Budget fits your rate of £45/hr", "Posted today"]
    assert items[0]["score"] > items[1]["score"]
    assert items[0]["title"] == "Django shop"
    assert items[0]["client"]["username"] == "clara"


def test_more_shared_skills_rank_higher_and_the_category_counts(clara, fred):
    one = posted(clara, title="Python script", skills=["python"])
    two = posted(clara, title="Django and Python", skills=["django", "python"])
    category = posted(clara, title="Node API", skills=["nodejs"])
    other = logo(clara)

    items = job_feed(freelancer=fred)

    assert [item.project for item in items] == [two, one, category, other]
    assert "In Web & Software, where your skills are" in items[2].reasons
    assert items[1].reasons[0] == "Matches one of your skills: Python"


def test_the_budget_must_fit_the_rate(clara, fred):
    low = posted(clara, title="Hourly, too low", budget_type="hourly", budget_min=1_500, budget_max=3_000)
    fits = posted(clara, title="Hourly, fits", budget_type="hourly", budget_min=3_000, budget_max=6_000)
    small = posted(clara, title="Fixed, tiny", budget_min=5_000, budget_max=10_000)
    euros = posted(clara, title="In euros", currency="EUR")

    reasons = {item.project: item.reasons for item in job_feed(freelancer=fred)}

    fit = "Budget fits your rate of £45/hr"
    assert fit in reasons[fits]
    assert fit not in reasons[low] and fit not in reasons[small] and fit not in reasons[euros]


def test_newer_projects_rank_above_older_equals(clara, fred):
    with time_machine.travel(timezone.now() - timedelta(days=5)):
        old = posted(clara, title="Old")
    new = posted(clara, title="New")

    items = job_feed(freelancer=fred)

    assert [item.project for item in items] == [new, old]
    assert "Posted today" not in items[1].reasons


def test_closed_and_own_projects_are_left_out(clara, fred):
    project_close(project_id=posted(clara).pk, by=clara)
    fred.is_client = True
    fred.save(update_fields=["is_client"])
    posted(fred, title="Fred's own")

    assert job_feed(freelancer=fred) == []


# ---- invitations ---------------------------------------------------------------------------------


def test_invite_only_projects_appear_only_when_invited_and_on_top(client_for, clara, fred, olga):
    posted(clara, title="Public Django")
    secret = posted(clara, title="Secret", visibility="invite_only", skills=["logo-design"], category="design")
    assert "Secret" not in [item["title"] for item in feed_of(client_for(fred))]

    invitation_send(project_id=secret.pk, freelancer_username="fred", by=clara)

    items = feed_of(client_for(fred))
    assert items[0]["title"] == "Secret"
    assert items[0]["reasons"][0] == "You were invited"
    assert "Secret" not in [item["title"] for item in feed_of(client_for(olga))]


# ---- who gets what -------------------------------------------------------------------------------


def test_olga_without_skills_gets_public_work_by_recency(client_for, clara, olga):
    first = posted(clara)
    second = logo(clara)

    items = feed_of(client_for(olga))

    assert [item["id"] for item in items] == [str(second.pk), str(first.pk)]
    assert all(item["reasons"] == ["Posted today"] for item in items)


def test_clients_get_a_clear_refusal(client, client_for, clara):
    problem = client_for(clara).get("/api/v1/feed")
    assert problem.status_code == 403
    assert "freelancers" in problem.json()["error"]["message"]
    assert client.get("/api/v1/feed").status_code == 401
    with pytest.raises(NotAllowed):
        job_feed(freelancer=clara)


def test_the_feed_pages_with_a_cursor(client_for, clara, fred):
    for n in range(3):
        posted(clara, title=f"Job {n}")
    browser = client_for(fred)

    first = browser.get("/api/v1/feed", {"limit": 2}).json()
    second = browser.get("/api/v1/feed", {"limit": 2, "cursor": first["next_cursor"]}).json()

    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert second["next_cursor"] is None


def test_the_query_count_does_not_grow_with_projects(client_for, clara, fred):
    browser = client_for(fred)
    posted(clara)
    with CaptureQueriesContext(connection) as few:
        feed_of(browser)
    for n in range(15):
        posted(make_user(f"client{n}", name=f"Client {n}", client=True), title=f"Job {n}")
    with CaptureQueriesContext(connection) as many:
        assert len(feed_of(browser)) == 16

    assert len(many) == len(few)


def test_candidates_are_capped_with_invitations_kept(clara, fred, monkeypatch):
    monkeypatch.setattr("openhour.jobs.feed.CANDIDATES", 2)
    secret = posted(clara, title="Secret", visibility="invite_only")
    invitation_send(project_id=secret.pk, freelancer_username="fred", by=clara)
    for n in range(3):
        posted(clara, title=f"Job {n}")

    assert [item.project.title for item in job_feed(freelancer=fred)] == ["Secret", "Job 2"]
    assert Invitation.objects.count() == 1


# ---- page ----------------------------------------------------------------------------------------


def test_the_feed_page_lists_projects_with_reasons(client_for, clara, fred):
    posted(clara)

    response = client_for(fred).get("/feed")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Django shop" in html
    assert "Matches 2 of your skills: Django, Python" in html
    assert 'href="/feed"' in html  # the nav links freelancers to it


def test_the_feed_page_explains_itself_to_clients(client_for, clara):
    response = client_for(clara).get("/feed")

    assert response.status_code == 403
    html = response.content.decode()
    assert "The job feed is for freelancers" in html
    assert 'href="/feed"' not in html.split("<main")[0]


def test_signed_out_people_are_sent_to_sign_in(client):
    response = client.get("/feed")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
