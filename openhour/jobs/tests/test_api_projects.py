"""/api/v1/projects: clients post and edit projects; anyone browses the public ones.

Clara (a verified client) posts and edits her own projects. Fred is a freelancer without the client
role, so he may not post; Una has not verified her address, so she may not either. Invite-only
projects are seen by their client and operators only: Olga and anonymous readers get the same 404
as for a project that does not exist, whether they come with a session or a personal access token.
"""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from openhour.catalog.models import Skill
from openhour.jobs.models import Project, ProjectEvent, ProjectTimer
from openhour.jobs.services.projects import project_close, project_post

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/projects"


def gbp(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "GBP"}


def payload(**changes: Any) -> dict[str, Any]:
    base = {
        "title": "Django shop",
        "description": "A small online shop for hand-made soap.",
        "category": "web-software",
        "skills": ["django", "python"],
        "budget_type": "fixed",
        "budget_min": gbp(50_000),
        "budget_max": gbp(150_000),
        "visibility": "public",
    }
    return base | changes


def post(client: Client, data: dict[str, Any], **kwargs: Any):
    return client.post(PROJECTS, data, content_type="application/json", **kwargs)


def patch(client: Client, project: Project, data: dict[str, Any], **kwargs: Any):
    return client.patch(f"{PROJECTS}/{project.pk}", data, content_type="application/json", **kwargs)


