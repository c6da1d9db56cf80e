"""The typed answers of accounts, jobs and catalog tell the truth: real answers, asked for over HTTP as a client
would, match the success schema that /api/v1/openapi.json gives for their operation, key for key and type for type.

Clara (a client) posts a project, hires and orders; Fred (a freelancer) proposes and sells; both use tokens.
A key that only some viewers get is absent for the others, never null: those absences are checked too."""

from datetime import date, datetime
from typing import Any

import pytest
from django.test import Client

from conftest import PASSWORD
from openhour.catalog.tests.test_hourlies_services import service

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        return Client().get(f"{API}/openapi.json").json()


NULL = {"type": "null"}
SCALARS = {
    "string": lambda value: isinstance(value, str),
    "integer": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "number": lambda value: isinstance(value, int | float) and not isinstance(value, bool),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
}


def mismatches(value: Any, node: dict, components: dict, where: str = "$") -> list[str]:
    """Where `value` (decoded JSON) departs from the JSON schema `node`: the subset of JSON Schema that ninja and
    pydantic write (refs, anyOf, allOf, objects, arrays, scalars, date formats). An object may hold no key the
    schema does not list, and a schema that says nothing of a value's type is itself a departure."""
    if "$ref" in node:
        siblings = {key: part for key, part in node.items() if key != "$ref"}
        node = components[node["$ref"].rsplit("/", 1)[1]] | siblings
    if "anyOf" in node:
        found = [mismatches(value, option, components, where) for option in node["anyOf"]]
        if not all(found):
            return []
        others = [problems for option, problems in zip(node["anyOf"], found, strict=True) if option != NULL]
        return others[0] if len(others) == 1 else [f"{where}: {value!r} is none of {node['anyOf']}"]
    if "allOf" in node:
        return [problem for part in node["allOf"] for problem in mismatches(value, part, components, where)]
    kind = node.get("type")
    if kind == "object":
        return _object_mismatches(value, node, components, where)
    if kind == "array":
        if not isinstance(value, list):
            return [f"{where}: {value!r} is not an array"]
        return [
            problem
            for n, item in enumerate(value)
            for problem in mismatches(item, node["items"], components, f"{where}[{n}]")
        ]
    if kind in SCALARS:
        if SCALARS[kind](value) and _formatted(value, node.get("format")):
            return []
        return [f"{where}: {value!r} is not {kind} {node.get('format', '')}"]
    return [f"{where}: the schema does not say what {value!r} is"]


def _object_mismatches(value: Any, node: dict, components: dict, where: str) -> list[str]:
    properties = node.get("properties")
    if not isinstance(value, dict) or not properties:
        return [f"{where}: {value!r} against an object schema with properties {properties}"]
    problems = [f"{where}: undeclared key {key!r}" for key in value.keys() - properties.keys()]
    problems += [f"{where}: required key {key!r} missing" for key in set(node.get("required", [])) - value.keys()]
    for key in value.keys() & properties.keys():
        problems += mismatches(value[key], properties[key], components, f"{where}.{key}")
    return problems


def _formatted(value: Any, kind: str | None) -> bool:
    try:
        if kind == "date-time":
            datetime.fromisoformat(value)
        elif kind == "date":
            date.fromisoformat(value)
    except ValueError:
        return False
    return True


def test_the_checker_refuses_a_lie():
    components = {"MoneyOut": {"type": "object", "properties": {"amount": {"type": "integer"}}, "required": ["amount"]}}
    ref = {"$ref": "#/components/schemas/MoneyOut"}
    assert mismatches({"amount": 5}, ref, components) == []
    assert mismatches({"amount": "5"}, ref, components)  # a wrong type
    assert mismatches({}, ref, components)  # a required key missing
    assert mismatches({"amount": 5, "currency": "GBP"}, ref, components)  # a key the schema hides
    assert mismatches({"amount": 5}, {"type": "object"}, components)  # a bare object says nothing


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
