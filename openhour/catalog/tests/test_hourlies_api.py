"""/api/v1/hourlies and /api/v1/orders: Fred sells, Clara buys, Olga sees only what is public.

Paused services answer 404 to everyone but their freelancer and operators; an order is seen by its
client, the service's freelancer and operators only.
"""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.catalog.models import Hourlie, Order
from openhour.catalog.services import hourlies
from openhour.catalog.tests.test_hourlies_services import publish, service

pytestmark = pytest.mark.django_db

HOURLIES = "/api/v1/hourlies"


def post(client: Client, path: str, data: dict[str, Any] | None = None):
    return client.post(path, data or {}, content_type="application/json")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_a_freelancer_publishes_over_the_api(client_for, fred):
    response = post(client_for(fred), HOURLIES, service())

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "published"
    assert body["starting_price"] == {"amount": 5000, "currency": "GBP"}
    assert [p["name"] for p in body["packages"]] == ["Basic", "Standard", "Premium"]
    assert body["packages"][1]["price"] == {"amount": 12000, "currency": "GBP"}
    assert body["extras"][0] == {
        "id": body["extras"][0]["id"],
        "title": "Tests for the fix",
        "price": {"amount": 2500, "currency": "GBP"},
        "extra_days": 1,
    }


def test_bad_input_is_a_400_with_the_field(client_for, fred):
    bad = service(
        packages=[{"name": "A", "price": 100, "delivery_days": 1}, {"name": "B", "price": 0, "delivery_days": 1}]
    )
    response = post(client_for(fred), HOURLIES, bad)

    assert response.status_code == 400
    assert "packages.1.price" in response.json()["error"]["fields"]
    assert post(client_for(fred), HOURLIES, service(colour="red")).status_code == 400
    assert not Hourlie.objects.exists()


def test_who_may_publish(client, client_for, clara, una):
    assert post(client, HOURLIES, service()).status_code == 401
    assert post(client_for(clara), HOURLIES, service()).status_code == 403
    response = post(client_for(una), HOURLIES, service())
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "email_unverified"


@pytest.fixture
def shop(fred, olga):
    return {
        "bug": publish(fred),
        "logo": publish(
            olga,
            title="A logo for your bakery",
            category="design",
            skills=["logo-design"],
            packages=[{"name": "Sketch", "price": 9000, "delivery_days": 3}],
            extras=[],
        ),
        "euro": publish(
            olga,
            title="Proofreading in English",
            category="writing-translation",
            skills=["proofreading"],
            currency="EUR",
            packages=[{"name": "Short", "price": 2000, "delivery_days": 1}],
            extras=[],
        ),
    }


def test_browse_filters_and_sorts(client, shop):
    everything = ["Proofreading in English", "A logo for your bakery", "A Django bug fixed"]
    assert titles(client.get(HOURLIES)) == everything
    assert titles(client.get(HOURLIES, {"q": "bakery logo"})) == ["A logo for your bakery"]
    assert titles(client.get(HOURLIES, {"q": "python"})) == ["A Django bug fixed"]  # a skill name
    assert titles(client.get(HOURLIES, {"category": "design"})) == ["A logo for your bakery"]
    assert titles(client.get(HOURLIES, {"skill": "django"})) == ["A Django bug fixed"]
    assert titles(client.get(HOURLIES, {"max_price": 8000})) == ["A Django bug fixed"]  # GBP by default
    assert titles(client.get(HOURLIES, {"max_price": 8000, "currency": "EUR"})) == ["Proofreading in English"]
    assert titles(client.get(HOURLIES, {"currency": "GBP", "sort": "price"})) == [
        "A Django bug fixed",
        "A logo for your bakery",
    ]
    assert titles(client.get(HOURLIES, {"currency": "GBP", "sort": "-price"})) == [
        "A logo for your bakery",
        "A Django bug fixed",
    ]
    assert client.get(HOURLIES, {"sort": "cheap"}).status_code == 400
    page = client.get(HOURLIES, {"limit": 2}).json()
    assert len(page["items"]) == 2
    assert titles(client.get(HOURLIES, {"limit": 2, "cursor": page["next_cursor"]})) == ["A Django bug fixed"]


def test_paused_services_leave_the_list_and_answer_404_to_others(client, client_for, fred, olga, operator, shop):
    bug = shop["bug"]
    response = post(client_for(fred), f"{HOURLIES}/{bug.pk}/pause")
    assert response.status_code == 200 and response.json()["status"] == "paused"

    assert "A Django bug fixed" not in titles(client.get(HOURLIES))
    assert client.get(f"{HOURLIES}/{bug.pk}").status_code == 404
    assert client_for(olga).get(f"{HOURLIES}/{bug.pk}").status_code == 404
    assert client_for(fred).get(f"{HOURLIES}/{bug.pk}").status_code == 200
    assert client_for(operator).get(f"{HOURLIES}/{bug.pk}").status_code == 200
    assert post(client_for(olga), f"{HOURLIES}/{bug.pk}/resume").status_code == 404
    again = post(client_for(fred), f"{HOURLIES}/{bug.pk}/pause")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "hourlie_paused")
    assert post(client_for(fred), f"{HOURLIES}/{bug.pk}/resume").json()["status"] == "published"
    assert post(client_for(operator), f"{HOURLIES}/{bug.pk}/remove", {"note": "Copied."}).json()["status"] == "removed"


