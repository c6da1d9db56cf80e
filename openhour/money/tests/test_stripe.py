"""Card payments through Stripe, against a local fake speaking Stripe's HTTP: charges, declines, 3-D Secure
settled by a signed webhook or by the payer's return, replays that move nothing, and an outage."""

import json

import pytest
from django.test import Client

from openhour.money import ledger
from openhour.money.models import Payment, WebhookEvent
from openhour.money.tests import fake_stripe
from openhour.money.tests.fake_stripe import event, sign
from openhour.money.tests.kit import contract_between, in_parallel

pytestmark = pytest.mark.django_db

DEPOSIT = {"amount": {"amount": 5_000, "currency": "EUR"}, "card_token": "tok_visa"}


@pytest.fixture
def stripe(settings):
    with fake_stripe.configured(settings) as fake:
        yield fake


def act(client, path, body=None, **headers):
    return client.post(path, body or {}, content_type="application/json", **headers)


def deposit(client, card_token="tok_visa", **headers):  # noqa: S107
    return act(client, "/api/v1/wallet/deposits", DEPOSIT | {"card_token": card_token}, **headers)


def balance(user, currency="EUR") -> int:
    return ledger.wallet(owner=user, currency=currency).balance


def webhook(body: bytes, signature: str | None = None):
    headers = {"HTTP_STRIPE_SIGNATURE": sign(body, "whsec_x") if signature is None else signature}
    return Client().post("/webhooks/stripe", body, content_type="application/json", **headers)


def test_a_card_deposit_through_stripe_lands_in_the_wallet(clara, client_for, stripe, ledger_ok):
    made = deposit(client_for(clara))
    assert (made.status_code, made.json()["status"]) == (201, "succeeded"), made.content
    wallet = client_for(clara).get("/api/v1/wallet").json()["balances"]
    assert [row["available"]["amount"] for row in wallet if row["currency"] == "EUR"] == [5_000]
    (intent,) = stripe.intents.values()
    assert (intent["amount"], intent["currency"]) == (5_000, "eur")
    assert intent["metadata"] == {"payment_id": made.json()["id"]}
    assert Payment.objects.get().provider_ref == intent["id"]
    ledger_ok()


def test_a_declined_card_answers_402_and_moves_nothing(clara, client_for, stripe, ledger_ok):
    declined = deposit(client_for(clara), "tok_chargeDeclinedInsufficientFunds")
    assert (declined.status_code, declined.json()["error"]["code"]) == (402, "card_declined")
    assert "insufficient funds" in declined.json()["error"]["message"]
    unknown = deposit(client_for(clara), "tok_nonsense")
    assert unknown.status_code == 402 and "No such token" in unknown.json()["error"]["message"]
    assert balance(clara) == 0
    ledger_ok()


def test_3ds_waits_then_a_signed_webhook_settles_it_once(clara, client_for, stripe, ledger_ok):
    waiting = deposit(client_for(clara), "tok_threeDSecure2Required").json()
    assert waiting["status"] == "requires_action" and waiting["next_action"]["url"].startswith(stripe.url + "/3ds/")
    (intent,) = stripe.intents.values()
    assert intent["return_url"] == f"http://127.0.0.1:8000/payments/{waiting['id']}/authenticate"
    assert balance(clara) == 0

    body = event("payment_intent.succeeded", stripe.bank_confirms(intent["id"]))
    assert webhook(body).json() == {"received": True, "handled": True}
    assert balance(clara) == 5_000
    replayed = webhook(body)  # Stripe retries a delivery it thinks failed
    assert (replayed.status_code, replayed.json()["handled"]) == (200, False)
    another = webhook(event("payment_intent.succeeded", intent))  # a different event about the same intent
    assert another.status_code == 200
    assert balance(clara) == 5_000 and WebhookEvent.objects.count() == 2
    assert client_for(clara).get(f"/api/v1/payments/{waiting['id']}").json()["status"] == "succeeded"
    ledger_ok()


