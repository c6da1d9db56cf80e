"""Card refunds of wallet deposits: part or all of a deposit goes back to the card, from the wallet, only for
its payer, never more than is left or than the wallet holds, and nothing moves when the processor fails."""

import pytest
from django.test import Client

from openhour.money import ledger
from openhour.money.models import Payment
from openhour.money.tests import fake_stripe
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


@pytest.fixture
def stripe(settings):
    with fake_stripe.configured(settings) as fake:
        yield fake


def act(client, path, body=None, **headers):
    return client.post(path, body or {}, content_type="application/json", **headers)


def deposit(client, amount=5_000, currency="EUR") -> str:
    made = act(
        client,
        "/api/v1/wallet/deposits",
        {"amount": {"amount": amount, "currency": currency}, "card_token": "tok_visa"},
    )
    assert made.status_code == 201, made.content
    return str(made.json()["id"])


def refund(client, payment_id, amount, currency="EUR", **headers):
    body = {"amount": {"amount": amount, "currency": currency}}
    return act(client, f"/api/v1/payments/{payment_id}/refunds", body, **headers)


def wallet(user, currency="EUR"):
    return ledger.wallet(owner=user, currency=currency)


def test_a_deposit_is_refunded_to_the_card_in_parts_never_beyond_what_is_left(
    clara, olga, client_for, stripe, ledger_ok
):
    payment_id = deposit(client_for(clara))
    part = refund(client_for(clara), payment_id, 2_000)
    assert part.status_code == 201, part.content
    assert part.json()["refunded"] == {"amount": 2_000, "currency": "EUR"}
    assert wallet(clara).balance == 3_000 and stripe.refunded == 2_000

    too_much = refund(client_for(clara), payment_id, 3_001)
    assert (too_much.status_code, list(too_much.json()["error"]["fields"])) == (400, ["amount"])
    for bad in (0, -1):
        assert refund(client_for(clara), payment_id, bad).status_code == 400
    assert refund(client_for(clara), payment_id, 100, currency="GBP").status_code == 400
    assert refund(client_for(olga), payment_id, 100).status_code == 404
    assert refund(Client(), payment_id, 100).status_code == 401
    assert refund(client_for(clara), "not-a-payment", 100).status_code == 404

    rest = refund(client_for(clara), payment_id, 3_000)
    assert rest.json()["refunded"]["amount"] == 5_000 and wallet(clara).balance == 0
    assert stripe.refunded == 5_000
    ledger_ok()


def test_money_already_spent_from_the_wallet_cannot_go_back_to_the_card(clara, fred, client_for, stripe, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    payment_id = deposit(client_for(clara), 21_000, "GBP")
    act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund", {"payment": {"method": "wallet"}})
    spent = refund(client_for(clara), payment_id, 1_000, "GBP")
    assert (spent.status_code, spent.json()["error"]["code"]) == (409, "insufficient_funds")
    assert stripe.refunded == 0 and wallet(clara, "GBP").pending_out == 0
    ledger_ok()


def test_only_a_succeeded_deposit_is_refunded(clara, fred, client_for, stripe, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    funded = act(
        client_for(clara),
        f"/api/v1/milestones/{milestone.pk}/fund",
        {"payment": {"method": "card", "card_token": "tok_visa"}},
    ).json()
    not_deposit = refund(client_for(clara), funded["payment"]["id"], 1_000, "GBP")
    assert (not_deposit.status_code, not_deposit.json()["error"]["code"]) == (409, "payment_not_a_deposit")
    waiting = act(
        client_for(clara),
        "/api/v1/wallet/deposits",
        {"amount": {"amount": 5_000, "currency": "EUR"}, "card_token": "tok_3ds"},
    ).json()
    unsettled = refund(client_for(clara), waiting["id"], 1_000)
    assert (unsettled.status_code, unsettled.json()["error"]["code"]) == (409, "payment_requires_action")
    assert stripe.refunded == 0
    ledger_ok()


def test_when_the_processor_fails_the_reservation_is_released_and_nothing_moves(clara, client_for, stripe, ledger_ok):
    payment_id = deposit(client_for(clara))
    stripe.fail_next(500, 500, 500)
    failed = refund(client_for(clara), payment_id, 2_000)
    assert (failed.status_code, failed.json()["error"]["code"]) == (502, "gateway_unavailable")
    account = wallet(clara)
    assert (account.balance, account.pending_out) == (5_000, 0)
    assert Payment.objects.get().refunded == 0 and stripe.refunded == 0
    retried = refund(client_for(clara), payment_id, 2_000)  # the next try gets its own reservation and key
    assert retried.status_code == 201 and wallet(clara).balance == 3_000 and stripe.refunded == 2_000
    ledger_ok()


def test_a_repeated_refund_request_with_its_key_refunds_once(clara, client_for, stripe, ledger_ok):
    payment_id = deposit(client_for(clara))
    first = refund(client_for(clara), payment_id, 1_500, HTTP_IDEMPOTENCY_KEY="refund-1")
    again = refund(client_for(clara), payment_id, 1_500, HTTP_IDEMPOTENCY_KEY="refund-1")
    assert (first.status_code, again.status_code) == (201, 201) and first.json() == again.json()
    assert stripe.refunded == 1_500 and wallet(clara).balance == 3_500
    ledger_ok()


def test_sandbox_deposits_are_refunded_too(clara, client_for, ledger_ok):
    payment_id = deposit(client_for(clara))
    assert refund(client_for(clara), payment_id, 5_000).json()["refunded"]["amount"] == 5_000
    assert wallet(clara).balance == 0
    ledger_ok()
