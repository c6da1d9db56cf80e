"""The Hourlie pages: /hourlies, /hourlies/new, /hourlies/<id> (compare and order), edit, /orders/<id>.

Fred sells; Clara orders; Olga may see published services but no one else's orders; anonymous
visitors browse and are asked to sign in to order.
"""

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.catalog.models import Hourlie, Order
from openhour.catalog.services import hourlies
from openhour.catalog.tests.test_hourlies_services import publish

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/hourlies/\d+">([^<]+)</a></h3>', response.content.decode())


def form_data(**changes: Any) -> dict[str, Any]:
    base = {
        "title": "Logo for a small business",
        "description": "Three ideas, then we refine one.",
        "category": "design",
        "skills": ["logo-design"],
        "currency": "GBP",
        "p1_name": "Starter",
        "p1_price": "90",
        "p1_delivery_days": "3",
        "p1_revisions": "1",
        "p1_description": "One concept.",
        "p3_name": "Full",
        "p3_price": "250.50",
        "p3_delivery_days": "7",
        "p3_revisions": "3",
        "p3_description": "Three concepts and brand colours.",
        "e1_title": "Source files",
        "e1_price": "40",
        "e1_extra_days": "",
    }
    return base | changes


def test_browse_lists_published_services_with_filters(client, fred, olga):
    publish(fred)
    one = [{"name": "One", "price": 9000, "delivery_days": 3}]
    publish(
        olga,
        title="Bakery logo",
        category="design",
        skills=["logo-design"],
        extras=[],
        description="A hand-drawn mark.",
        packages=one,
    )
    hidden = publish(olga, title="Paused one")
    hourlies.hourlie_pause(hourlie_id=hidden.pk, by=olga)

    response = client.get("/hourlies")
    assert response.status_code == 200
    assert titles(response) == ["Bakery logo", "A Django bug fixed"]
    assert b"2 services" in response.content
    assert "from £50" in response.content.decode()
    assert titles(client.get("/hourlies?category=design")) == ["Bakery logo"]
    assert titles(client.get("/hourlies?q=django")) == ["A Django bug fixed"]
    assert titles(client.get("/hourlies?max_price=60&currency=GBP")) == ["A Django bug fixed"]
    assert titles(client.get("/hourlies?sort=-price")) == ["Bakery logo", "A Django bug fixed"]
    fragment = client.get("/hourlies?skill=django", headers={"HX-Request": "true"})
    assert b"<html" not in fragment.content and titles(fragment) == ["A Django bug fixed"]


def test_browse_is_cheap(client, fred, olga, django_assert_max_num_queries):
    publish(fred)
    with CaptureQueriesContext(connection) as one:
        client.get("/hourlies")
    for i in range(10):
        publish(olga if i % 2 else fred, title=f"Service {i}")
    with django_assert_max_num_queries(len(one)):
        assert len(titles(client.get("/hourlies"))) == 11


def test_a_freelancer_publishes_through_the_form_and_empty_rows_are_ignored(client_for, fred):
    response = client_for(fred).post("/hourlies/new", form_data())

    hourlie = Hourlie.objects.get()
    assert response.status_code == 302 and response.url == f"/hourlies/{hourlie.pk}"
    assert [(p.name, p.price, p.delivery_days) for p in hourlie.packages.all()] == [
        ("Starter", 9000, 3),
        ("Full", 25050, 7),
    ]
    assert [(e.title, e.price, e.extra_days) for e in hourlie.extras.all()] == [("Source files", 4000, 0)]


def test_a_mistake_shows_on_its_row(client_for, fred):
    response = client_for(fred).post("/hourlies/new", form_data(p3_name="starter"))  # same name as row 1

    assert response.status_code == 400
    html = response.content.decode()
    assert "Give each package its own name." in html
    assert re.search(r'name="p3_name"[^>]*aria-invalid="true"', html)
    assert not Hourlie.objects.exists()
    empty = client_for(fred).post(
        "/hourlies/new",
        form_data(
            p1_name="",
            p1_price="",
            p1_delivery_days="",
            p1_revisions="",
            p1_description="",
            p3_name="",
            p3_price="",
            p3_delivery_days="",
            p3_revisions="",
            p3_description="",
        ),
    )
    assert empty.status_code == 400 and "Offer one, two or three packages." in empty.content.decode()


