"""Money in proposals over /api/v1: a price and milestone amounts are {"amount", "currency"} objects in the
project's currency; a milestone's bare integer (the old shape) still works, deprecated. Amounts are integers,
never text or true/false, up to the cap the server applies and the schema states. The fee preview's `amount`
query is digits only, up to the same cap.

Clara posts a project in pounds; Fred proposes on it. A refused proposal is not made, a refused edit changes
nothing.
"""

from typing import Any

import pytest
from django.test import Client

from openhour.jobs.models import Project, Proposal
from openhour.money.tests.test_api_strict_amounts import (
    NOT_AMOUNTS,
    body_schema,
    deprecated_integer,
    field_schema,
    fields_of,
    gbp,
    money_maxima,
    openapi,
    server_cap,
)

pytestmark = pytest.mark.django_db

JSON = "application/json"
PROPOSALS = "/api/v1/projects/{project_id}/proposals"


@pytest.fixture
def project(clara, client_for) -> Project:
    body = {
        "title": "Django shop",
        "description": "A small online shop for hand-made soap.",
        "category": "web-software",
        "skills": ["django", "python"],
        "budget_min": gbp(50_000),
        "budget_max": gbp(150_000),
    }
    posted = client_for(clara).post("/api/v1/projects", body, content_type=JSON)
    assert posted.status_code == 201, posted.content
    return Project.objects.get(pk=posted.json()["id"])


def proposal(*amounts: Any, price: Any = None) -> dict[str, Any]:
    """Fred's terms: one milestone per amount, and a price of 60,000 pence unless told otherwise."""
    rows = [{"title": f"Part {n + 1}", "amount": amount, "due_in_days": 7} for n, amount in enumerate(amounts)]
    return {
        "cover_letter": "I have built many shops like this one.",
        "price": gbp(60_000) if price is None else price,
        "delivery_days": 14,
        "milestones": rows,
    }


def send(client: Client, project: Project, body: dict[str, Any]) -> Any:
    return client.post(PROPOSALS.format(project_id=project.pk), body, content_type=JSON)


def stored_amounts(proposal: Proposal) -> list[int]:
    return [m.amount for m in proposal.milestones.order_by("position")]


def test_milestone_amounts_take_money_objects(project, fred, client_for):
    sent = send(client_for(fred), project, proposal(gbp(20_000), gbp(40_000)))

    assert sent.status_code == 201, sent.content
    assert [m["amount"] for m in sent.json()["milestones"]] == [gbp(20_000), gbp(40_000)]
    made = Proposal.objects.get()
    assert (made.price, stored_amounts(made)) == (60_000, [20_000, 40_000])


def test_a_bare_integer_milestone_amount_still_works(project, fred, client_for):
    sent = send(client_for(fred), project, proposal(20_000, gbp(40_000)))

    assert sent.status_code == 201, sent.content
    assert stored_amounts(Proposal.objects.get()) == [20_000, 40_000]


def test_a_milestone_in_another_currency_is_refused_by_name_and_nothing_is_made(project, fred, client_for):
    euros = {"amount": 40_000, "currency": "EUR"}
    refused = send(client_for(fred), project, proposal(gbp(20_000), euros))

    assert list(fields_of(refused)) == ["milestones.1.amount.currency"]
    assert "GBP" in refused.json()["error"]["message"]
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [(proposal(bad), "milestones.0.amount") for bad in NOT_AMOUNTS[:3]]
    + [(proposal(gbp(bad)), "milestones.0.amount.amount") for bad in NOT_AMOUNTS]
    + [(proposal(60_000, price=gbp(bad)), "price.amount") for bad in NOT_AMOUNTS],
)
def test_an_amount_that_is_not_an_integer_is_refused_and_nothing_is_made(project, fred, client_for, body, field):
    assert field in fields_of(send(client_for(fred), project, body))
    assert not Proposal.objects.exists()


def test_amounts_above_the_cap_are_refused_and_the_schema_says_so(project, fred, client_for):
    doc = openapi()
    schema = body_schema(doc, PROPOSALS)
    milestone = field_schema(doc, schema, "milestones", "items", "amount")
    assert money_maxima(doc, milestone) == {"object": server_cap(), "integer": server_cap()}
    assert deprecated_integer(doc, milestone)
    assert money_maxima(doc, field_schema(doc, schema, "price")) == {"object": server_cap()}

    too_much = server_cap() + 1
    for body in (
        proposal(gbp(too_much), price=gbp(too_much)),
        proposal(too_much, price=gbp(too_much)),
        proposal(too_much),
    ):
        assert send(client_for(fred), project, body).status_code == 400
    assert not Proposal.objects.exists()


# ---- edits ------------------------------------------------------------------------------------------


def edit(client: Client, made: dict[str, Any], changes: dict[str, Any]) -> Any:
    return client.patch(f"/api/v1/proposals/{made['id']}", changes, content_type=JSON)


def test_an_edit_takes_money_objects_and_checks_their_currency(project, fred, client_for):
    made = send(client_for(fred), project, proposal(30_000, 30_000)).json()
    rows = [{"title": "All of it", "amount": gbp(60_000), "due_in_days": 14}]

    edited = edit(client_for(fred), made, {"milestones": rows})
    assert edited.status_code == 200, edited.content
    assert stored_amounts(Proposal.objects.get()) == [60_000]

    euros = [row | {"amount": {"amount": 60_000, "currency": "EUR"}} for row in rows]
    refused = edit(client_for(fred), made, {"milestones": euros, "cover_letter": "Changed."})
    assert list(fields_of(refused)) == ["milestones.0.amount.currency"]
    unchanged = Proposal.objects.get()
    assert (unchanged.cover_letter, stored_amounts(unchanged)) == ("I have built many shops like this one.", [60_000])


@pytest.mark.parametrize("bad", NOT_AMOUNTS[:3])
def test_an_edit_with_an_amount_that_is_not_an_integer_changes_nothing(project, fred, client_for, bad):
    made = send(client_for(fred), project, proposal(30_000, 30_000)).json()
    rows = [{"title": "All of it", "amount": bad, "due_in_days": 14}]

    assert "milestones.0.amount" in fields_of(edit(client_for(fred), made, {"milestones": rows}))
    assert stored_amounts(Proposal.objects.get()) == [30_000, 30_000]


# ---- the fee preview --------------------------------------------------------------------------------

FEES = "/api/v1/fees/preview"


def preview(client: Client, amount: str) -> Any:
    return client.get(FEES, {"amount": amount, "currency": "GBP", "client": "clara", "freelancer": "fred"})


def test_the_fee_preview_amount_is_digits_up_to_the_cap(clara, fred, client_for):
    doc = openapi()
    (amount,) = [p for p in doc["paths"][FEES]["get"]["parameters"] if p["name"] == "amount"]
    assert amount["schema"]["maximum"] == server_cap()

    assert preview(client_for(fred), "60000").json()["amount"] == gbp(60_000)
    assert preview(client_for(fred), str(server_cap())).status_code == 200
    assert preview(client_for(fred), "60000.0").json()["amount"] == gbp(60_000)  # an integer, to JSON Schema
    for bad in ("true", "1_000", " 100", "100.5", "+100", "１００", "", str(server_cap() + 1)):
        assert "amount" in fields_of(preview(client_for(fred), bad)), bad
