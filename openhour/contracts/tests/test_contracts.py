"""Contracts made by hiring: visible to their two parties and operators only (404 for anyone else),
on a page and over /api/v1/contracts."""

import pytest
from django.test import Client

from openhour.contracts.models import Contract
from openhour.jobs.services.proposals import proposal_accept
from openhour.jobs.tests.proposal_kit import post, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def contract(clara, fred) -> Contract:
    return proposal_accept(proposal_id=send(post(clara), fred).pk, by=clara)


def test_the_contract_page_shows_parties_milestones_and_fee_schedule(contract, clara, fred, operator, client_for):
    for person in (clara, fred, operator):
        response = client_for(person).get(f"/contracts/{contract.pk}")
        assert response.status_code == 200
        page = response.content.decode()
        assert "Clara Client" in page and "Fred Freelancer" in page
        assert "Design" in page and "Build" in page and "Awaiting funding" in page
        assert "2026-11" in page and "£600" in page


def test_others_get_404_and_anonymous_readers_sign_in(contract, olga, client_for):
    assert client_for(olga).get(f"/contracts/{contract.pk}").status_code == 404
    assert client_for(olga).get("/contracts/999999").status_code == 404
    assert Client().get(f"/contracts/{contract.pk}").status_code == 302


def test_contracts_over_the_api(contract, clara, fred, olga, client_for):
    listed = client_for(fred).get("/api/v1/contracts").json()
    assert [item["id"] for item in listed["items"]] == [str(contract.pk)]
    assert listed["next_cursor"] is None
    assert client_for(olga).get("/api/v1/contracts").json()["items"] == []

    one = client_for(clara).get(f"/api/v1/contracts/{contract.pk}").json()
    assert (one["client"]["username"], one["freelancer"]["username"]) == ("clara", "fred")
    assert one["fee_schedule_version"] == "2026-11"
    assert [m["amount"]["amount"] for m in one["milestones"]] == [30_000, 30_000]
    assert [event["action"] for event in one["events"]] == ["start"]

    hidden = client_for(olga).get(f"/api/v1/contracts/{contract.pk}")
    assert (hidden.status_code, hidden.json()["error"]["code"]) == (404, "not_found")
    assert client_for(olga).get("/api/v1/contracts/nope").status_code == 404
    assert Client().get("/api/v1/contracts").status_code == 401