def test_the_payer_back_from_their_bank_sees_the_outcome(clara, olga, client_for, stripe, ledger_ok):
    waiting = deposit(client_for(clara), "tok_3ds").json()
    page = f"/payments/{waiting['id']}/authenticate"
    still = client_for(clara).get(page)
    assert (
        "not confirmed this payment yet" in still.content.decode()
        and waiting["next_action"]["url"] in still.content.decode()
    )
    assert client_for(olga).get(page).status_code == 404
    assert Client().get(page).status_code == 302  # to sign in
    stripe.fail_next(500, 500, 500)
    assert "did not answer" in client_for(clara).get(page).content.decode()
    stripe.bank_confirms(next(iter(stripe.intents)))
    back = client_for(clara).get(page)
    assert back.status_code == 200 and "Payment received" in back.content.decode()
    assert balance(clara) == 5_000
    assert webhook(event("payment_intent.succeeded", next(iter(stripe.intents.values())))).status_code == 200
    assert balance(clara) == 5_000
    ledger_ok()


def test_a_3ds_refused_by_the_bank_fails_by_webhook_and_moves_nothing(clara, client_for, stripe, ledger_ok):
    waiting = deposit(client_for(clara), "tok_3ds").json()
    body = event("payment_intent.payment_failed", stripe.bank_refuses(next(iter(stripe.intents))))
    assert webhook(body).status_code == 200
    payment = client_for(clara).get(f"/api/v1/payments/{waiting['id']}").json()
    assert payment["status"] == "failed" and balance(clara) == 0
    ledger_ok()


def test_a_bad_or_missing_signature_is_refused_and_records_nothing(clara, client_for, stripe, ledger_ok):
    deposit(client_for(clara), "tok_3ds")
    body = event("payment_intent.succeeded", stripe.bank_confirms(next(iter(stripe.intents))))
    for signature in (sign(body, "whsec_wrong"), "", "t=1,v0=abc", "nonsense"):
        refused = webhook(body, signature)
        assert (refused.status_code, refused.json()["error"]["code"]) == (400, "bad_signature")
    assert webhook(b"not json", sign(b"not json", "whsec_x")).status_code == 400
    assert WebhookEvent.objects.count() == 0 and balance(clara) == 0
    ledger_ok()


def test_a_tampered_body_under_an_old_valid_signature_is_refused(clara, client_for, stripe, ledger_ok):
    deposit(client_for(clara), "tok_3ds")
    intent = stripe.bank_refuses(next(iter(stripe.intents)))
    original = event("payment_intent.payment_failed", intent)
    signature = sign(original, "whsec_x")
    assert webhook(original, signature).status_code == 200
    tampered = json.loads(original)
    tampered.update(id="evt_forged", type="payment_intent.succeeded")
    tampered["data"]["object"]["status"] = "succeeded"
    refused = webhook(json.dumps(tampered).encode(), signature)
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "bad_signature")
    stale = sign(original, "whsec_x", timestamp=1_600_000_000)  # right secret, but years old
    assert webhook(original, stale).status_code == 400
    assert balance(clara) == 0
    ledger_ok()


def test_events_we_do_not_handle_or_for_unknown_payments_are_acknowledged(clara, stripe, ledger_ok):
    assert webhook(event("customer.created", {"id": "cus_1", "object": "customer"})).json()["handled"] is False
    stranger = {
        "id": "pi_elsewhere",
        "object": "payment_intent",
        "status": "succeeded",
        "amount": 100,
        "currency": "eur",
        "metadata": {},
    }
    assert webhook(event("payment_intent.succeeded", stranger)).json() == {"received": True, "handled": False}
    assert Client().get("/webhooks/stripe").status_code == 405
    ledger_ok()


