"""The wallet over /api/v1: balances per currency, conversions with an idempotency key, the rates in use."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from openhour.money import ledger
from openhour.money.ledger import Leg
from openhour.money.models import FxRate, Purpose, Transfer

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def rates(db):
    call_command("fx_load", str(DATA / "eurofxref-daily.xml"))  # 20 November 2026
    with time_machine.travel(datetime(2026, 11, 21, 12, 0, tzinfo=UTC), tick=False):
        yield


def deposit(user, amount: int, currency: str) -> None:
    gateway = ledger.platform_account(purpose=Purpose.GATEWAY, currency=currency)
    ledger.post(Leg(debit=gateway, credit=ledger.wallet(owner=user, currency=currency), amount=amount, kind="deposit"))


def balances(response) -> dict[str, dict[str, int]]:
    assert response.status_code == 200, response.content
    return {
        row["currency"]: {key: row[key]["amount"] for key in ("available", "in_escrow", "pending_payout")}
        for row in response.json()["balances"]
    }


def test_wallet_shows_only_my_balances(clara, olga, bearer, ledger_ok) -> None:
    deposit(clara, 25_000, "GBP")
    deposit(olga, 7_000, "EUR")
    mine = balances(Client(headers=bearer(clara)).get("/api/v1/wallet"))
    assert mine == {
        "GBP": {"available": 25_000, "in_escrow": 0, "pending_payout": 0},
        "EUR": {"available": 0, "in_escrow": 0, "pending_payout": 0},
        "USD": {"available": 0, "in_escrow": 0, "pending_payout": 0},
    }
    theirs = balances(Client(headers=bearer(olga)).get("/api/v1/wallet"))
    assert theirs["EUR"]["available"] == 7_000
    assert theirs["GBP"]["available"] == 0
    ledger_ok()


def test_wallet_needs_a_signed_in_person(db) -> None:
    response = Client().get("/api/v1/wallet")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert Client().post("/api/v1/wallet/conversions", {}, content_type="application/json").status_code == 401


def test_convert_over_the_api(clara, bearer, ledger_ok) -> None:
    deposit(clara, 25_000, "GBP")
    api = Client(headers={**bearer(clara), "Idempotency-Key": "convert-1"})
    body = {"amount": 10_000, "from": "GBP", "to": "USD"}
    response = api.post("/api/v1/wallet/conversions", body, content_type="application/json")
    assert response.status_code == 201, response.content
    made = response.json()
    assert made["rate"] == "1.26041542"
    assert made["amount"] == {"amount": 10_000, "currency": "GBP"}
    assert made["converted"] == {"amount": 12_604, "currency": "USD"}
    assert made["fee"] == {"amount": 315, "currency": "USD"}
    assert made["received"] == {"amount": 12_289, "currency": "USD"}

    again = api.post("/api/v1/wallet/conversions", body, content_type="application/json")
    assert again.status_code == 201
    assert again.json() == made
    assert Transfer.objects.filter(kind="fx_fee").count() == 1
    wallet = balances(api.get("/api/v1/wallet"))
    assert wallet["GBP"]["available"] == 15_000
    assert wallet["USD"]["available"] == 12_289
    ledger_ok()


def test_the_same_key_for_a_different_request_is_refused(clara, bearer, ledger_ok) -> None:
    deposit(clara, 25_000, "GBP")
    api = Client(headers={**bearer(clara), "Idempotency-Key": "convert-1"})
    url = "/api/v1/wallet/conversions"
    assert (
        api.post(url, {"amount": 100, "from": "GBP", "to": "EUR"}, content_type="application/json").status_code == 201
    )
    other = api.post(url, {"amount": 200, "from": "GBP", "to": "EUR"}, content_type="application/json")
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    ledger_ok()


def test_convert_refuses_an_overdraft_and_bad_input(clara, bearer, ledger_ok) -> None:
    deposit(clara, 1_000, "GBP")
    api = Client(headers=bearer(clara))
    url = "/api/v1/wallet/conversions"
    too_much = api.post(url, {"amount": 1_001, "from": "GBP", "to": "EUR"}, content_type="application/json")
    assert too_much.status_code == 409
    assert too_much.json()["error"]["code"] == "insufficient_funds"
    unknown = api.post(url, {"amount": 100, "from": "GBP", "to": "JPY"}, content_type="application/json")
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "unsupported_currency"
    negative = api.post(url, {"amount": -1, "from": "GBP", "to": "EUR"}, content_type="application/json")
    assert negative.status_code == 400
    assert balances(api.get("/api/v1/wallet"))["GBP"]["available"] == 1_000
    ledger_ok()


def test_rates_are_public(db) -> None:
    response = Client().get("/api/v1/fx/rates")
    assert response.status_code == 200
    body = response.json()
    assert body["base"] == "EUR"
    assert {(r["quote"], r["rate"], r["as_of"]) for r in body["rates"]} == {
        ("GBP", "0.83290000", "2026-11-20"),
        ("USD", "1.04980000", "2026-11-20"),
    }


def test_operators_read_the_ledger_in_the_admin_but_cannot_change_it(operator, clara, client_for, ledger_ok) -> None:
    deposit(clara, 1_000, "GBP")
    transfer = Transfer.objects.get()
    browser = client_for(operator)
    assert browser.get("/admin/money/transfer/?q=deposit").status_code == 200
    assert browser.get("/admin/money/account/?purpose__exact=wallet").status_code == 200
    assert browser.get("/admin/money/fxrate/").status_code == 200
    assert browser.get("/admin/money/transfer/add/").status_code == 403
    assert browser.get(f"/admin/money/transfer/{transfer.pk}/delete/").status_code == 403
    page = browser.post(f"/admin/money/transfer/{transfer.pk}/change/", {"amount": 5})
    assert page.status_code == 403
    transfer.refresh_from_db()
    assert transfer.amount == 1_000
    added = browser.post("/admin/money/fxrate/add/", {"quote": "USD", "rate": "1.0601", "as_of": "2026-11-21"})
    assert added.status_code == 302
    assert str(FxRate.objects.get(as_of="2026-11-21").rate) == "1.06010000"
    ledger_ok()


def test_my_transactions_show_money_in_and_out_and_nobody_elses(clara, olga, bearer, ledger_ok) -> None:
    deposit(clara, 10_000, "GBP")
    deposit(olga, 7_000, "GBP")
    with time_machine.travel(datetime(2026, 11, 21, 12, 5, tzinfo=UTC), tick=False):  # the clock is frozen here
        ledger.post(
            Leg(
                debit=ledger.wallet(owner=clara, currency="GBP"),
                credit=ledger.wallet(owner=olga, currency="GBP"),
                amount=2_500,
                kind="payment",
                description="Logo sketches",
            )
        )

    lines = Client().get("/api/v1/wallet/transactions", headers=bearer(clara)).json()["items"]

    assert [(line["kind"], line["amount"]["amount"]) for line in lines] == [("payment", -2_500), ("deposit", 10_000)]
    assert lines[0]["description"] == "Logo sketches"
    olga_lines = Client().get("/api/v1/wallet/transactions", headers=bearer(olga)).json()["items"]
    assert [line["amount"]["amount"] for line in olga_lines] == [2_500, 7_000]
    assert Client().get("/api/v1/wallet/transactions").status_code == 401
    ledger_ok()
