"""/api/v1 proposals: send, list, read, edit, withdraw, shortlist, decline, accept, and fee previews.

Fred and Olga propose on Clara's project. A freelancer never sees another freelancer's proposal;
the project's proposals are for Clara only (404 for everyone else, as if the list did not exist).
"""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.accounts.services import profile_update
from openhour.contracts.models import Contract
from openhour.jobs.models import Proposal
from openhour.jobs.services.projects import project_close
from openhour.jobs.tests.proposal_kit import post, send

pytestmark = pytest.mark.django_db


def gbp(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "GBP"}


def body(price: int = 60_000, **changes: Any) -> dict[str, Any]:
    base = {
        "cover_letter": "I have built many shops like this one.",
        "price": gbp(price),
        "delivery_days": 14,
        "milestones": [
            {"title": "Design", "amount": price // 2, "due_in_days": 7},
            {"title": "Build", "amount": price - price // 2, "due_in_days": 14},
        ],
    }
    return base | changes


def api(client_for, user) -> Client:
    return client_for(user) if user is not None else Client()


def test_sending_answers_201_with_the_fee_preview(clara, fred, client_for):
    project = post(clara)
    response = client_for(fred).post(
        f"/api/v1/projects/{project.pk}/proposals", body(), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    out = response.json()
    assert out["status"] == "submitted"
    assert out["price"] == gbp(60_000)
    assert [m["amount"] for m in out["milestones"]] == [gbp(30_000), gbp(30_000)]
    assert out["fee_preview"] == {
        "amount": gbp(60_000),
        "fee": gbp(10_750),
        "receive": gbp(49_250),
        "schedule_version": "2026-11",
    }


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"milestones": [{"title": "All", "amount": 1_000, "due_in_days": 7}]}, "milestones"),
        ({"milestones": []}, "milestones"),
        ({"price": {"amount": 60_000, "currency": "EUR"}}, "price.currency"),
        ({"delivery_days": 0}, "delivery_days"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_input_is_400_with_the_field(clara, fred, client_for, changes, field):
    project = post(clara)
    url = f"/api/v1/projects/{project.pk}/proposals"
    response = client_for(fred).post(url, body() | changes, content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_refusals_have_stable_codes(clara, fred, olga, una, client_for):
    project = post(clara)
    url = f"/api/v1/projects/{project.pk}/proposals"

    def code(user, target=url):
        response = client_for(user).post(target, body(), content_type="application/json")
        return response.status_code, response.json()["error"]["code"]

    assert code(una) == (403, "email_unverified")
    assert client_for(fred).post(url, body(), content_type="application/json").status_code == 201
    assert code(fred) == (409, "already_proposed")
    assert code(fred, "/api/v1/projects/999999/proposals") == (404, "not_found")
    project_close(project_id=project.pk, by=clara)
    assert code(olga) == (409, "project_closed")
    assert Client().post(url, body(), content_type="application/json").status_code == 401


def test_the_projects_proposals_are_for_its_client_only(clara, fred, olga, client_for):
    project = post(clara)
    send(project, fred)
    send(project, olga)
    url = f"/api/v1/projects/{project.pk}/proposals"

    assert len(client_for(clara).get(url).json()["items"]) == 2
    for other in (fred, olga):
        response = client_for(other).get(url)
        assert (response.status_code, response.json()["error"]["code"]) == (404, "not_found")
    assert Client().get(url).status_code == 401


def test_a_freelancer_sees_only_their_own_proposals(clara, fred, olga, client_for):
    project = post(clara)
    mine, hers = send(project, fred), send(project, olga)

    listed = client_for(fred).get("/api/v1/proposals").json()["items"]
    assert [item["id"] for item in listed] == [str(mine.pk)]
    assert client_for(fred).get(f"/api/v1/proposals/{mine.pk}").status_code == 200
    assert client_for(fred).get(f"/api/v1/proposals/{hers.pk}").status_code == 404
    taken = client_for(fred).patch(
        f"/api/v1/proposals/{hers.pk}", {"cover_letter": "Mine."}, content_type="application/json"
    )
    assert taken.status_code == 404
    outsider = make_user("ozzy", name="Ozzy Outsider", freelancer=True)
    assert client_for(outsider).get(f"/api/v1/proposals/{mine.pk}").status_code == 404
    assert client_for(outsider).get("/api/v1/proposals").json()["items"] == []


def test_the_client_reading_it_ends_editing(clara, fred, client_for):
    proposal = send(post(clara), fred)
    url = f"/api/v1/proposals/{proposal.pk}"
    edited = client_for(fred).patch(url, {"cover_letter": "A better letter."}, content_type="application/json")
    assert (edited.status_code, edited.json()["cover_letter"]) == (200, "A better letter.")
    assert client_for(fred).get(url).json()["viewed_at"] is None  # the freelancer reading it changes nothing

    assert client_for(clara).get(url).status_code == 200

    refused = client_for(fred).patch(url, {"cover_letter": "Too late."}, content_type="application/json")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "proposal_viewed")


def test_state_changes_over_http(clara, fred, olga, client_for):
    project = post(clara)
    proposal, other = send(project, fred), send(project, olga)
    base = "/api/v1/proposals"

    assert client_for(fred).post(f"{base}/{proposal.pk}/shortlist").status_code == 403
    assert client_for(clara).post(f"{base}/{proposal.pk}/shortlist").json()["status"] == "shortlisted"
    declined = client_for(clara).post(
        f"{base}/{other.pk}/decline", {"reason": "Too far away."}, content_type="application/json"
    )
    assert (declined.json()["status"], declined.json()["decline_reason"]) == ("declined", "Too far away.")
    gone = client_for(olga).post(f"{base}/{other.pk}/withdraw", {}, content_type="application/json")
    assert (gone.status_code, gone.json()["error"]["code"]) == (409, "proposal_declined")
    assert client_for(olga).get(f"{base}/{other.pk}").json()["decline_reason"] == "Too far away."
    withdrawn = client_for(fred).post(f"{base}/{proposal.pk}/withdraw", {}, content_type="application/json")
    assert withdrawn.json()["status"] == "withdrawn"


def test_accepting_answers_201_with_the_contract(clara, fred, olga, client_for):
    project = post(clara)
    proposal, other = send(project, fred), send(project, olga)
    url = f"/api/v1/proposals/{proposal.pk}/accept"

    assert client_for(olga).post(url).status_code == 404
    assert client_for(fred).post(url).status_code == 403
    response = client_for(clara).post(url)

    assert response.status_code == 201
    contract = response.json()["contract"]
    assert (contract["status"], contract["fee_schedule_version"]) == ("active", "2026-11")
    assert contract["title"] == "Django shop"
    assert [(m["title"], m["amount"], m["status"]) for m in contract["milestones"]] == [
        ("Design", gbp(30_000), "awaiting_funding"),
        ("Build", gbp(30_000), "awaiting_funding"),
    ]
    assert Proposal.objects.get(pk=other.pk).status == "closed"
    again = client_for(clara).post(url)
    assert (again.status_code, again.json()["error"]["code"]) == (409, "proposal_accepted")
    late = client_for(clara).post(f"/api/v1/proposals/{other.pk}/accept")
    assert (late.status_code, late.json()["error"]["code"]) == (409, "proposal_closed")
    assert Contract.objects.count() == 1


def test_sorting_best_match_then_price(clara, fred, olga, client_for):
    project = post(clara)  # wants django and python: Fred has both, Olga none
    pricey = send(project, fred, price=90_000)
    cheap = send(project, olga, price=40_000)
    url = f"/api/v1/projects/{project.pk}/proposals"

    def order(sort: str) -> list[str]:
        return [item["id"] for item in client_for(clara).get(url, {"sort": sort}).json()["items"]]

    assert order("best") == [str(pricey.pk), str(cheap.pk)]
    assert order("price") == [str(cheap.pk), str(pricey.pk)]
    assert order("newest") == [str(cheap.pk), str(pricey.pk)]
    profile_update(user=olga, skills=["python", "django"])
    assert order("best") == [str(cheap.pk), str(pricey.pk)]  # the same overlap: the lower price first


def test_the_owners_list_costs_the_same_queries_for_many_proposals(clara, client_for):
    project = post(clara)
    browser = client_for(clara)
    url = f"/api/v1/projects/{project.pk}/proposals"

    def add(n: int) -> None:
        for i in range(n):
            freelancer = make_user(f"free{Proposal.objects.count()}x{i}", name="Free Lancer", freelancer=True)
            send(project, freelancer)

    add(2)
    with CaptureQueriesContext(connection) as few:
        assert len(browser.get(url).json()["items"]) == 2
    add(8)
    with CaptureQueriesContext(connection) as many:
        assert len(browser.get(url).json()["items"]) == 10
    assert len(many) == len(few)


def test_fee_preview_for_a_pair(clara, fred, client_for):
    url = "/api/v1/fees/preview"
    query = {"amount": 600_000, "currency": "GBP", "client": "clara", "freelancer": "fred"}
    out = client_for(fred).get(url, query).json()
    # 20% of £500, 7.5% of £4,500, 3.5% of £1,000
    assert out["fee"] == gbp(10_000 + 33_750 + 3_500)
    assert out["receive"] == gbp(600_000 - 47_250)
    assert (out["client_fee"], out["client_pays"]) == (gbp(30_000), gbp(630_000))  # 5% on top for the client
    assert Client().get(url, query).status_code == 401
    missing = client_for(fred).get(url, query | {"client": "nobody"})
    assert (missing.status_code, list(missing.json()["error"]["fields"])) == (400, ["client"])
    assert client_for(fred).get(url, query | {"amount": 0}).status_code == 400
