"""Amounts over /api/v1 are integers and nothing else, up to the cap the server applies, and the schema at
/api/v1/openapi.json states that same cap. Covers the wallet (deposits, refunds, conversions), payouts,
direct offers and change requests; proposals and Hourlies have their own modules.

Clara deposits, offers and changes her contract with Fred; Fred withdraws. A refused amount moves nothing
and makes nothing.
"""

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.models import Contract
from openhour.money.models import Payment, Payout
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db

JSON = "application/json"
NOT_AMOUNTS = ["100", True, 100.5, None]  # text, a boolean, a fraction, nothing: never coerced to an amount


def gbp(amount: Any) -> dict[str, Any]:
    return {"amount": amount, "currency": "GBP"}


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, body, content_type=JSON)


def fields_of(response: Any) -> dict[str, list[str]]:
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"]


# ---- the schema, read as a client reads it ---------------------------------------------------------


def server_cap() -> int:
    """The most any service accepts for a budget, price or payment: AMOUNT_CEILING major units."""
    return settings.AMOUNT_CEILING * 100


def openapi() -> dict[str, Any]:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def resolved(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def body_schema(doc: dict[str, Any], path: str, method: str = "post") -> dict[str, Any]:
    return resolved(doc, doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"])


def field_schema(doc: dict[str, Any], schema: dict[str, Any], *names: str) -> dict[str, Any]:
    """The schema of a nested field: `items` steps into a list."""
    for name in names:
        schema = resolved(doc, schema["items"] if name == "items" else schema["properties"][name])
    return schema


def money_maxima(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, int]:
    """The largest amount each accepted shape of a money field allows: `object` for {"amount", "currency"},
    `integer` for the deprecated bare integer."""
    found = {}
    for option in [resolved(doc, o) for o in schema.get("anyOf", [schema])]:
        if option.get("type") == "object":
            found["object"] = option["properties"]["amount"]["maximum"]
        elif option.get("type") == "integer":
            found["integer"] = option["maximum"]
    return found


def deprecated_integer(doc: dict[str, Any], schema: dict[str, Any]) -> bool:
    options = [resolved(doc, o) for o in schema.get("anyOf", [])]
    return any(o.get("type") == "integer" and o.get("deprecated") for o in options) and "deprecated" in schema.get(
        "description", ""
    )


# ---- deposits ---------------------------------------------------------------------------------------

DEPOSITS = "/api/v1/wallet/deposits"


def deposit(client: Client, amount: Any) -> Any:
    return post(client, DEPOSITS, {"amount": amount, "card_token": "tok_visa"})


def test_a_deposit_is_a_money_object_up_to_the_cap_the_schema_states(clara, client_for, ledger_ok):
    doc = openapi()
    assert money_maxima(doc, field_schema(doc, body_schema(doc, DEPOSITS), "amount")) == {"object": server_cap()}

    made = deposit(client_for(clara), gbp(server_cap()))
    assert made.status_code == 201, made.content
    assert Payment.objects.get().amount == server_cap()
    over = deposit(client_for(clara), gbp(server_cap() + 1))
    assert "amount.amount" in fields_of(over)
    assert Payment.objects.count() == 1
    ledger_ok()


@pytest.mark.parametrize("amount", NOT_AMOUNTS)
def test_a_deposit_amount_that_is_not_an_integer_is_refused(clara, client_for, ledger_ok, amount):
    assert "amount.amount" in fields_of(deposit(client_for(clara), gbp(amount)))
    assert not Payment.objects.exists()
    ledger_ok()


def test_a_deposit_was_never_a_bare_integer(clara, client_for, ledger_ok):
    assert "amount" in fields_of(deposit(client_for(clara), 5_000))
    assert not Payment.objects.exists()
    ledger_ok()


# ---- refunds and conversions ------------------------------------------------------------------------


@pytest.mark.parametrize("amount", NOT_AMOUNTS)
def test_a_refund_amount_that_is_not_an_integer_is_refused(clara, client_for, ledger_ok, amount):
    payment = deposit(client_for(clara), gbp(5_000)).json()
    refund = post(client_for(clara), f"/api/v1/payments/{payment['id']}/refunds", {"amount": gbp(amount)})
    assert "amount.amount" in fields_of(refund)
    assert Payment.objects.get().refunded == 0
    ledger_ok()


@pytest.mark.parametrize("amount", [*NOT_AMOUNTS, "cap+1"])
def test_a_conversion_amount_is_an_integer_up_to_the_cap(clara, client_for, ledger_ok, amount):
    doc = openapi()
    assert field_schema(doc, body_schema(doc, "/api/v1/wallet/conversions"), "amount")["maximum"] == server_cap()
    top_up(clara, 5_000)
    amount = server_cap() + 1 if amount == "cap+1" else amount
    refused = post(client_for(clara), "/api/v1/wallet/conversions", {"amount": amount, "from": "GBP", "to": "EUR"})
    assert "amount" in fields_of(refused)
    ledger_ok()


# ---- payouts ----------------------------------------------------------------------------------------

PAYOUTS = "/api/v1/payouts"


@pytest.fixture
def paypal(fred, client_for) -> str:
    top_up(fred, 50_000)
    made = post(client_for(fred), "/api/v1/payout-methods", {"kind": "paypal", "details": {"email": "f@example.com"}})
    assert made.status_code == 201, made.content
    return made.json()["id"]


def withdraw(client: Client, method: str, amount: Any) -> Any:
    return post(client, PAYOUTS, {"amount": amount, "method": method})


def test_a_payout_is_a_money_object_up_to_the_cap_the_schema_states(fred, paypal, client_for, ledger_ok):
    doc = openapi()
    assert money_maxima(doc, field_schema(doc, body_schema(doc, PAYOUTS), "amount")) == {"object": server_cap()}

    made = withdraw(client_for(fred), paypal, gbp(20_000))
    assert made.status_code == 201, made.content
    assert Payout.objects.get().amount == 20_000
    assert "amount.amount" in fields_of(withdraw(client_for(fred), paypal, gbp(server_cap() + 1)))
    assert Payout.objects.count() == 1
    ledger_ok()


@pytest.mark.parametrize("amount", [*NOT_AMOUNTS, 20_000])
def test_a_payout_amount_that_is_not_an_integer_reserves_nothing(fred, paypal, client_for, ledger_ok, amount):
    bare = amount == 20_000  # a payout was never a bare integer either
    refused = withdraw(client_for(fred), paypal, amount if bare else gbp(amount))
    assert ("amount" if bare else "amount.amount") in fields_of(refused)
    assert not Payout.objects.exists()
    ledger_ok()


# ---- direct offers ----------------------------------------------------------------------------------

OFFERS = "/api/v1/offers"


def offer(currency: str = "GBP", **changes: Any) -> dict[str, Any]:
    body = {
        "to": "fred",
        "title": "Shop redesign",
        "message": "A new shop for our bakery.",
        "currency": currency,
        "kind": "fixed",
        "milestones": [
            {"title": "Design", "amount": 20_000, "due_in_days": 7},
            {"title": "Build", "amount": 10_000, "due_in_days": 14},
        ],
    }
    return body | changes


def hourly(rate: Any) -> dict[str, Any]:
    return offer(kind="hourly", milestones=[], hourly_rate=rate, weekly_limit=10)


def with_amounts(*amounts: Any, currency: str = "GBP") -> dict[str, Any]:
    rows = [{"title": f"Part {n + 1}", "amount": amount, "due_in_days": 7} for n, amount in enumerate(amounts)]
    return offer(currency, milestones=rows)


def test_offer_milestones_take_money_objects(clara, fred, client_for):
    made = post(client_for(clara), OFFERS, with_amounts(gbp(20_000), gbp(10_000)))
    assert made.status_code == 201, made.content
    assert [m["amount"] for m in made.json()["milestones"]] == [gbp(20_000), gbp(10_000)]
    contract = Contract.objects.get()
    assert [m.amount for m in contract.milestones.order_by("position")] == [20_000, 10_000]


def test_offer_milestones_still_take_a_bare_integer(clara, fred, client_for):
    made = post(client_for(clara), OFFERS, with_amounts(20_000, gbp(10_000)))
    assert made.status_code == 201, made.content
    assert [m.amount for m in Contract.objects.get().milestones.order_by("position")] == [20_000, 10_000]


def test_an_hourly_rate_takes_a_money_object_or_a_bare_integer(clara, fred, olga, client_for):
    made = post(client_for(clara), OFFERS, hourly(gbp(4_500)))
    assert made.status_code == 201, made.content
    again = post(client_for(clara), OFFERS, hourly(5_000) | {"to": "olga"})
    assert again.status_code == 201, again.content
    assert sorted(Contract.objects.values_list("hourly_rate", flat=True)) == [4_500, 5_000]


def test_an_offer_amount_in_another_currency_is_refused_by_name(clara, fred, client_for):
    refused = post(client_for(clara), OFFERS, with_amounts(gbp(20_000), {"amount": 10_000, "currency": "EUR"}))
    assert list(fields_of(refused)) == ["milestones.1.amount.currency"]
    rate = post(client_for(clara), OFFERS, hourly({"amount": 4_500, "currency": "USD"}))
    assert list(fields_of(rate)) == ["hourly_rate.currency"]
    assert not Contract.objects.exists()


@pytest.mark.parametrize(
    ("amount", "field"),
    [(bad, "milestones.0.amount") for bad in NOT_AMOUNTS[:3]]
    + [(gbp(bad), "milestones.0.amount.amount") for bad in NOT_AMOUNTS],
)
def test_an_offer_amount_that_is_not_an_integer_is_refused(clara, fred, client_for, amount, field):
    assert field in fields_of(post(client_for(clara), OFFERS, with_amounts(amount)))
    assert field.replace("milestones.0.amount", "hourly_rate") in fields_of(
        post(client_for(clara), OFFERS, hourly(amount))
    )
    assert not Contract.objects.exists()


def test_an_offer_amount_above_the_cap_is_refused_and_the_schema_says_so(clara, fred, client_for):
    doc = openapi()
    both = {"object": server_cap(), "integer": server_cap()}
    offer_in = body_schema(doc, OFFERS)
    assert money_maxima(doc, field_schema(doc, offer_in, "milestones", "items", "amount")) == both
    assert money_maxima(doc, field_schema(doc, offer_in, "hourly_rate")) == both
    assert deprecated_integer(doc, field_schema(doc, offer_in, "milestones", "items", "amount"))

    for amount in (gbp(server_cap() + 1), server_cap() + 1):
        assert post(client_for(clara), OFFERS, with_amounts(amount)).status_code == 400
        assert post(client_for(clara), OFFERS, hourly(amount)).status_code == 400
    assert not Contract.objects.exists()


# ---- change requests --------------------------------------------------------------------------------


def change_request(client: Client, contract: Contract, amount: Any) -> Any:
    change = {"action": "add", "title": "Extra page", "amount": amount, "due_in_days": 30}
    return post(client, f"/api/v1/contracts/{contract.pk}/change-requests", {"milestones": [change]})


@pytest.mark.parametrize("amount", [gbp(20_000), 20_000])
def test_a_change_request_takes_a_money_object_or_a_bare_integer(clara, fred, client_for, amount):
    contract = contract_between(clara, fred, 30_000)
    made = change_request(client_for(fred), contract, amount)
    assert made.status_code == 201, made.content
    assert made.json()["milestones"][0]["amount"] == gbp(20_000)
    assert ChangeOrder.objects.get().items.get().amount == 20_000


@pytest.mark.parametrize(
    ("amount", "field"),
    [
        ({"amount": 20_000, "currency": "EUR"}, "milestones.0.amount.currency"),
        *[(bad, "milestones.0.amount") for bad in NOT_AMOUNTS[:3]],
        *[(gbp(bad), "milestones.0.amount.amount") for bad in NOT_AMOUNTS],
    ],
)
def test_a_change_request_with_a_bad_amount_changes_nothing(clara, fred, client_for, amount, field):
    contract = contract_between(clara, fred, 30_000)
    assert field in fields_of(change_request(client_for(fred), contract, amount))
    assert not ChangeOrder.objects.exists()
    assert contract.milestones.count() == 1


def test_a_change_request_above_the_cap_is_refused_and_the_schema_says_so(clara, fred, client_for):
    doc = openapi()
    schema = body_schema(doc, "/api/v1/contracts/{contract_id}/change-requests")
    amount = field_schema(doc, schema, "milestones", "items", "amount")
    assert money_maxima(doc, amount) == {"object": server_cap(), "integer": server_cap()}
    assert deprecated_integer(doc, amount)

    contract = contract_between(clara, fred, 30_000)
    for too_much in (gbp(server_cap() + 1), server_cap() + 1):
        assert change_request(client_for(fred), contract, too_much).status_code == 400
    assert not ChangeOrder.objects.exists()
