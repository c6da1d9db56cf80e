"""VAT_NUMBER_LOOKUP=vies: a number VIES knows is confirmed; one it does not know is refused on its field; when
VIES is down, busy or unreachable the number is kept as format-valid and unconfirmed, and the person is told,
never a 500. Against a local fake VIES that speaks its REST API."""

import socket

import pytest

from openhour.money.vat.models import BillingDetails
from openhour.money.vat.tests import fake_vies

pytestmark = pytest.mark.django_db

API = "/api/v1/me/billing"
BUSINESS = {"kind": "business", "legal_name": "Beispiel Handel GmbH", "vat_number": "DE136695976", "country": "DE"}


@pytest.fixture
def vies(settings):
    with fake_vies.configured(settings) as fake:
        yield fake


def put(client, body):
    return client.put(API, body, content_type="application/json")


def test_a_registered_number_is_confirmed_and_not_asked_about_again(clara, client_for, vies):
    vies.registered.add("DE136695976")

    saved = put(client_for(clara), BUSINESS)

    assert saved.status_code == 200 and saved.json()["vat_number_check"] == "confirmed"
    assert vies.requests == [{"countryCode": "DE", "vatNumber": "136695976"}]
    put(client_for(clara), {**BUSINESS, "address": "Neue Straße 2"})
    assert len(vies.requests) == 1  # confirmed already: the same number is not looked up again
    page = client_for(clara).get("/me/billing")
    assert "Your VAT number DE136695976 is confirmed by the EU's VIES service." in page.text


def test_a_number_vies_does_not_know_is_refused_on_its_field(clara, client_for, vies):
    refused = put(client_for(clara), BUSINESS)

    assert refused.status_code == 400
    assert "VIES service says this VAT number is not registered" in refused.json()["error"]["fields"]["vat_number"][0]
    page = client_for(clara).post("/me/billing", BUSINESS)
    assert page.status_code == 400 and "not registered" in page.text
    assert not BillingDetails.objects.exists()


def test_greek_numbers_are_asked_with_el_and_british_ones_are_not_asked(clara, client_for, vies):
    vies.registered.add("EL094259216")
    greek = put(client_for(clara), {**BUSINESS, "vat_number": "094259216", "country": "GR"})
    british = put(client_for(clara), {**BUSINESS, "vat_number": "GB980780684", "country": "GB"})

    assert greek.json()["vat_number_check"] == "confirmed"
    assert british.json()["vat_number_check"] == "format"  # VIES has no British numbers since 2021
    assert vies.requests == [{"countryCode": "EL", "vatNumber": "094259216"}]


def test_a_member_state_that_does_not_answer_leaves_the_number_unconfirmed(clara, client_for, vies):
    vies.unavailable.add("DE")

    saved = put(client_for(clara), BUSINESS)

    assert saved.status_code == 200 and saved.json()["vat_number_check"] == "unconfirmed"
    assert saved.json()["vat_number"] == "DE136695976"
    page = client_for(clara).post("/me/billing", BUSINESS, follow=True)
    assert "could not be reached" in page.text and "not confirmed yet" in page.text

    vies.unavailable.clear()
    vies.registered.add("DE136695976")
    assert put(client_for(clara), BUSINESS).json()["vat_number_check"] == "confirmed"  # asked again, now it answers


def test_a_broken_service_leaves_the_number_unconfirmed(clara, client_for, vies):
    vies.broken = True  # 503 with an HTML page

    saved = put(client_for(clara), BUSINESS)

    assert saved.status_code == 200 and saved.json()["vat_number_check"] == "unconfirmed"


def test_an_unreachable_service_leaves_the_number_unconfirmed(clara, client_for, settings):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.VAT_NUMBER_LOOKUP = "vies"
    settings.VIES_API_BASE = f"http://127.0.0.1:{port}/taxation_customs/vies/rest-api"

    saved = put(client_for(clara), BUSINESS)

    assert saved.status_code == 200 and saved.json()["vat_number_check"] == "unconfirmed"


def test_without_a_lookup_only_the_format_is_checked(clara, client_for, settings):
    settings.VAT_NUMBER_LOOKUP = "none"
    settings.VIES_API_BASE = "http://127.0.0.1:9/never-asked"

    assert put(client_for(clara), BUSINESS).json()["vat_number_check"] == "format"
