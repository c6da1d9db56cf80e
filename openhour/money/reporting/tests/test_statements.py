"""A freelancer's yearly statements: /me/statements lists the years they were paid in, and each year prints as a PDF
in their language holding the quarterly and yearly totals. Nobody else's can be asked for."""

import pytest
from django.test import Client
from django.utils import translation

from openhour.money.reporting.statement_pdf import statement_html
from openhour.money.reporting.tests.kit import YEAR, at, paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def fred_paid(clara, fred):
    return paid(clara, fred, 10_000, 20_000, when=at(2)) + paid(clara, fred, 40_000, when=at(11))


def test_the_list_names_the_years_with_payments(fred_paid, fred, client_for, ledger_ok):
    page = client_for(fred).get("/me/statements").content.decode()

    assert f'href="/me/statements/{YEAR}.pdf"' in page
    assert f"/me/statements/{YEAR - 1}.pdf" not in page
    ledger_ok()


def test_the_statement_holds_the_quarters_and_the_year(fred_paid, fred, ledger_ok):
    fees = [one.freelancer_fee for one in fred_paid]

    html = statement_html(seller=fred, year=YEAR)

    assert f"Income statement {YEAR}" in html and "Fred Freelancer" in html
    assert "£300" in html and "£400" in html and "£700" in html  # Q1, Q4, the year
    net = 70_000 - sum(fees)
    assert f"£{net // 100:,}" in html
    assert "From 2 contracts." in html
    ledger_ok()


def test_the_statement_reads_in_the_freelancers_language(fred_paid, fred, ledger_ok):
    fred.language = "fr"
    fred.save(update_fields=["language"])

    with translation.override("en"):
        html = statement_html(seller=fred, year=YEAR)

    assert '<html lang="fr">' in html
    ledger_ok()


def test_the_pdf_downloads(fred_paid, fred, client_for, ledger_ok):
    response = client_for(fred).get(f"/me/statements/{YEAR}.pdf")

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="statement-{YEAR}.pdf"' in response["Content-Disposition"]
    ledger_ok()


def test_olga_cannot_get_freds_statement_and_anonymous_people_sign_in_first(fred_paid, olga, client_for, ledger_ok):
    assert client_for(olga).get(f"/me/statements/{YEAR}.pdf").status_code == 404  # only ever one's own
    assert f"/me/statements/{YEAR}.pdf" not in client_for(olga).get("/me/statements").content.decode()
    for path in ("/me/statements", f"/me/statements/{YEAR}.pdf"):
        response = Client().get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    ledger_ok()