def test_the_owner_patches(client_for, fred, olga, shop):
    bug = shop["bug"]
    url = f"{HOURLIES}/{bug.pk}"
    response = client_for(fred).patch(url, {"title": "Two Django bugs fixed"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["title"] == "Two Django bugs fixed"
    bad = client_for(fred).patch(url, {"packages": []}, content_type="application/json")
    assert bad.status_code == 400
    assert client_for(fred).patch(url, {"title": None}, content_type="application/json").status_code == 400
    assert client_for(olga).patch(url, {"title": "Mine"}, content_type="application/json").status_code == 404


def test_a_client_orders_and_gets_a_contract(client_for, clara, shop):
    bug = shop["bug"]
    extra = bug.extras.first()
    response = post(
        client_for(clara),
        f"{HOURLIES}/{bug.pk}/orders",
        {"package": "Premium", "extras": [str(extra.pk)], "requirements": "Our sign-up form loses data."},
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "awaiting_payment"
    assert body["total"] == {"amount": 32500, "currency": "GBP"}
    assert body["delivery_days"] == 8
    assert body["package"]["name"] == "Premium"
    milestones = body["contract"]["milestones"]
    assert len(milestones) == 1
    assert milestones[0]["amount"] == {"amount": 32500, "currency": "GBP"}
    assert milestones[0]["status"] == "awaiting_funding"


def test_bad_orders_over_the_api(client, client_for, clara, fred, shop):
    bug = shop["bug"]
    url = f"{HOURLIES}/{bug.pk}/orders"
    order = {"package": "Basic", "requirements": "Fix it."}
    assert post(client, url, order).status_code == 401
    assert post(client_for(fred), url, order).status_code == 403
    missing = post(client_for(clara), url, {"package": "Basic", "requirements": ""})
    assert (missing.status_code, list(missing.json()["error"]["fields"])) == (400, ["requirements"])
    assert post(client_for(clara), url, order | {"package": "Gold"}).status_code == 400
    assert post(client_for(clara), f"{HOURLIES}/nope/orders", order).status_code == 404
    hourlies.hourlie_pause(hourlie_id=bug.pk, by=fred)
    paused = post(client_for(clara), url, order)
    assert (paused.status_code, paused.json()["error"]["code"]) == (409, "hourlie_paused")
    assert not Order.objects.exists()


def test_orders_are_seen_by_the_two_parties_only(client_for, clara, fred, olga, operator, shop):
    hourlies.order_place(hourlie_id=shop["bug"].pk, client=clara, package="Basic", requirements="Fix it.")
    dora = make_user("dora", name="Dora Client", client=True)
    hourlies.order_place(hourlie_id=shop["logo"].pk, client=dora, package="Sketch", requirements="A cupcake.")

    def mine(user) -> list[str]:
        response = client_for(user).get("/api/v1/orders")
        assert response.status_code == 200
        return [item["hourlie"]["title"] for item in response.json()["items"]]

    assert mine(clara) == ["A Django bug fixed"]
    assert mine(fred) == ["A Django bug fixed"]
    assert mine(olga) == ["A logo for your bakery"]
    assert mine(dora) == ["A logo for your bakery"]
    assert mine(operator) == []  # operators use the admin; the list is one's own orders


def test_the_list_is_cheap(client, fred, olga, django_assert_max_num_queries):
    for i in range(12):
        publish(fred if i % 2 else olga, title=f"Service {i}")
    with CaptureQueriesContext(connection) as few:
        client.get(HOURLIES, {"limit": 3})
    with django_assert_max_num_queries(len(few)):
        assert len(client.get(HOURLIES, {"limit": 12}).json()["items"]) == 12


def test_best_match_puts_title_matches_first(client, fred, olga):
    publish(
        olga,
        title="A logo for your bakery",
        category="design",
        skills=["logo-design"],
        packages=[{"name": "Sketch", "price": 9000, "delivery_days": 3}],
        extras=[],
    )
    publish(fred, title="Django bug fixing", description="I fix errors, even in logos.")

    newest = titles(client.get(HOURLIES, {"q": "logo"}))
    best = titles(client.get(HOURLIES, {"q": "logo", "sort": "relevance"}))

    assert newest == ["Django bug fixing", "A logo for your bakery"]  # both match; the newer first
    assert best == ["A logo for your bakery", "Django bug fixing"]  # the title match first


def test_cancelling_an_order_through_the_api(client, clara, fred, bearer):
    from openhour.catalog.services import hourlies

    service = publish(fred)
    order = hourlies.order_place(
        hourlie_id=service.pk, client=clara, package=service.packages.first().pk, requirements="Fix the login page."
    )
    url = f"/api/v1/orders/{order.pk}/cancel"
    assert client.post(url, content_type="application/json", data={}, headers=bearer(fred)).status_code == 404

    response = client.post(url, content_type="application/json", data={}, headers=bearer(clara))

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
