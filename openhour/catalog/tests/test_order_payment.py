"""Ordering an Hourlie pays its milestone into escrow: from the wallet (all or nothing) or by card (a
refused card cancels the order with the reason; 3-D Secure waits for the payer)."""

import pytest

from openhour.catalog.models import Order
from openhour.catalog.tests.test_hourlies_services import publish
from openhour.money import ledger
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


def order_body(hourlie, **payment):
    body = {"package": "Basic", "requirements": "Fix the login bug."}
    return body | ({"payment": payment} if payment else {})


def test_ordering_with_the_wallet_funds_the_milestone_and_marks_the_order_paid(clara, fred, client_for, ledger_ok):
    hourlie = publish(fred)
    starter = hourlie.packages.get(name="Basic")
    top_up(clara, 50_000)
    made = client_for(clara).post(
        f"/api/v1/hourlies/{hourlie.pk}/orders", order_body(hourlie, method="wallet"), content_type="application/json"
    )
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "paid"
    assert made.json()["contract"]["milestones"][0]["status"] == "funded"
    fee = starter.price * 5 // 100
    assert ledger.wallet(owner=clara, currency="GBP").balance == 50_000 - starter.price - fee
    ledger_ok()


def test_not_enough_in_the_wallet_leaves_no_order_behind(clara, fred, client_for, ledger_ok):
    hourlie = publish(fred)
    refused = client_for(clara).post(
        f"/api/v1/hourlies/{hourlie.pk}/orders", order_body(hourlie, method="wallet"), content_type="application/json"
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "insufficient_funds")
    assert not Order.objects.exists()
    ledger_ok()


def test_a_declined_card_cancels_the_order_with_the_reason(clara, fred, client_for, ledger_ok):
    hourlie = publish(fred)
    declined = client_for(clara).post(
        f"/api/v1/hourlies/{hourlie.pk}/orders",
        order_body(hourlie, method="card", card_token="tok_declined"),
        content_type="application/json",
    )
    assert (declined.status_code, declined.json()["error"]["code"]) == (402, "card_declined")
    order = Order.objects.get()
    assert order.status == "cancelled" and order.contract.status == "ended"
    assert "insufficient funds" in order.events.last().note
    ledger_ok()


def test_3ds_leaves_the_order_awaiting_payment_until_the_payer_confirms(clara, fred, client_for, ledger_ok):
    hourlie = publish(fred)
    waiting = (
        client_for(clara)
        .post(
            f"/api/v1/hourlies/{hourlie.pk}/orders",
            order_body(hourlie, method="card", card_token="tok_3ds"),
            content_type="application/json",
        )
        .json()
    )
    assert waiting["status"] == "awaiting_payment" and waiting["payment"]["status"] == "requires_action"
    client_for(clara).post(f"/api/v1/payments/{waiting['payment']['id']}/confirm", {}, content_type="application/json")
    assert Order.objects.get().status == "paid"
    ledger_ok()


def test_an_unpaid_order_is_paid_later_from_its_page_and_only_by_its_client(clara, fred, olga, client_for, ledger_ok):
    hourlie = publish(fred)
    client_for(clara).post(
        f"/api/v1/hourlies/{hourlie.pk}/orders", order_body(hourlie), content_type="application/json"
    )
    order = Order.objects.get()
    page = client_for(clara).get(f"/orders/{order.pk}").content.decode()
    assert "Client service fee" in page and "into escrow" in page
    assert (
        client_for(olga).post(f"/orders/{order.pk}/pay", {"method": "card", "card_token": "tok_visa"}).status_code
        == 404
    )
    assert (
        client_for(fred).post(f"/orders/{order.pk}/pay", {"method": "card", "card_token": "tok_visa"}).status_code
        == 404
    )
    warned = client_for(clara).post(f"/orders/{order.pk}/pay", {"method": "wallet"}).content.decode()
    assert "Your wallet holds £0, less than this" in warned
    short = client_for(clara).post(f"/orders/{order.pk}/pay", {"method": "wallet", "confirm": "yes"})
    assert short.status_code == 400 and "not enough money" in short.content.decode()
    asked = client_for(clara).post(f"/orders/{order.pk}/pay", {"method": "card", "card_token": "tok_visa"})
    assert "Confirm and pay" in asked.content.decode()
    assert f'<a href="/orders/{order.pk}">Go back</a>' in asked.content.decode()  # the order, not the POST address
    order.refresh_from_db()
    assert order.status == "awaiting_payment"  # the first click charges nothing
    card = {"method": "card", "card_token": "tok_visa"}
    paid = client_for(clara).post(f"/orders/{order.pk}/pay", {**card, "confirm": "yes"})
    assert paid.status_code == 302
    order.refresh_from_db()
    assert order.status == "paid"
    ledger_ok()


def test_an_order_cancelled_while_its_card_waits_keeps_the_money_in_the_wallet(clara, fred, client_for, ledger_ok):
    hourlie = publish(fred)
    waiting = (
        client_for(clara)
        .post(
            f"/api/v1/hourlies/{hourlie.pk}/orders",
            order_body(hourlie, method="card", card_token="tok_3ds"),
            content_type="application/json",
        )
        .json()
    )
    order = Order.objects.get()
    client_for(clara).post(f"/api/v1/orders/{order.pk}/cancel", {}, content_type="application/json")
    confirmed = client_for(clara).post(
        f"/api/v1/payments/{waiting['payment']['id']}/confirm", {}, content_type="application/json"
    )
    assert confirmed.json()["status"] == "succeeded"
    order.refresh_from_db()
    assert order.status == "cancelled" and order.contract.milestones.get().status == "awaiting_funding"
    assert ledger.wallet(owner=clara, currency="GBP").balance == waiting["payment"]["amount"]["amount"]
    ledger_ok()
