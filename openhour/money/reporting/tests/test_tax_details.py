"""Tax details: the page and the API share one service that says what is missing or malformed, field by field; the
TIN is checked against its country's format where python-stdnum knows it. The dashboard asks for them once a
freelancer's earnings come near the thresholds."""

import pytest
import time_machine
from django.test import Client

from openhour.money.reporting.models import TaxDetails
from openhour.money.reporting.tests.kit import at, paid

pytestmark = pytest.mark.django_db
PAGE = "/me/tax-details"
API = "/api/v1/me/tax-details"
FRENCH = {
    "kind": "individual",
    "first_name": "Fred",
    "last_name": "Freelancer",
    "birth_date": "1990-04-01",
    "street": "1 Rue de la Paix",
    "city": "Paris",
    "postcode": "75002",
    "country": "FR",
    "tin": "30 23 217 600 053",
    "tin_country": "FR",
    "vat_number": "",
    "registration_number": "",
    "entity_name": "",
}


def test_the_form_says_what_is_missing_for_an_individual(fred, client_for):
    response = client_for(fred).post(PAGE, {"kind": "individual", "country": "FR", "tin_country": "FR"})

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"first_name", "last_name", "birth_date", "street", "city", "tin"} <= set(errors)
    with_a_bad_tin = client_for(fred).post(PAGE, {"kind": "individual", "tin": "1234", "tin_country": "FR"})
    assert "This is not a valid tax identification number" in str(with_a_bad_tin.context["form"].errors["tin"])
    assert not TaxDetails.objects.exists()


def test_a_tin_not_of_its_countrys_form_is_refused_on_its_field(fred, client_for):
    response = client_for(fred).post(PAGE, FRENCH | {"tin": "1234"})

    assert response.status_code == 400
    assert response.context["form"].errors["tin"] == [
        "This is not a valid tax identification number for the country that issued it."
    ]
    assert "This is not a valid tax identification number" in response.content.decode()


def test_an_entity_needs_its_name_and_registration_number(fred, client_for):
    response = client_for(fred).post(PAGE, FRENCH | {"kind": "entity"})

    assert response.status_code == 400
    assert {"entity_name", "registration_number"} <= set(response.context["form"].errors)


def test_a_country_without_a_known_format_takes_any_number(fred, client_for):
    response = client_for(fred).post(PAGE, FRENCH | {"country": "MT", "tin_country": "MT", "tin": "0012345M"})

    assert response.status_code == 302
    assert TaxDetails.objects.get(user=fred).tin == "0012345M"


def test_good_details_are_kept_in_their_compact_form(fred, client_for):
    browser = client_for(fred)
    response = browser.post(PAGE, FRENCH, follow=True)

    assert "Your tax details are saved." in response.content.decode()
    details = TaxDetails.objects.get(user=fred)
    assert (details.tin, details.legal_name, str(details.country)) == ("3023217600053", "Fred Freelancer", "FR")
    assert browser.get(PAGE).context["form"].initial["city"] == "Paris"


def test_the_api_reads_and_replaces_ones_own_details(fred, bearer):
    api = Client(headers=bearer(fred))
    empty = api.get(API).json()
    assert empty["complete"] is False and empty["needed"] is False and empty["tin"] == ""

    response = api.put(API, FRENCH, content_type="application/json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["complete"] is True and body["tin"] == "3023217600053" and body["birth_date"] == "1990-04-01"
    assert api.get(API).json()["city"] == "Paris"


def test_the_api_answers_bad_details_with_the_fields_to_correct(fred, bearer):
    response = Client(headers=bearer(fred)).put(
        API, FRENCH | {"tin": "nope", "vat_number": "FR00"}, content_type="application/json"
    )

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == {"tin", "vat_number"}


def test_nobody_reads_anothers_details_and_anonymous_people_are_sent_to_sign_in(fred, olga, client_for, bearer):
    client_for(fred).post(PAGE, FRENCH)

    assert Client(headers=bearer(olga)).get(API).json()["complete"] is False  # her own: none
    assert "Paris" not in client_for(olga).get(PAGE).content.decode()
    assert Client().get(API).status_code == 401
    response = Client().get(PAGE)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_asks_for_details_near_the_threshold_and_stops_once_given(
    settings, clara, fred, client_for, ledger_ok
):
    settings.REPORTING_MIN_TRANSACTIONS = 5  # 80% of it: four payments
    browser = client_for(fred)
    paid(clara, fred, 10_000, 10_000, 10_000, when=at(1))
    with time_machine.travel(at(3), tick=False):
        assert "We need your tax details" not in browser.get("/dashboard?as=freelancer").content.decode()
    paid(clara, fred, 10_000, when=at(2))

    with time_machine.travel(at(3), tick=False):
        page = browser.get("/dashboard?as=freelancer").content.decode()
        assert "We need your tax details" in page and 'href="/me/tax-details"' in page
        assert "We need your tax details" not in client_for(clara).get("/dashboard").content.decode()
        browser.post(PAGE, FRENCH)
        assert "We need your tax details" not in browser.get("/dashboard?as=freelancer").content.decode()
    ledger_ok()


def test_the_endpoints_are_in_the_api_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {"get", "put"} <= set(paths[API])


def test_a_country_code_that_names_no_country_is_a_field_error_not_a_crash(fred, bearer):
    body = {"kind": "individual", "first_name": "Fred", "last_name": "F", "birth_date": "1990-01-01"}
    body |= {"street": "1 Rue", "city": "Paris", "country": "5\u00b9", "tin": "3023217600053", "tin_country": "FR"}

    answer = Client(headers=bearer(fred)).put("/api/v1/me/tax-details", body, content_type="application/json")

    assert answer.status_code == 400 and list(answer.json()["error"]["fields"]) == ["country"]