def test_only_verified_freelancers_see_the_form(client, client_for, clara, una, fred):
    assert client.get("/hourlies/new").status_code == 302
    assert client_for(clara).get("/hourlies/new").status_code == 403
    assert client_for(una).get("/hourlies/new").status_code == 403
    page = client_for(fred).get("/hourlies/new")
    assert page.status_code == 200
    assert page.content.decode().count('name="p1_name"') == 1 and 'name="p3_name"' in page.content.decode()


def test_the_detail_compares_packages_and_offers_the_order_form_to_clients(client, client_for, clara, fred):
    hourlie = publish(fred)

    html = client_for(clara).get(f"/hourlies/{hourlie.pk}").content.decode()
    assert '<th scope="col">Standard</th>' in html
    assert "£120" in html and "4 days" in html and "Three bugs." in html
    assert 'type="radio" name="package"' in html and 'type="checkbox" name="extras"' in html
    assert "Order and pay" in html and "£120 + £6 fee" in html  # the client service fee before the click
    anonymous = client.get(f"/hourlies/{hourlie.pk}").content.decode()
    assert "Order and pay" not in anonymous and "Sign in to order" in anonymous
    own = client_for(fred).get(f"/hourlies/{hourlie.pk}").content.decode()
    assert "Order and pay" not in own and "Pause" in own and f"/hourlies/{hourlie.pk}/edit" in own


def test_paused_services_are_only_for_their_freelancer(client, client_for, fred, olga, operator):
    hourlie = publish(fred)
    assert client_for(fred).post(f"/hourlies/{hourlie.pk}/pause").status_code == 302
    assert client.get(f"/hourlies/{hourlie.pk}").status_code == 404
    assert client_for(olga).get(f"/hourlies/{hourlie.pk}").status_code == 404
    assert client_for(operator).get(f"/hourlies/{hourlie.pk}").status_code == 200
    assert "Resume" in client_for(fred).get(f"/hourlies/{hourlie.pk}").content.decode()
    assert client_for(olga).post(f"/hourlies/{hourlie.pk}/resume").status_code == 404
    assert client_for(fred).post(f"/hourlies/{hourlie.pk}/resume").status_code == 302
    assert client.get(f"/hourlies/{hourlie.pk}").status_code == 200


def test_a_client_orders_and_sees_the_confirmation(client, client_for, clara, fred, olga, operator):
    hourlie = publish(fred)
    premium = hourlie.packages.last()
    extra = hourlie.extras.first()
    chosen = {
        "package": premium.pk,
        "extras": [extra.pk],
        "requirements": "Ten bugs, please.",
        "method": "card",
        "card_token": "tok_visa",
    }
    asked = client_for(clara).post(f"/hourlies/{hourlie.pk}", chosen).content.decode()
    assert "Confirm and pay" in asked and "Tests for the fix" in asked and not Order.objects.exists()
    response = client_for(clara).post(f"/hourlies/{hourlie.pk}", {**chosen, "confirm": "yes"})

    order = Order.objects.get()
    assert response.status_code == 302 and response.url == f"/orders/{order.pk}"
    html = client_for(clara).get(f"/orders/{order.pk}").content.decode()
    assert "Paid" in html and "£325" in html and "Tests for the fix" in html
    assert order.contract.milestones.get().status == "funded"
    assert client_for(fred).get(f"/orders/{order.pk}").status_code == 200
    assert client_for(operator).get(f"/orders/{order.pk}").status_code == 200
    assert client_for(olga).get(f"/orders/{order.pk}").status_code == 404
    assert client.get(f"/orders/{order.pk}").status_code == 302


def test_a_price_raised_between_the_two_clicks_is_shown_again_before_charging(client_for, clara, fred):
    import re

    hourlie = publish(fred)
    basic = hourlie.packages.first()
    chosen = {"package": basic.pk, "requirements": "One bug.", "method": "card", "card_token": "tok_visa"}
    asked = client_for(clara).post(f"/hourlies/{hourlie.pk}", chosen).content.decode()
    pinned = re.search(r'name="pinned" value="(\d+)"', asked).group(1)
    type(basic).objects.filter(pk=basic.pk).update(price=basic.price * 2)  # the freelancer raises the price

    again = client_for(clara).post(f"/hourlies/{hourlie.pk}", {**chosen, "confirm": "yes", "pinned": pinned})
    assert "The price changed since you looked" in again.content.decode() and not Order.objects.exists()
    pinned = re.search(r'name="pinned" value="(\d+)"', again.content.decode()).group(1)
    done = client_for(clara).post(f"/hourlies/{hourlie.pk}", {**chosen, "confirm": "yes", "pinned": pinned})
    assert done.status_code == 302 and Order.objects.get().total == basic.price * 2


