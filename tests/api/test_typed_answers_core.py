"""The typed answers of accounts, jobs and catalog tell the truth: real answers, asked for over HTTP as a client
would, match the success schema that /api/v1/openapi.json gives for their operation, key for key and type for type.

Clara (a client) posts a project, hires and orders; Fred (a freelancer) proposes and sells; both use tokens.
A key that only some viewers get is absent for the others, never null: those absences are checked too."""

from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD
from openhour.catalog.tests.test_hourlies_services import service
from tests.api.answers import mismatches

pytestmark = pytest.mark.django_db

API = "/api/v1"


def ask(schema: dict, client: Client, method: str, template: str, data: Any = None, status: int = 200, **params) -> Any:
    """The answer to one operation, after checking it against the operation's schema for `status`."""
    path = API + template.format(**params)
    if method == "get":
        response = client.get(path, data)
    else:
        response = getattr(client, method)(path, data or {}, content_type="application/json")
    assert response.status_code == status, response.content
    answer = response.json()
    success = schema["paths"][API + template][method]["responses"][str(status)]
    problems = mismatches(answer, success["content"]["application/json"]["schema"], schema["components"]["schemas"])
    assert problems == [], (method, template, problems)
    return answer


def gbp(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "GBP"}


def test_people_answers_match_their_schema(schema, clara, fred, bearer):
    as_fred, anyone = Client(headers=bearer(fred)), Client()
    ask(schema, as_fred, "get", "/me")
    ask(schema, as_fred, "get", "/me/profile")
    ask(schema, as_fred, "get", "/auth/tokens")
    ask(schema, as_fred, "get", "/me/sessions")
    credentials = {"email": clara.email, "password": PASSWORD, "label": "laptop"}
    ask(schema, anyone, "post", "/auth/tokens", credentials, status=201)

    freelancer = ask(schema, anyone, "get", "/users/{username}", username="fred")
    client = ask(schema, anyone, "get", "/users/{username}", username="clara")
    assert freelancer["hourly_rate"] == gbp(4500) and "company" not in freelancer
    assert client["company"]["name"] == "" and not {"skills", "hourly_rate", "availability"} & client.keys()
    found = ask(schema, anyone, "get", "/freelancers", {"q": "Fred"})
    assert [person["username"] for person in found["items"]] == ["fred"]
    ask(schema, anyone, "get", "/languages")


def test_project_and_proposal_answers_match_their_schema(schema, clara, fred, bearer):
    as_clara, as_fred = Client(headers=bearer(clara)), Client(headers=bearer(fred))
    project = {
        "title": "Django shop",
        "description": "A small online shop for hand-made soap.",
        "category": "web-software",
        "skills": ["django", "python"],
        "budget_min": gbp(50_000),
        "budget_max": gbp(150_000),
    }
    posted = ask(schema, as_clara, "post", "/projects", project, status=201)
    assert posted["events"]  # only its client sees how it got to its status
    seen = ask(schema, as_fred, "get", "/projects/{project_id}", project_id=posted["id"])
    assert "events" not in seen
    ask(schema, Client(), "get", "/projects")
    ask(schema, as_fred, "get", "/feed")

    terms = {
        "cover_letter": "I have built many shops like this one.",
        "price": gbp(60_000),
        "delivery_days": 14,
        "milestones": [
            {"title": "Design", "amount": gbp(30_000), "due_in_days": 7},
            {"title": "Build", "amount": gbp(30_000), "due_in_days": 14},
        ],
    }
    proposal = ask(
        schema, as_fred, "post", "/projects/{project_id}/proposals", terms, status=201, project_id=posted["id"]
    )
    ask(schema, as_clara, "get", "/projects/{project_id}/proposals", project_id=posted["id"])
    ask(schema, as_fred, "get", "/fees/preview", {"amount": 60_000, "client": "clara", "freelancer": "fred"})
    hired = ask(schema, as_clara, "post", "/proposals/{proposal_id}/accept", status=201, proposal_id=proposal["id"])
    assert hired["contract"]["proposal"] == proposal["id"]
    ask(schema, Client(), "get", "/insights/rates")


def test_catalog_answers_match_their_schema(schema, clara, fred, bearer):
    as_clara, as_fred, anyone = Client(headers=bearer(clara)), Client(headers=bearer(fred)), Client()
    ask(schema, anyone, "get", "/categories")
    ask(schema, anyone, "get", "/skills", {"q": "dj"})

    hourlie = ask(schema, as_fred, "post", "/hourlies", service(), status=201)
    listed = ask(schema, anyone, "get", "/hourlies")
    assert "packages" not in listed["items"][0]  # a list shows services without their packages
    card = {"method": "card", "card_token": "tok_3ds"}
    order = {"package": "Basic", "requirements": "Fix the login bug.", "payment": card}
    placed = ask(schema, as_clara, "post", "/hourlies/{hourlie_id}/orders", order, status=201, hourlie_id=hourlie["id"])
    assert placed["payment"]["next_action"]["url"]  # a card waiting for 3-D Secure says where to confirm
    cancelled = ask(schema, as_clara, "post", "/orders/{order_id}/cancel", order_id=placed["id"])
    assert "payment" not in cancelled  # only the operations that take a payment say how it went

    unpaid = {"package": "Basic", "requirements": "Fix the signup bug."}
    waiting = ask(
        schema, as_clara, "post", "/hourlies/{hourlie_id}/orders", unpaid, status=201, hourlie_id=hourlie["id"]
    )
    assert waiting["payment"] is None
    by_card = {"method": "card", "card_token": "tok_visa"}
    paid = ask(schema, as_clara, "post", "/orders/{order_id}/pay", by_card, order_id=waiting["id"])
    assert paid["payment"]["status"] == "succeeded" and paid["payment"]["next_action"] is None
    ask(schema, as_clara, "get", "/orders")
