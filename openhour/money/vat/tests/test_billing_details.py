"""Billing details (/me/billing and GET/PUT /api/v1/me/billing): each person sets their own; a VAT number is
checked for its format and for the billing country; bad input is a field error on the page (re-rendered, 400)
and in the API (400 naming the field); nobody else reads or changes them."""

import pytest
from django.test import Client

from openhour.lib.errors import NotAllowed
from openhour.money.vat.models import BillingDetails
from openhour.money.vat.services import BillingInput, billing_details_set

pytestmark = pytest.mark.django_db

API = "/api/v1/me/billing"
PAGE = "/me/billing"
GERMAN_BUSINESS = {
    "kind": "business",
    "legal_name": "Beispiel Handel GmbH",
    "vat_number": "DE 136 695 976",
    "country": "DE",
    "address": "Musterstraße 1\n10115 Berlin",
}


def put(client: Client, body: dict) -> object:
    return client.put(API, body, content_type="application/json")


def field_error(response, field: str) -> str:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert field in error["fields"], error
    return " ".join(error["fields"][field])


def test_a_business_sets_its_details_and_reads_them_back(clara, client_for):
    saved = put(client_for(clara), GERMAN_BUSINESS)

    assert saved.status_code == 200, saved.content
    body = client_for(clara).get(API).json()
    assert body["kind"] == "business" and body["legal_name"] == "Beispiel Handel GmbH"
    assert (body["vat_number"], body["vat_number_check"], body["country"]) == ("DE136695976", "format", "DE")
    assert body["address"] == "Musterstraße 1\n10115 Berlin"


def test_before_anything_is_set_the_api_answers_with_a_private_person_and_no_country(clara, client_for):
    body = client_for(clara).get(API).json()

    assert (body["kind"], body["vat_number"], body["country"]) == ("consumer", "", "")
    assert body["vat"] == {"treatment": "none", "rate": "0"}  # the operator charges no VAT by default


@pytest.mark.parametrize(
    ("number", "country", "expected"),
    [
        ("136695976", "DE", "DE136695976"),  # typed without its prefix: the country's is added
        ("el094259216", "GR", "EL094259216"),  # Greece's numbers carry EL
        ("GR094259216", "GR", "EL094259216"),  # not its ISO code
        ("GB 980 7806 84", "GB", "GB980780684"),
        ("XI980780684", "GB", "XI980780684"),  # Northern Ireland, billed in the United Kingdom
        ("FR 40 303 265 045", "FR", "FR40303265045"),
    ],
)
def test_numbers_are_kept_compact_with_their_country_prefix(clara, client_for, number, country, expected):
    body = {**GERMAN_BUSINESS, "vat_number": number, "country": country}

    assert put(client_for(clara), body).json()["vat_number"] == expected


@pytest.mark.parametrize(
    ("number", "country", "says"),
    [
        ("DE136695975", "DE", "not a valid VAT number"),  # a wrong check digit
        ("12", "FR", "not a valid VAT number"),
        ("DE136695976", "FR", "belongs to another country (DE)"),
        ("GB980780684", "IE", "belongs to another country (GB)"),
    ],
)
def test_a_malformed_or_foreign_number_is_a_field_error_in_the_api(clara, client_for, number, country, says):
    refused = put(client_for(clara), {**GERMAN_BUSINESS, "vat_number": number, "country": country})

    assert says in field_error(refused, "vat_number")
    assert not BillingDetails.objects.filter(person=clara).exists()


def test_other_bad_input_names_its_field(clara, client_for):
    browser = client_for(clara)
    assert "legal name" in field_error(put(browser, {**GERMAN_BUSINESS, "legal_name": "  "}), "legal_name")
    assert "Only businesses" in field_error(put(browser, {**GERMAN_BUSINESS, "kind": "consumer"}), "vat_number")
    assert "country" in field_error(put(browser, {**GERMAN_BUSINESS, "country": "XX"}), "country")
    assert put(browser, {**GERMAN_BUSINESS, "kind": "charity"}).status_code == 400
    assert put(browser, {**GERMAN_BUSINESS, "colour": "blue"}).status_code == 400  # unknown fields are refused
    assert put(browser, {**GERMAN_BUSINESS, "address": "x" * 501}).status_code == 400
    assert not BillingDetails.objects.exists()


def test_the_page_shows_the_form_and_saves_it(clara, client_for):
    browser = client_for(clara)
    page = browser.get(PAGE)
    assert page.status_code == 200
    for text in ("Billing details", "VAT number", 'name="legal_name"', "No VAT is charged on our fees."):
        assert text in page.text, text

    saved = browser.post(PAGE, GERMAN_BUSINESS, follow=True)

    assert saved.redirect_chain == [(PAGE, 302)]
    assert "Saved: your billing details." in saved.text and "DE136695976" in saved.text
    assert BillingDetails.objects.get(person=clara).vat_number == "DE136695976"


def test_the_page_re_renders_the_form_with_the_error_on_the_field(clara, client_for):
    page = client_for(clara).post(PAGE, {**GERMAN_BUSINESS, "vat_number": "DE136695976", "country": "FR"})

    assert page.status_code == 400
    assert "belongs to another country (DE)" in page.text and 'value="Beispiel Handel GmbH"' in page.text
    assert 'aria-invalid="true"' in page.text
    assert not BillingDetails.objects.exists()


def test_nobody_else_reads_or_changes_my_billing_details(clara, olga, client, client_for, bearer):
    put(client_for(clara), GERMAN_BUSINESS)

    olga_sees = Client(headers=bearer(olga)).get(API).json()
    assert olga_sees["vat_number"] == "" and "Beispiel" not in str(olga_sees)  # her own, empty details
    assert "Beispiel" not in client_for(olga).get(PAGE).text
    put(client_for(olga), {**GERMAN_BUSINESS, "legal_name": "Olga's Takeover Ltd"})  # writes only her own
    assert BillingDetails.objects.get(person=clara).legal_name == "Beispiel Handel GmbH"
    with pytest.raises(NotAllowed):
        billing_details_set(person=clara, by=olga, data=BillingInput(kind="consumer", country="GB"))

    assert client.get(API).status_code == 401
    assert put(client, GERMAN_BUSINESS).status_code == 401
    anonymous = client.get(PAGE)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client.post(PAGE, GERMAN_BUSINESS).status_code == 302
    assert BillingDetails.objects.get(person=clara).legal_name == "Beispiel Handel GmbH"
