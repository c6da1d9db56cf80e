"""Payout methods: account details are checked per kind (IBAN check digits, BIC, sort code, PayPal e-mail,
SWIFT), stored normalised, shown masked, on hold for three days, and private to their owner."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openhour.money.models import PayoutMethod

pytestmark = pytest.mark.django_db

GOOD_IBAN = {"account_holder": "Fred Freelancer", "iban": "de89 3704 0044 0532 0130 00", "bic": "cobadeffxxx"}
GOOD_UK = {"account_holder": "Fred Freelancer", "sort_code": "12-34-56", "account_number": "12345678"}
GOOD_WIRE = {
    "account_holder": "Fred Freelancer",
    "swift": "CHASUS33",
    "account_number": "000123456789",
    "bank_name": "JPMorgan Chase",
    "bank_address": "383 Madison Ave, New York",
    "country": "us",
}


def add(client, kind, details):
    return client.post("/api/v1/payout-methods", {"kind": kind, "details": details}, content_type="application/json")


@pytest.mark.parametrize(
    ("kind", "details", "display"),
    [
        ("bank_transfer", GOOD_IBAN, "IBAN •••• 3000"),
        ("bank_transfer", {**GOOD_IBAN, "iban": "GB33BUKB20201555555555", "bic": "BUKBGB22"}, "IBAN •••• 5555"),
        ("bank_transfer", GOOD_UK, "Sort code 12-34-56, account •••• 5678"),
        ("bank_transfer", {**GOOD_UK, "sort_code": "123456"}, "Sort code 12-34-56, account •••• 5678"),
        ("paypal", {"email": "Fred.Pays@Example.com"}, "PayPal f•••@example.com"),
        ("wire", GOOD_WIRE, "Wire to CHASUS33, account •••• 6789"),
    ],
)
def test_good_details_are_stored_normalised_and_shown_masked(kind, details, display, fred, client_for):
    answer = add(client_for(fred), kind, details)

    assert answer.status_code == 201, answer.content
    assert answer.json()["display"] == display
    method = PayoutMethod.objects.get(owner=fred)
    if "iban" in method.details:
        assert method.details["iban"] == method.details["iban"].upper().replace(" ", "")
        assert method.details["bic"].isupper()
    if kind == "wire":
        assert method.details["country"] == "US"
    assert method.usable_from > timezone.now() + timedelta(days=2, hours=23)


@pytest.mark.parametrize(
    ("kind", "details", "field"),
    [
        ("bank_transfer", {**GOOD_IBAN, "iban": "DE89370400440532013001"}, "details.iban"),  # wrong check digits
        ("bank_transfer", {**GOOD_IBAN, "iban": "DE8937040044"}, "details.iban"),  # too short
        ("bank_transfer", {**GOOD_IBAN, "iban": ""}, "details.iban"),
        ("bank_transfer", {**GOOD_IBAN, "bic": "NOTABIC"}, "details.bic"),
        ("bank_transfer", {**GOOD_IBAN, "bic": "BUKBGB22"}, "details.bic"),  # a British bank for a German IBAN
        ("bank_transfer", {**GOOD_IBAN, "account_holder": ""}, "details.account_holder"),
        ("bank_transfer", {**GOOD_UK, "sort_code": "12345"}, "details.sort_code"),
        ("bank_transfer", {**GOOD_UK, "sort_code": "12-34-5a"}, "details.sort_code"),
        ("bank_transfer", {**GOOD_UK, "account_number": "1234567"}, "details.account_number"),
        ("bank_transfer", {**GOOD_IBAN, "colour": "blue"}, "details.colour"),
        ("bank_transfer", {**GOOD_IBAN, "account_holder": "Fred\x00"}, "details"),
        ("paypal", {"email": "not-an-email"}, "details.email"),
        ("paypal", {"email": ""}, "details.email"),
        ("wire", {**GOOD_WIRE, "swift": "CHAS"}, "details.swift"),
        ("wire", {**GOOD_WIRE, "swift": "DEUTDEFF"}, "details.swift"),  # a German bank for a US wire
        ("wire", {**GOOD_WIRE, "country": "USA"}, "details.country"),
        ("wire", {**GOOD_WIRE, "bank_name": ""}, "details.bank_name"),
    ],
)
def test_bad_details_are_refused_with_the_field_named(kind, details, field, fred, client_for):
    answer = add(client_for(fred), kind, details)

    assert answer.status_code == 400, answer.content
    assert field in answer.json()["error"]["fields"], answer.json()
    assert not PayoutMethod.objects.exists()


def test_an_unknown_kind_is_refused(fred, client_for):
    answer = add(client_for(fred), "cash", {"email": "fred@example.com"})
    assert answer.status_code == 400 and "kind" in answer.json()["error"]["fields"]


def test_an_unverified_person_cannot_add_a_method(una, client_for):
    answer = add(client_for(una), "paypal", {"email": "una@example.com"})
    assert (answer.status_code, answer.json()["error"]["code"]) == (403, "email_unverified")


def test_methods_are_private_and_removal_is_soft(fred, olga, client_for):
    method_id = add(client_for(fred), "paypal", {"email": "fred@example.com"}).json()["id"]

    assert client_for(olga).get("/api/v1/payout-methods").json()["items"] == []
    assert client_for(olga).delete(f"/api/v1/payout-methods/{method_id}").status_code == 404
    assert client_for(fred).delete("/api/v1/payout-methods/nonsense").status_code == 404
    assert [m["id"] for m in client_for(fred).get("/api/v1/payout-methods").json()["items"]] == [method_id]

    assert client_for(fred).delete(f"/api/v1/payout-methods/{method_id}").status_code == 204
    assert client_for(fred).get("/api/v1/payout-methods").json()["items"] == []
    assert PayoutMethod.objects.get(pk=method_id).removed_at is not None


def test_anonymous_gets_401(db, client):
    assert client.get("/api/v1/payout-methods").status_code == 401
    assert add(client, "paypal", {"email": "x@example.com"}).status_code == 401
