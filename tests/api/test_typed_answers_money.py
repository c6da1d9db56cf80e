"""The typed answers of contracts and money tell the truth: real answers, asked for over HTTP as a client would,
match the success schema that /api/v1/openapi.json gives for their operation, key for key and type for type.

Clara (a client) offers, funds by card, releases, deposits and asks for refunds; Fred (a freelancer) delivers,
logs hours and withdraws; an operator decides a dispute. Each test ends with the ledger check."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from ninja import Schema

from openhour.api import schemas as shared_shapes
from openhour.contracts.api import contracts as contracts_api
from openhour.contracts.api import offers as offers_api
from openhour.contracts.change_orders import api as change_orders_api
from openhour.contracts.disputes import api as disputes_api
from openhour.contracts.disputes.tests.kit import funded
from openhour.contracts.hourly import api as hourly_api
from openhour.contracts.hourly.services import weeks_fire_due
from openhour.contracts.hourly.tests.kit import hourly_contract_between
from openhour.contracts.tests.test_offers_kit import offer_body
from openhour.money.api import invoices as invoices_api
from openhour.money.api import payouts as payouts_api
from openhour.money.api import wallet as wallet_api
from openhour.money.tests.kit import contract_between, top_up
from tests.api.answers import mismatches

pytestmark = pytest.mark.django_db

API = "/api/v1"
RATES = Path(__file__).parents[2] / "openhour" / "money" / "tests" / "data" / "eurofxref-daily.xml"


def test_the_checker_refuses_a_lie():
    components = {"MoneyOut": {"type": "object", "properties": {"amount": {"type": "integer"}}, "required": ["amount"]}}
    money = {"$ref": "#/components/schemas/MoneyOut"}
    nullable = {"anyOf": [money, {"type": "null"}]}
    assert mismatches({"amount": 5}, money, components) == []
    assert mismatches(None, nullable, components) == []
    assert mismatches({"amount": "5"}, nullable, components)  # a wrong type
    assert mismatches({}, money, components)  # a required key missing
    assert mismatches({"amount": 5, "currency": "GBP"}, money, components)  # a key the schema hides
    assert mismatches({"amount": 5}, {"type": "object"}, components)  # a bare object says nothing
    assert mismatches("yesterday", {"type": "string", "format": "date-time"}, components)


API_MODULES = [
    shared_shapes,  # the people, steps and money these answers share with other apps'
    contracts_api,
    offers_api,
    change_orders_api,
    disputes_api,
    hourly_api,
    wallet_api,
    payouts_api,
    invoices_api,
]


def test_no_other_shape_takes_the_name_of_ours(schema):
    """The schema keeps one component per name: a class of the same name elsewhere would silently replace ours."""
    components = schema["components"]["schemas"]
    ours = [
        shape
        for module in API_MODULES
        for shape in vars(module).values()
        if isinstance(shape, type) and issubclass(shape, Schema) and shape.__module__ == module.__name__
    ]
    outputs = [shape for shape in ours if shape.__name__.endswith("Out")]
    assert len(outputs) >= 40  # every module was read
    for shape in outputs:
        keys = {field.alias or name for name, field in shape.model_fields.items()}
        assert set(components[shape.__name__]["properties"]) == keys, shape.__name__


class Asker:
    """One person's API client that checks every answer against its operation's schema."""

    def __init__(self, schema: dict, headers: dict[str, str]) -> None:
        self.schema, self.http = schema, Client(headers=headers)

    def __call__(self, method: str, template: str, body: Any = None, status: int = 200, key: str = "", **params) -> Any:
        path = API + template.format(**params)
        headers = {"Idempotency-Key": key} if key else {}
        if method == "get":
            response = self.http.get(path, body, headers=headers)
        else:
            response = getattr(self.http, method)(path, body or {}, content_type="application/json", headers=headers)
        assert response.status_code == status, response.content
        answer = response.json()
        success = self.schema["paths"][API + template][method]["responses"][str(status)]
        content = success["content"]["application/json"]["schema"]
        problems = mismatches(answer, content, self.schema["components"]["schemas"])
        assert problems == [], (method, template, problems)
        return answer


@pytest.fixture(autouse=True)
def _a_fixed_now() -> Iterator[None]:
    """Steps happen at a fixed instant on a whole second, so a replayed answer (stored as JSON, read back) and a
    fresh one write the same times: "10:00:00Z" either way, where a stored "…:05.000Z" would come back "…:05Z"."""
    with time_machine.travel(NOW, tick=False):
        yield


NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


@pytest.fixture
def ask(schema, bearer):
    return lambda person: Asker(schema, bearer(person))


def gbp(amount: int) -> dict[str, Any]:
    return {"amount": amount, "currency": "GBP"}


def test_a_milestone_funded_by_card_delivered_released_and_invoiced(clara, fred, ask, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    client, freelancer = ask(clara), ask(fred)

    card = {"payment": {"method": "card", "card_token": "tok_3ds"}}
    waiting = client("post", "/milestones/{milestone_id}/fund", card, milestone_id=milestone.pk)
    payment = waiting["payment"]
    assert payment["status"] == "requires_action" and payment["next_action"]["url"]
    assert client("get", "/payments/{payment_id}", payment_id=payment["id"])["next_action"] == payment["next_action"]
    assert client("post", "/payments/{payment_id}/confirm", payment_id=payment["id"])["next_action"] is None

    delivered = freelancer(
        "post", "/milestones/{milestone_id}/submit", {"message": "The new shop."}, milestone_id=milestone.pk
    )
    assert delivered["deliveries"][0]["message"] == "The new shop." and delivered["release_due_at"]
    released = client(
        "post", "/milestones/{milestone_id}/release", {"note": "Lovely."}, key="release-1", milestone_id=milestone.pk
    )
    replayed = client(
        "post", "/milestones/{milestone_id}/release", {"note": "Lovely."}, key="release-1", milestone_id=milestone.pk
    )
    assert replayed == released and released["released"] == gbp(30_000)

    shown = client("get", "/contracts/{contract_id}", contract_id=contract.pk)
    assert shown["milestones"] == [released] and shown["client"] == {"username": "clara", "name": "Clara Client"}
    assert client("post", "/contracts/{contract_id}/end", contract_id=contract.pk)["events"][-1]["from"] == "active"
    assert [row["id"] for row in freelancer("get", "/contracts")["items"]] == [str(contract.pk)]
    receipts = client("get", "/invoices")["items"]
    assert receipts and receipts[0]["kind"] == "receipt"
    document = client.http.get(urlsplit(receipts[0]["pdf_url"]).path)
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    documented = client.schema["paths"][f"{API}/invoices/{{invoice_id}}.pdf"]["get"]["responses"]["200"]
    assert documented["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    ledger_ok()


def test_an_offer_answered_and_a_change_order_accepted(clara, fred, ask, ledger_ok):
    client, freelancer = ask(clara), ask(fred)
    offered = client("post", "/offers", offer_body(), status=201)
    assert offered["offer"]["fee_preview"]["amount"] == gbp(30_000) and offered["offer"]["expires_at"]
    accepted = freelancer("post", "/contracts/{contract_id}/accept", contract_id=offered["id"])
    assert accepted["status"] == "active" and accepted["offer"] is None

    add = {"action": "add", "title": "Extra page", "amount": gbp(20_000), "due_in_days": 10}
    body = {"milestones": [add], "note": "As discussed."}
    proposed = freelancer(
        "post", "/contracts/{contract_id}/change-requests", body, status=201, contract_id=offered["id"]
    )
    assert proposed["milestones"][0]["id"] is None and proposed["total"]
    assert client("get", "/change-requests/{change_order_id}", change_order_id=proposed["id"]) == proposed
    agreed = client(
        "post",
        "/change-requests/{change_order_id}/accept",
        {"note": "Fine."},
        key="accept-1",
        change_order_id=proposed["id"],
    )
    assert agreed["status"] == "accepted" and agreed["milestones"][0]["id"] and agreed["events"][-1]["to"] == "accepted"
    assert client("get", "/contracts/{contract_id}/change-requests", contract_id=offered["id"])["items"] == [agreed]
    first = accepted["milestones"][0]["id"]
    assert (
        client("patch", "/milestones/{milestone_id}", {"criteria": "Loads fast."}, milestone_id=first)["criteria"]
        == "Loads fast."
    )
    ledger_ok()


def test_a_dispute_decided_by_an_operator(clara, fred, operator, ask, ledger_ok):
    milestone = funded(clara, fred, delivered=True)
    opened = ask(clara)(
        "post",
        "/milestones/{milestone_id}/dispute",
        {"reason": "Not what we agreed."},
        status=201,
        milestone_id=milestone.pk,
    )
    assert opened["decision"] is None and opened["respond_by"] and opened["statements"][0]["author"] == "Clara Client"
    stated = ask(fred)(
        "post", "/disputes/{dispute_id}/statements", {"text": "It is all there."}, status=201, dispute_id=opened["id"]
    )
    assert [statement["role"] for statement in stated["statements"]] == ["client", "freelancer"]
    decision = {"release": 12_000, "decision": "Half the pages were missing."}
    decided = ask(operator)("post", "/disputes/{dispute_id}/decide", decision, key="decide-1", dispute_id=opened["id"])
    assert decided["decision"]["refund"] == gbp(18_000) and decided["decision"]["by"] == "operator"
    assert ask(fred)("get", "/disputes")["items"] == [
        ask(fred)("get", "/disputes/{dispute_id}", dispute_id=opened["id"])
    ]
    ledger_ok()


MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
NEXT_TUESDAY = NOW  # the week of 16 Nov has closed and is in review


def test_a_week_of_hours_logged_edited_and_approved(clara, fred, ask, ledger_ok):
    with time_machine.travel(MONDAY, tick=False):
        contract = hourly_contract_between(clara, fred)
        client, freelancer = ask(clara), ask(fred)
        body = {"date": "2026-11-16", "hours": "1:30", "memo": "Checkout"}
        line = freelancer("post", "/contracts/{contract_id}/timesheet/lines", body, status=201, contract_id=contract.pk)
        assert line["hours"] == "1.5" and line["minutes"] == 90
        edited = freelancer("patch", "/timesheet-lines/{line_id}", {"hours": 2}, line_id=line["id"])
        sheet = client("get", "/contracts/{contract_id}/timesheet", contract_id=contract.pk)
    week = sheet["weeks"][0]
    assert week["lines"] == [edited] and week["review_ends_at"] is None and sheet["this_week"]["hours_left"] == "18"
    top_up(clara, 50_000)
    with time_machine.travel(NEXT_TUESDAY, tick=False):
        weeks_fire_due()
        approved = client("post", "/timesheet-weeks/{week_id}/approve", {"note": "Thanks."}, week_id=week["id"])
    assert approved["status"] == "approved" and approved["amount"] == gbp(9_000) and approved["approved_milestone"]
    ledger_ok()


def test_the_wallet_deposits_converts_refunds_and_lists(clara, ask, ledger_ok):
    call_command("fx_load", str(RATES))  # 20 November 2026
    client = ask(clara)
    with time_machine.travel(datetime(2026, 11, 21, 12, 0, tzinfo=UTC), tick=False):
        body = {"amount": gbp(25_000), "card_token": "tok_visa"}
        paid = client("post", "/wallet/deposits", body, status=201, key="deposit-1")
        assert client("post", "/wallet/deposits", body, status=201, key="deposit-1") == paid
        assert paid["status"] == "succeeded" and paid["next_action"] is None and paid["milestone"] is None
        conversion = {"amount": 10_000, "from": "GBP", "to": "USD"}
        assert client("post", "/wallet/conversions", conversion, status=201)["amount"] == gbp(10_000)
        refunded = client(
            "post",
            "/payments/{payment_id}/refunds",
            {"amount": gbp(5_000)},
            status=201,
            key="refund-1",
            payment_id=paid["id"],
        )
        assert refunded["refunded"] == gbp(5_000)
        rates = client("get", "/fx/rates")
    assert rates["base"] == "EUR" and rates["rates"]
    balances = {row["currency"]: row["available"]["amount"] for row in client("get", "/wallet")["balances"]}
    assert balances["GBP"] == 10_000
    lines = client("get", "/wallet/transactions", {"limit": 100})["items"]
    assert {"deposit", "fx", "card_refund"} <= {line["kind"] for line in lines} and lines[0]["from"]
    ledger_ok()


def test_a_payout_to_a_new_method_is_held_then_cancelled(fred, ask, ledger_ok):
    top_up(fred, 50_000)
    freelancer = ask(fred)
    method = freelancer(
        "post", "/payout-methods", {"kind": "paypal", "details": {"email": "fred@example.com"}}, status=201
    )
    assert freelancer("get", "/payout-methods")["items"] == [method]
    body = {"amount": gbp(20_000), "method": method["id"]}
    held = freelancer("post", "/payouts", body, status=201, key="payout-1")
    assert freelancer("post", "/payouts", body, status=201, key="payout-1") == held
    assert held["status"] == "held" and held["method"]["display"] == method["display"]
    assert freelancer("get", "/payouts")["items"] == [freelancer("get", "/payouts/{payout_id}", payout_id=held["id"])]
    assert freelancer("post", "/payouts/{payout_id}/cancel", payout_id=held["id"])["status"] == "cancelled"
    ledger_ok()