def posted(client, **fields: Any) -> Project:
    """A project straight through the service, with sensible defaults."""
    defaults: dict[str, Any] = {
        "title": "Django shop",
        "description": "Details to follow.",
        "category": "web-software",
        "skills": ["django"],
        "budget_min": 50_000,
        "budget_max": 150_000,
    }
    return project_post(client=client, **(defaults | fields))


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def error(response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    return response.json()["error"]


# ---- posting -------------------------------------------------------------------------------------


def test_a_verified_client_posts_a_project(client_for, clara):
    data = payload(deadline=(timezone.localdate() + timedelta(days=20)).isoformat(), max_proposals=25)

    response = post(client_for(clara), data)

    assert response.status_code == 201, response.content
    body = response.json()
    project = Project.objects.get()
    assert body["id"] == str(project.pk)
    assert body["title"] == "Django shop"
    assert body["category"] == {"slug": "web-software", "name": "Web & Software", "label": "Web & Software"}
    assert sorted(skill["slug"] for skill in body["skills"]) == ["django", "python"]
    assert body["budget_type"] == "fixed"
    assert body["budget_min"] == gbp(50_000)
    assert body["budget_max"] == gbp(150_000)
    assert body["deadline"] == data["deadline"]
    assert body["visibility"] == "public"
    assert body["max_proposals"] == 25
    assert body["status"] == "open"
    assert body["client"] == {
        "username": "clara",
        "name": "Clara Client",
        "history": {"posted": 1, "hired": 0, "open": 1},
    }
    assert body["created_at"].endswith("Z")
    assert [(e["action"], e["actor"], e["from"], e["to"], e["note"]) for e in body["events"]] == [
        ("post", "client", "", "open", "")
    ]
    assert project.client == clara
    assert ProjectTimer.objects.filter(project=project, action="expire").count() == 1


def test_a_client_posts_with_a_personal_access_token_in_another_currency(client, clara, bearer):
    data = payload(
        budget_type="hourly",
        budget_min={"amount": 2000, "currency": "EUR"},
        budget_max={"amount": 4000, "currency": "EUR"},
        visibility="invite_only",
    )

    response = post(client, data, headers=bearer(clara))

    assert response.status_code == 201, response.content
    project = Project.objects.get()
    assert (project.currency, project.budget_min, project.budget_max) == ("EUR", 2000, 4000)
    assert response.json()["budget_max"] == {"amount": 4000, "currency": "EUR"}
    assert response.json()["visibility"] == "invite_only"


def test_signed_out_people_cannot_post(client, clara):
    assert error(post(client, payload()), 401)["code"] == "unauthenticated"
    assert error(post(client, payload(), headers={"Authorization": "Bearer not-a-token"}), 401)
    assert not Project.objects.exists()


def test_an_unverified_address_may_not_post(client_for, una):
    una.is_client = True
    una.save(update_fields=["is_client"])

    assert error(post(client_for(una), payload()), 403)["code"] == "email_unverified"
    assert not Project.objects.exists()


def test_a_freelancer_without_the_client_role_may_not_post(client_for, fred):
    assert error(post(client_for(fred), payload()), 403)["code"] == "forbidden"
    assert not Project.objects.exists()


def eleven_skills() -> list[str]:
    return list(Skill.objects.order_by("slug").values_list("slug", flat=True)[:11])


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget_min": gbp(200_000), "budget_max": gbp(100_000)}, "budget_max"),
        ({"budget_min": gbp(0)}, "budget_min"),
        ({"budget_min": gbp(-100)}, "budget_min.amount"),
        ({"budget_max": gbp(100_001)}, "budget_max"),  # the ceiling is set to £1,000 below
        ({"budget_max": {"amount": 150_000, "currency": "EUR"}}, "budget_max.currency"),
        ({"budget_max": {"amount": 150_000, "currency": "XXX"}}, "budget_max.currency"),
        ({"budget_max": 150_000}, "budget_max"),
        ({"deadline": "2001-01-01"}, "deadline"),
        ({"deadline": "tomorrow"}, "deadline"),
        ({"category": "knitting"}, "category"),
        ({"skills": ["django", "basket-weaving"]}, "skills"),
        ({"skills": "eleven"}, "skills"),
        ({"max_proposals": 0}, "max_proposals"),
        ({"max_proposals": 201}, "max_proposals"),
        ({"title": ""}, "title"),
        ({"title": "x" * 121}, "title"),
        ({"title": "Shop\x00"}, "title"),
        ({"description": ""}, "description"),
        ({"budget_type": "weekly"}, "budget_type"),
        ({"visibility": "secret"}, "visibility"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_input_is_refused_field_by_field_and_creates_nothing(client_for, clara, settings, changes, field):
    settings.AMOUNT_CEILING = 1000

    response = post(client_for(clara), payload(**changes))

    problem = error(response, 400)
    assert problem["code"] == "invalid"
    assert field in problem["fields"], problem
    assert not Project.objects.exists()
    assert not ProjectTimer.objects.exists()
    assert not ProjectEvent.objects.exists()


def test_more_than_ten_skills_are_refused(client_for, clara):
    problem = error(post(client_for(clara), payload(skills=eleven_skills())), 400)

    assert "at most 10" in problem["fields"]["skills"][0]
    assert not Project.objects.exists()


def test_a_required_field_left_out_is_named(client_for, clara):
    data = payload()
    del data["budget_min"]

    assert "budget_min" in error(post(client_for(clara), data), 400)["fields"]
    assert not Project.objects.exists()


def test_the_budget_may_reach_the_ceiling_exactly(client_for, clara, settings):
    settings.AMOUNT_CEILING = 1000

    response = post(client_for(clara), payload(budget_min=gbp(100_000), budget_max=gbp(100_000)))

    assert response.status_code == 201, response.content


def test_ten_skills_and_a_deadline_today_are_fine(client_for, clara):
    data = payload(skills=eleven_skills()[:10], deadline=timezone.localdate().isoformat())

    response = post(client_for(clara), data)

    assert response.status_code == 201, response.content
    assert len(response.json()["skills"]) == 10


# ---- reading -------------------------------------------------------------------------------------


@pytest.fixture
def market(clara, db):
    """Three of Clara's projects and two of Cora's, one of them posted two months ago."""
    cora = make_user("cora", name="Cora Customer", client=True)
    with time_machine.travel(timezone.now() - timedelta(days=60)):
        posted(
            cora,
            title="Old bookkeeping",
            category="business-admin",
            skills=["bookkeeping"],
            budget_min=10_000,
            budget_max=20_000,
        )
    posted(
        clara,
        title="Logo for a bakery",
        category="design",
        skills=["logo-design"],
        budget_min=20_000,
        budget_max=40_000,
    )
    posted(clara, title="Django shop", skills=["django", "python"], budget_min=100_000, budget_max=300_000)
    posted(clara, title="Data pipeline", skills=["python"], budget_type="hourly", budget_min=3000, budget_max=6000)
    posted(cora, title="Euro landing page", skills=["javascript"], currency="EUR", budget_min=50_000, budget_max=80_000)
    return cora


def test_anyone_lists_open_projects_newest_first(client, market):
    assert titles(client.get(PROJECTS)) == [
        "Euro landing page",
        "Data pipeline",
        "Django shop",
        "Logo for a bakery",
        "Old bookkeeping",
    ]


def test_a_listed_project_has_the_same_shape_as_its_detail(client, market):
    item = client.get(PROJECTS).json()["items"][1]
    detail = client.get(f"{PROJECTS}/{item['id']}").json()

    assert item == detail
    assert item["budget_type"] == "hourly"
    assert item["budget_min"] == gbp(3000)
    assert item["client"] == {
        "username": "clara",
        "name": "Clara Client",
        "history": {"posted": 3, "hired": 0, "open": 3},
    }
    assert "events" not in detail


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "design"}, ["Logo for a bakery"]),
        ({"skill": "python"}, ["Data pipeline", "Django shop"]),
        ({"budget_type": "hourly"}, ["Data pipeline"]),
        ({"budget_type": "fixed", "category": "web-software"}, ["Euro landing page", "Django shop"]),
        ({"min_budget": 30_000}, ["Django shop", "Logo for a bakery"]),
        ({"max_budget": 30_000}, ["Data pipeline", "Logo for a bakery", "Old bookkeeping"]),
        ({"min_budget": 15_000, "max_budget": 30_000}, ["Logo for a bakery", "Old bookkeeping"]),
        ({"min_budget": 60_000, "currency": "EUR"}, ["Euro landing page"]),
        ({"posted_within_days": 7}, ["Euro landing page", "Data pipeline", "Django shop", "Logo for a bakery"]),
        ({"q": "shop"}, ["Django shop"]),
        ({"q": "PYTHON"}, ["Data pipeline", "Django shop"]),  # a skill's name matches as well as the title
        ({"q": "bakery logo"}, ["Logo for a bakery"]),
        ({"q": "bakery python"}, []),
        ({"category": "no-such-category"}, []),
    ],
)
def test_filters_narrow_the_list(client, market, query, expected):
    assert titles(client.get(PROJECTS, query)) == expected