def test_an_order_without_requirements_is_shown_again(client_for, clara, fred):
    hourlie = publish(fred)
    response = client_for(clara).post(f"/hourlies/{hourlie.pk}", {"package": hourlie.packages.first().pk})

    assert response.status_code == 400
    assert not Order.objects.exists()
    own = client_for(fred).post(
        f"/hourlies/{hourlie.pk}", {"package": hourlie.packages.first().pk, "requirements": "x", "method": "wallet"}
    )
    assert own.status_code == 403 and not Order.objects.exists()


def test_the_owner_edits_through_the_form(client_for, fred, olga):
    hourlie = publish(fred)
    page = client_for(fred).get(f"/hourlies/{hourlie.pk}/edit")
    assert page.status_code == 200 and 'value="Premium"' in page.content.decode()
    assert client_for(olga).get(f"/hourlies/{hourlie.pk}/edit").status_code == 404
    data = form_data(title="Django bugs fixed", category="web-software", skills=["django"])
    response = client_for(fred).post(f"/hourlies/{hourlie.pk}/edit", data)
    assert response.status_code == 302
    hourlie.refresh_from_db()
    assert hourlie.title == "Django bugs fixed"
    assert [p.name for p in hourlie.packages.all()] == ["Starter", "Full"]


def test_the_public_profile_lists_published_services_cheaply(client, fred, django_assert_max_num_queries):
    publish(fred)
    with CaptureQueriesContext(connection) as one:
        client.get("/u/fred")
    for i in range(5):
        publish(fred, title=f"Service {i}")
    paused = publish(fred, title="Paused service")
    hourlies.hourlie_pause(hourlie_id=paused.pk, by=fred)
    with django_assert_max_num_queries(len(one)):
        html = client.get("/u/fred").content.decode()
    assert "Service 4" in html and "A Django bug fixed" in html and "from £50" in html
    assert "Paused service" not in html


def test_the_menu_links_to_services(client):
    assert 'href="/hourlies"' in client.get("/").content.decode()


def test_operators_see_hourlies_and_orders_in_the_admin(client_for, operator, clara, fred):
    hourlie = publish(fred)
    order = hourlies.order_place(hourlie_id=hourlie.pk, client=clara, package="Basic", requirements="Go.")
    admin = client_for(operator)
    for url in (
        "/admin/catalog/hourlie/",
        f"/admin/catalog/hourlie/{hourlie.pk}/change/",
        "/admin/catalog/order/",
        f"/admin/catalog/order/{order.pk}/change/",
    ):
        assert admin.get(url).status_code == 200, url


def test_the_freelancer_removes_a_service_and_nobody_else_can(client, client_for, fred, olga):
    service = publish(fred)
    assert client_for(olga).post(f"/hourlies/{service.pk}/remove").status_code == 404
    assert Hourlie.objects.get(pk=service.pk).status == "published"

    response = client_for(fred).post(f"/hourlies/{service.pk}/remove", follow=True)

    assert "Your service is removed." in response.content.decode()
    assert Hourlie.objects.get(pk=service.pk).status == "removed"
    assert client.get(f"/hourlies/{service.pk}").status_code == 404
    assert client_for(fred).get(f"/hourlies/{service.pk}/remove").status_code == 405


def test_the_client_cancels_an_unpaid_order_and_its_contract_ends(client_for, clara, fred, olga):
    service = publish(fred)
    order = hourlies.order_place(
        hourlie_id=service.pk, client=clara, package=service.packages.first().pk, requirements="Fix the login page."
    )
    assert client_for(olga).post(f"/orders/{order.pk}/cancel").status_code == 404
    assert client_for(fred).post(f"/orders/{order.pk}/cancel").status_code == 404  # the seller cannot cancel it

    response = client_for(clara).post(f"/orders/{order.pk}/cancel", follow=True)

    assert "Your order is cancelled." in response.content.decode()
    order.refresh_from_db()
    assert order.status == "cancelled"
    assert order.contract is not None and order.contract.status == "ended"
    again = client_for(clara).post(f"/orders/{order.pk}/cancel")
    assert again.status_code == 409  # already cancelled
