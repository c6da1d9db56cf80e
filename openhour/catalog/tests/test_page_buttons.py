"""The Hourlie and order pages show the buttons `Hourlie.TRANSITIONS` and `Order.TRANSITIONS` grant the viewer's
part: the freelancer pauses, resumes and removes their own service, the client cancels an order until it is
paid. Whoever must not see a button does not, and posting its action anyway is refused (outsiders may be told
the thing does not exist)."""

from typing import Any

import pytest

from openhour.catalog.models import Hourlie, Order
from openhour.catalog.services import hourlies
from openhour.catalog.tests.test_hourlies_services import publish

pytestmark = pytest.mark.django_db

REFUSED = (403, 404, 409)
OWNER_BUTTONS = ("pause", "resume", "remove")


def page(browser: Any, url: str) -> Any:
    answer = browser.get(url)
    assert answer.status_code == 200
    return answer


def unpaid_order(client: Any, hourlie: Hourlie, client_for: Any) -> Order:
    body = {"package": "Basic", "requirements": "Fix the login bug."}
    client_for(client).post(f"/api/v1/hourlies/{hourlie.pk}/orders", body, content_type="application/json")
    return Order.objects.get()


def test_only_its_freelancer_sees_the_service_buttons(fred, clara, olga, client_for):
    hourlie = publish(fred)
    assert page(client_for(fred), f"/hourlies/{hourlie.pk}").context["actions"] == {"pause", "remove"}
    for person in (clara, olga):
        answer = page(client_for(person), f"/hourlies/{hourlie.pk}")
        assert answer.context["actions"] == set()
        for button in OWNER_BUTTONS:
            assert f"/hourlies/{hourlie.pk}/{button}" not in answer.content.decode()
            assert client_for(person).post(f"/hourlies/{hourlie.pk}/{button}").status_code in REFUSED, button
    hourlie.refresh_from_db()
    assert hourlie.status == Hourlie.Status.PUBLISHED


def test_a_paused_service_offers_resume_not_pause(fred, client_for):
    hourlie = publish(fred)
    hourlies.hourlie_pause(hourlie_id=hourlie.pk, by=fred)
    answer = page(client_for(fred), f"/hourlies/{hourlie.pk}")
    assert answer.context["actions"] == {"publish", "remove"}
    assert f"/hourlies/{hourlie.pk}/pause" not in answer.content.decode()
    assert client_for(fred).post(f"/hourlies/{hourlie.pk}/pause").status_code == 409


def test_only_the_client_sees_cancel_on_an_unpaid_order(fred, clara, client_for):
    order = unpaid_order(clara, publish(fred), client_for)
    assert page(client_for(clara), f"/orders/{order.pk}").context["actions"] == {"cancel"}
    answer = page(client_for(fred), f"/orders/{order.pk}")
    assert answer.context["actions"] == set()
    assert f"/orders/{order.pk}/cancel" not in answer.content.decode()
    assert client_for(fred).post(f"/orders/{order.pk}/cancel").status_code in REFUSED
    order.refresh_from_db()
    assert order.status == Order.Status.AWAITING_PAYMENT


def test_a_cancelled_order_offers_nothing(fred, clara, olga, client_for):
    order = unpaid_order(clara, publish(fred), client_for)
    assert client_for(olga).post(f"/orders/{order.pk}/cancel").status_code in REFUSED
    assert client_for(clara).post(f"/orders/{order.pk}/cancel").status_code == 302
    answer = page(client_for(clara), f"/orders/{order.pk}")
    assert answer.context["actions"] == set() and not answer.context["awaiting"]
    assert f"/orders/{order.pk}/cancel" not in answer.content.decode()
    assert client_for(clara).post(f"/orders/{order.pk}/cancel").status_code == 409