def test_sorts_by_budget_both_ways(client, market):
    gbp_only = {"currency": "GBP", "min_budget": 1}

    assert titles(client.get(PROJECTS, {**gbp_only, "sort": "budget"})) == [
        "Data pipeline",
        "Old bookkeeping",
        "Logo for a bakery",
        "Django shop",
    ]
    assert titles(client.get(PROJECTS, {**gbp_only, "sort": "-budget"})) == [
        "Django shop",
        "Logo for a bakery",
        "Old bookkeeping",
        "Data pipeline",
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"sort": "cheapest"},
        {"limit": 0},
        {"limit": 101},
        {"min_budget": -1},
        {"posted_within_days": 0},
        {"budget_type": "weekly"},
        {"currency": "XXX"},
        {"cursor": "forged"},
    ],
)
def test_bad_filters_are_bad_input(client, market, query):
    problem = error(client.get(PROJECTS, query), 400)

    assert set(problem["fields"]) == set(query)


def test_a_null_character_in_a_search_is_bad_input(client, market):
    assert client.get(PROJECTS, {"q": "sh\x00op"}).status_code == 400


def test_pages_follow_the_cursor_to_the_end(client, market):
    seen: list[str] = []
    query: dict[str, Any] = {"limit": 2}
    pages = 0
    while True:
        body = client.get(PROJECTS, query).json()
        seen += [item["title"] for item in body["items"]]
        pages += 1
        if body["next_cursor"] is None:
            break
        query["cursor"] = body["next_cursor"]

    assert pages == 3
    assert seen == titles(client.get(PROJECTS))


def test_closed_projects_leave_the_list_but_keep_their_page(client, clara, market):
    shop = Project.objects.get(title="Django shop")
    project_close(project_id=shop.pk, by=clara)

    assert "Django shop" not in titles(client.get(PROJECTS))
    assert client.get(f"{PROJECTS}/{shop.pk}").json()["status"] == "closed"


@pytest.mark.parametrize("project_id", ["999999", "abc", "1.5", "99999999999999999999999"])
def test_unknown_ids_are_404_in_the_error_format(client, client_for, clara, project_id):
    owner = client_for(clara)
    posted(clara)

    assert error(client.get(f"{PROJECTS}/{project_id}"), 404)["code"] == "not_found"
    assert error(owner.patch(f"{PROJECTS}/{project_id}", {"title": "New"}, content_type="application/json"), 404)
    assert error(owner.post(f"{PROJECTS}/{project_id}/close", {}, content_type="application/json"), 404)


# ---- invite-only projects ------------------------------------------------------------------------


@pytest.fixture
def private(clara):
    posted(clara, title="Public shop")
    return posted(clara, title="Secret rebrand", visibility="invite_only")


def test_olga_and_anonymous_readers_never_see_an_invite_only_project(client, client_for, bearer, olga, private):
    with_token = Client(headers=bearer(olga))
    for reader in (client, client_for(olga), with_token):
        assert titles(reader.get(PROJECTS)) == ["Public shop"]
        assert titles(reader.get(PROJECTS, {"q": "secret"})) == []
        assert error(reader.get(f"{PROJECTS}/{private.pk}"), 404)["code"] == "not_found"


def test_the_owner_and_operators_see_an_invite_only_project(client_for, bearer, clara, operator, private):
    for reader in (client_for(clara), Client(headers=bearer(clara)), client_for(operator)):
        assert titles(reader.get(PROJECTS)) == ["Secret rebrand", "Public shop"]
        assert reader.get(f"{PROJECTS}/{private.pk}").json()["title"] == "Secret rebrand"


