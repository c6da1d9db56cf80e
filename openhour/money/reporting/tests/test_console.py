"""/operations/reporting: operators see the year's reportable sellers and download them as CSV and DAC7 XML;
anyone else finds nothing there."""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client

from openhour.money.reporting.csv_export import COLUMNS
from openhour.money.reporting.services import tax_details_save
from openhour.money.reporting.tests.kit import YEAR, at, paid

pytestmark = pytest.mark.django_db
PAGE = f"/operations/reporting?year={YEAR}"


@pytest.fixture
def reportable(settings, clara, fred):
    settings.REPORTING_MIN_TRANSACTIONS = 2
    return paid(clara, fred, 10_000, 20_000, when=at(5))


def test_the_operator_sees_the_sellers_to_report_and_whose_details_are_missing(
    reportable, operator, client_for, ledger_ok
):
    response = client_for(operator).get(PAGE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Fred Freelancer" in page and "£300" in page
    assert "Missing" in page and "1 seller has not given their tax details yet" in page
    ledger_ok()


def test_a_bad_year_shows_the_form_again(operator, client_for):
    response = client_for(operator).get("/operations/reporting?year=3000")

    assert response.status_code == 400
    assert "Choose a year that has begun." in response.content.decode()


@pytest.mark.parametrize("query", ["", "&format=csv", "&format=xml"])
def test_nobody_but_an_operator_finds_the_console_or_its_downloads(reportable, fred, olga, client_for, query):
    for person in (fred, olga):
        assert client_for(person).get(PAGE + query).status_code == 404
    response = Client().get(PAGE + query)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_csv_has_one_row_per_seller_and_currency_with_quarterly_figures(
    reportable, fred, operator, client_for, ledger_ok
):
    tax_details_save(
        user=fred,
        by=fred,
        kind="individual",
        first_name="Fred",
        last_name="Freelancer",
        birth_date=at(1).date().replace(year=1990),
        street="1 Rue de la Paix",
        city="Paris",
        postcode="75002",
        country="FR",
        tin="3023217600053",
        tin_country="FR",
    )
    response = client_for(operator).get(PAGE + "&format=csv")

    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert f'filename="dac7-{YEAR}.csv"' in response["Content-Disposition"]
    header, *rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert header == COLUMNS
    assert "gross_q2" in header and "activities_q4" in header
    (row,) = [dict(zip(header, values, strict=True)) for values in rows]
    fees = sum(one.freelancer_fee for one in reportable)
    assert row["username"] == "fred" and row["currency"] == "GBP" and row["details_complete"] == "yes"
    assert row["tin"] == "3023217600053" and row["tin_country"] == "FR"
    assert (row["gross"], row["gross_q2"], row["gross_q1"]) == ("300.00", "300.00", "0.00")
    assert row["fees"] == f"{fees // 100}.{fees % 100:02d}"
    assert (row["activities"], row["activities_q2"], row["contracts"]) == ("2", "2", "1")
    ledger_ok()


def test_the_command_writes_the_same_files(reportable, tmp_path, ledger_ok):
    call_command("reporting_export", year=YEAR, format="csv", out=str(tmp_path / "out.csv"))
    call_command("reporting_export", year=YEAR, format="xml", out=str(tmp_path / "out.xml"))

    assert (tmp_path / "out.csv").read_text().splitlines()[0] == ",".join(COLUMNS)
    assert b"urn:oecd:ties:dpi:v1" in (tmp_path / "out.xml").read_bytes()
    ledger_ok()


def test_operators_read_tax_details_in_the_admin_without_changing_them(fred, operator, client_for):
    tax_details_save(
        user=fred,
        by=fred,
        kind="individual",
        first_name="Fred",
        last_name="Freelancer",
        birth_date=at(1).date().replace(year=1990),
        street="1 Rue de la Paix",
        city="Paris",
        country="FR",
        tin="3023217600053",
        tin_country="FR",
    )
    browser = client_for(operator)

    assert "Fred" in browser.get("/admin/reporting/taxdetails/").content.decode()
    assert browser.get(f"/admin/reporting/taxdetails/{fred.pk}/change/").status_code == 200
    assert browser.get("/admin/reporting/taxdetails/add/").status_code == 403
