"""Withdrawals over the API: the amount is reserved at once, held until the method's hold is over, and
given back on a cancel. Bad amounts and other people's methods or payouts move nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.money import ledger
from openhour.money.models import Payout
from openhour.money.payouts.methods import payout_method_add
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


def wallet(user, currency="GBP"):
    return ledger.wallet(owner=user, currency=currency)


def withdraw(client, method, amount, currency="GBP", **headers):
    body = {"amount": {"amount": amount, "currency": currency}, "method": str(method.pk)}
    return client.post("/api/v1/payouts", body, content_type="application/json", **headers)


@pytest.fixture
def paypal(fred):
    top_up(fred, 50_000)
    return payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})


def test_a_withdrawal_reserves_the_amount_and_waits_for_the_new_methods_hold(fred, paypal, client_for, ledger_ok):
    answer = withdraw(client_for(fred), paypal, 20_000)

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["status"] == "held" and body["amount"] == {"amount": 20_000, "currency": "GBP"}
    assert body["method"]["display"] == "PayPal f•••@example.com"
    payout = Payout.objects.get()
    assert payout.hold_until == paypal.usable_from and payout.provider == "paypal"
    assert payout.timers.get().due_at == paypal.usable_from
    assert (wallet(fred).balance, wallet(fred).available) == (50_000, 30_000)
    money = client_for(fred).get("/api/v1/wallet").json()["balances"][0]
    assert money["pending_payout"]["amount"] == 20_000
    listed = client_for(fred).get("/api/v1/payouts").json()
    assert [item["id"] for item in listed["items"]] == [body["id"]] and listed["next_cursor"] is None
    ledger_ok()


def test_a_method_past_its_hold_makes_a_payout_held_only_until_now(fred, paypal, client_for, ledger_ok):
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        body = withdraw(client_for(fred), paypal, 2_000).json()
        payout = Payout.objects.get(pk=body["id"])
        assert payout.status == "held" and payout.hold_until <= timezone.now()
    ledger_ok()


@pytest.mark.parametrize(
    ("amount", "currency", "status", "code"),
    [
        (0, "GBP", 400, "invalid"),
        (-500, "GBP", 400, "invalid"),
        (25.5, "GBP", 400, "invalid"),
        ("ten", "GBP", 400, "invalid"),
        (1_999, "GBP", 400, "below_minimum"),
        (50_001, "GBP", 409, "insufficient_funds"),
        (5_000, "EUR", 409, "insufficient_funds"),  # nothing in the euro wallet
        (5_000, "JPY", 400, "invalid"),
    ],
)
def test_bad_amounts_are_refused_and_nothing_moves(amount, currency, status, code, fred, paypal, client_for, ledger_ok):
    answer = withdraw(client_for(fred), paypal, amount, currency)

    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.content
    assert not Payout.objects.exists()
    assert (wallet(fred).balance, wallet(fred).pending_out) == (50_000, 0)
    ledger_ok()


def test_more_than_the_balance_says_how_much_is_available(fred, paypal, client_for, ledger_ok):
    withdraw(client_for(fred), paypal, 40_000)
    answer = withdraw(client_for(fred), paypal, 20_000)

    assert answer.status_code == 409
    assert "£100 available" in answer.json()["error"]["message"]
    assert Payout.objects.count() == 1
    ledger_ok()


def test_cancel_while_held_gives_the_money_back(fred, paypal, client_for, ledger_ok):
    payout_id = withdraw(client_for(fred), paypal, 20_000).json()["id"]

    answer = client_for(fred).post(f"/api/v1/payouts/{payout_id}/cancel")

    assert answer.status_code == 200 and answer.json()["status"] == "cancelled"
    assert (wallet(fred).balance, wallet(fred).available) == (50_000, 50_000)
    assert Payout.objects.get().timers.get().cancelled_at is not None
    again = client_for(fred).post(f"/api/v1/payouts/{payout_id}/cancel")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "payout_cancelled")
    ledger_ok()


def test_the_same_idempotency_key_makes_one_payout(fred, paypal, client_for, ledger_ok):
    browser = client_for(fred)
    first = withdraw(browser, paypal, 20_000, HTTP_IDEMPOTENCY_KEY="withdraw-1")
    second = withdraw(browser, paypal, 20_000, HTTP_IDEMPOTENCY_KEY="withdraw-1")
    changed = withdraw(browser, paypal, 30_000, HTTP_IDEMPOTENCY_KEY="withdraw-1")

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] == second.json()["id"]
    assert (changed.status_code, changed.json()["error"]["code"]) == (409, "idempotency_key_reused")
    assert Payout.objects.count() == 1 and wallet(fred).pending_out == 20_000
    ledger_ok()


def test_the_service_itself_is_idempotent_on_the_key(fred, paypal, ledger_ok):
    from openhour.money.ledger import IdempotencyMismatch
    from openhour.money.payouts.services import payout_request

    first = payout_request(owner=fred, amount=3_000, currency="GBP", method_id=paypal.pk, idempotency_key="k")
    again = payout_request(owner=fred, amount=3_000, currency="GBP", method_id=paypal.pk, idempotency_key="k")
    with pytest.raises(IdempotencyMismatch):
        payout_request(owner=fred, amount=4_000, currency="GBP", method_id=paypal.pk, idempotency_key="k")
    assert first.pk == again.pk and wallet(fred).pending_out == 3_000
    ledger_ok()


def test_nobody_sees_or_moves_another_persons_money(fred, olga, paypal, client_for, ledger_ok):
    payout_id = withdraw(client_for(fred), paypal, 20_000).json()["id"]
    top_up(olga, 50_000)

    as_olga = client_for(olga)
    assert as_olga.get(f"/api/v1/payouts/{payout_id}").status_code == 404
    assert as_olga.get("/api/v1/payouts").json()["items"] == []
    assert as_olga.post(f"/api/v1/payouts/{payout_id}/cancel").status_code == 404
    assert withdraw(as_olga, paypal, 20_000).status_code == 404  # fred's method
    assert as_olga.get("/api/v1/payouts/not-a-uuid").status_code == 404
    assert Payout.objects.get().status == "held" and wallet(olga).pending_out == 0
    ledger_ok()


def test_the_service_refuses_a_currency_we_do_not_hold(fred, paypal, ledger_ok):
    from openhour.lib.errors import InvalidInput
    from openhour.money.payouts.services import payout_request

    with pytest.raises(InvalidInput) as refused:
        payout_request(owner=fred, amount=5_000, currency="JPY", method_id=paypal.pk)
    assert refused.value.code == "unsupported_currency" and not Payout.objects.exists()
    ledger_ok()


def test_a_method_with_a_withdrawal_under_way_stays_until_it_is_done(fred, paypal, client_for, ledger_ok):
    payout_id = withdraw(client_for(fred), paypal, 20_000).json()["id"]
    refused = client_for(fred).delete(f"/api/v1/payout-methods/{paypal.pk}")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "payout_method_in_use")
    client_for(fred).post(f"/api/v1/payouts/{payout_id}/cancel")
    assert client_for(fred).delete(f"/api/v1/payout-methods/{paypal.pk}").status_code == 204
    ledger_ok()


def test_a_removed_method_cannot_be_paid_to(fred, paypal, client_for, ledger_ok):
    client_for(fred).delete(f"/api/v1/payout-methods/{paypal.pk}")
    assert withdraw(client_for(fred), paypal, 20_000).status_code == 404
    ledger_ok()


def test_anonymous_gets_401(db, client):
    assert client.get("/api/v1/payouts").status_code == 401
    assert client.post("/api/v1/payouts", {}, content_type="application/json").status_code == 401


def test_payouts_are_listed_in_pages(fred, paypal, client_for, ledger_ok):
    browser = client_for(fred)
    for _ in range(3):
        withdraw(browser, paypal, 2_000)
    first = browser.get("/api/v1/payouts?limit=2").json()
    second = browser.get(f"/api/v1/payouts?limit=2&cursor={first['next_cursor']}").json()
    assert (len(first["items"]), len(second["items"]), second["next_cursor"]) == (2, 1, None)
    ledger_ok()


def test_listing_payouts_takes_the_same_queries_for_one_or_many(
    fred, paypal, client_for, django_assert_max_num_queries
):
    browser = client_for(fred)
    for _ in range(5):
        withdraw(browser, paypal, 2_000)
    with django_assert_max_num_queries(6):  # session, user, token checks, one page of payouts with their methods
        assert len(browser.get("/api/v1/payouts").json()["items"]) == 5
    with django_assert_max_num_queries(6):
        assert browser.get("/wallet/payouts").status_code == 200