def test_events_are_shown_to_the_owner_only(client, client_for, bearer, clara, olga, operator):
    project = posted(clara)
    project_close(project_id=project.pk, by=clara, note="Found someone offline")

    mine = Client(headers=bearer(clara)).get(f"{PROJECTS}/{project.pk}").json()

    assert [{key: value for key, value in event.items() if key != "at"} for event in mine["events"]] == [
        {"action": "post", "actor": "client", "from": "", "to": "open", "note": ""},
        {"action": "close", "actor": "client", "from": "open", "to": "closed", "note": "Found someone offline"},
    ]
    for reader in (client, client_for(olga), client_for(operator)):
        assert "events" not in reader.get(f"{PROJECTS}/{project.pk}").json()


def test_a_wrong_token_on_a_public_read_is_refused_rather_than_ignored(client, clara):
    project = posted(clara)

    response = client.get(f"{PROJECTS}/{project.pk}", headers={"Authorization": "Bearer not-a-token"})

    assert error(response, 401)["code"] == "unauthenticated"


# ---- editing -------------------------------------------------------------------------------------


def test_the_owner_edits_some_fields_and_leaves_the_rest(client_for, clara):
    project = posted(clara, deadline=timezone.localdate() + timedelta(days=9), max_proposals=10)

    response = patch(
        client_for(clara),
        project,
        {
            "title": "Django shop with payments",
            "skills": ["django", "api-integration"],
            "budget_max": gbp(200_000),
            "max_proposals": None,
        },
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Django shop with payments"
    assert sorted(skill["slug"] for skill in body["skills"]) == ["api-integration", "django"]
    assert body["budget_min"] == gbp(50_000)
    assert body["budget_max"] == gbp(200_000)
    assert body["max_proposals"] is None
    assert body["deadline"] == project.deadline.isoformat()
    assert body["description"] == "Details to follow."
    project.refresh_from_db()
    assert project.title == "Django shop with payments"


def test_the_owner_changes_the_currency_by_sending_both_ends_of_the_budget(client, clara, bearer):
    project = posted(clara)
    usd = {"budget_min": {"amount": 60_000, "currency": "USD"}, "budget_max": {"amount": 90_000, "currency": "USD"}}

    assert patch(client, project, usd, headers=bearer(clara)).status_code == 200

    project.refresh_from_db()
    assert (project.currency, project.budget_min, project.budget_max) == ("USD", 60_000, 90_000)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"budget_max": {"amount": 200_000, "currency": "EUR"}}, "budget_max.currency"),
        ({"budget_min": gbp(500_000)}, "budget_max"),
        ({"title": None}, "title"),
        ({"budget_min": None}, "budget_min"),
        ({"category": "knitting"}, "category"),
        ({"deadline": "2001-01-01"}, "deadline"),
        ({"status": "hired"}, "status"),
        ({"client": "olga"}, "client"),
    ],
)
def test_bad_edits_change_nothing(client_for, clara, changes, field):
    project = posted(clara)
    before = Project.objects.filter(pk=project.pk).values().get()

    problem = error(patch(client_for(clara), project, changes), 400)

    assert field in problem["fields"], problem
    assert Project.objects.filter(pk=project.pk).values().get() == before


def test_only_the_owner_may_edit(client, client_for, bearer, clara, olga, fred, operator):
    project = posted(clara)

    for other in (client_for(olga), Client(headers=bearer(fred)), client_for(operator)):
        assert error(patch(other, project, {"title": "Mine now"}), 404)["code"] == "not_found"
    assert error(patch(client, project, {"title": "Mine now"}), 401)["code"] == "unauthenticated"
    project.refresh_from_db()
    assert project.title == "Django shop"


def test_a_closed_project_cannot_be_edited(client_for, clara):
    project = posted(clara)
    project_close(project_id=project.pk, by=clara)

    assert error(patch(client_for(clara), project, {"title": "Again"}), 409)["code"] == "project_closed"


# ---- cost ----------------------------------------------------------------------------------------


def queries_for(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_the_list_costs_the_same_queries_however_many_projects_there_are(client_for, clara):
    cora = make_user("cora", name="Cora Customer", client=True)
    reader = client_for(clara)
    for n in range(3):
        posted(clara if n % 2 else cora, title=f"Project {n}", skills=["django", "python"])
    few = queries_for(reader, f"{PROJECTS}?limit=100")

    for n in range(3, 30):
        other = make_user(f"client{n}", name=f"Client {n}", client=True)
        posted(other, title=f"Project {n}", skills=["django", "python", "react"])
    many = queries_for(reader, f"{PROJECTS}?limit=100")

    assert many == few
    assert many <= 5  # session, user, the page, its skills, the clients' histories