def test_repeating_a_deposit_with_its_idempotency_key_charges_the_card_once(clara, client_for, stripe, ledger_ok):
    first = deposit(client_for(clara), HTTP_IDEMPOTENCY_KEY="top-up-1")
    again = deposit(client_for(clara), HTTP_IDEMPOTENCY_KEY="top-up-1")
    assert (first.status_code, again.status_code) == (201, 201) and first.json() == again.json()
    assert stripe.charges == 1 and balance(clara) == 5_000
    ledger_ok()


def test_an_answer_lost_to_a_timeout_is_retried_without_a_second_charge(clara, client_for, stripe, settings, ledger_ok):
    settings.STRIPE_TIMEOUT_SECONDS = 0.5
    stripe.hang_next = 1.5  # Stripe charges the card, but its answer arrives after we gave up
    made = deposit(client_for(clara))
    assert (made.status_code, made.json()["status"]) == (201, "succeeded")
    assert stripe.charges == 1 and len(stripe.requests) == 2 and balance(clara) == 5_000
    ledger_ok()


def test_when_stripe_is_down_the_payer_is_told_and_nothing_moves(clara, client_for, stripe, settings, ledger_ok):
    stripe.fail_next(500, 500, 500)  # the first try and both retries
    down = deposit(client_for(clara))
    assert (down.status_code, down.json()["error"]["code"]) == (502, "gateway_unavailable")
    settings.STRIPE_SECRET_KEY = "rk_live_wrong"
    refused = deposit(client_for(clara))
    assert (refused.status_code, refused.json()["error"]["code"]) == (502, "gateway_unavailable")
    assert balance(clara) == 0 and stripe.charges == 0
    assert set(Payment.objects.values_list("status", flat=True)) == {"processing"}
    ledger_ok()


def test_funding_a_milestone_by_card_through_stripe_fills_escrow(clara, fred, client_for, stripe, ledger_ok):
    first, second = contract_between(clara, fred, 20_000, 20_000).milestones.all()
    paid = act(
        client_for(clara),
        f"/api/v1/milestones/{first.pk}/fund",
        {"payment": {"method": "card", "card_token": "tok_visa"}},
    )
    assert paid.json()["status"] == "funded", paid.content
    assert stripe.intents[Payment.objects.get().provider_ref]["amount"] == 21_000  # the milestone and the 5% fee

    waiting = act(
        client_for(clara),
        f"/api/v1/milestones/{second.pk}/fund",
        {"payment": {"method": "card", "card_token": "tok_3ds"}},
    ).json()
    assert waiting["payment"]["status"] == "requires_action"
    intent_id = Payment.objects.get(pk=waiting["payment"]["id"]).provider_ref
    assert webhook(event("payment_intent.succeeded", stripe.bank_confirms(intent_id))).status_code == 200
    second.refresh_from_db()
    assert second.status == "funded" and balance(clara, "GBP") == 0
    assert ledger.Account.objects.get(purpose="escrow", reference=f"milestone:{second.pk}").balance == 20_000
    ledger_ok()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_event_delivered_in_parallel_settles_once(clara, client_for, stripe, ledger_ok):
    deposit(client_for(clara), "tok_3ds")
    body = event("payment_intent.succeeded", stripe.bank_confirms(next(iter(stripe.intents))))
    answers = in_parallel(4, lambda: webhook(body))
    assert [answer.status_code for answer in answers] == [200] * 4
    assert sorted(answer.json()["handled"] for answer in answers) == [False, False, False, True]
    assert balance(clara) == 5_000 and WebhookEvent.objects.count() == 1
    ledger_ok()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_refunds_never_return_more_than_was_paid(clara, client_for, stripe, ledger_ok):
    payment_id = deposit(client_for(clara)).json()["id"]
    body = {"amount": {"amount": 3_000, "currency": "EUR"}}
    answers = in_parallel(3, lambda: act(client_for(clara), f"/api/v1/payments/{payment_id}/refunds", body))
    assert sorted(answer.status_code for answer in answers) == [201, 400, 400]
    assert stripe.refunded == 3_000 and balance(clara) == 2_000
    ledger_ok()
