"""The VAT rules on the platform's fee invoices, decided when issued and printed on the document: a business
abroad with a VAT number is reverse-charged (no VAT, the legal wording, its number); a business at home pays
domestic VAT; consumers pay the operator's rate or, when the operator says so, their own country's; a credit
note follows the receipt it credits whatever changed since. Fees are VAT-inclusive: what people pay never moves."""

from decimal import Decimal

import pytest

from openhour.money.invoice_pdf import invoice_html
from openhour.money.models import Invoice
from openhour.money.services import invoices
from openhour.money.tests.kit import contract_between, top_up
from openhour.money.vat.models import VatRate
from openhour.money.vat.services import BillingInput, billing_details_set

pytestmark = pytest.mark.django_db

REVERSE_CHARGE = "Reverse charge: the customer accounts for the VAT."
ARTICLE_196 = "Article 196 of Council Directive 2006/112/EC."


@pytest.fixture(autouse=True)
def _operator(settings):
    """A British operator charging 20% VAT, who looks numbers up by format only."""
    settings.OPERATOR_COUNTRY = "GB"
    settings.VAT_PERCENT = Decimal(20)
    settings.VAT_CONSUMER_COUNTRY_RATES = False
    settings.VAT_NUMBER_LOOKUP = "none"


def billed_as(person, kind: str, country: str, vat_number: str = "", legal_name: str = "") -> None:
    name = legal_name or ("Beispiel Handel GmbH" if kind == "business" else "")
    data = BillingInput(kind=kind, country=country, vat_number=vat_number, legal_name=name, address="1 Main St")
    billing_details_set(person=person, by=person, data=data)


def act(client, path):
    response = client.post(path, {}, content_type="application/json")
    assert response.status_code == 200, response.content
    invoices.invoices_number_due()


def funded(clara, fred, client_for, amount=60_000):
    """Clara funds one milestone (£600: a £30 client fee, VAT included in it)."""
    milestone = contract_between(clara, fred, amount).milestones.get()
    top_up(clara, amount * 105 // 100)
    act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
    return milestone


def test_an_eu_business_with_a_vat_number_is_reverse_charged(clara, fred, client_for, ledger_ok):
    billed_as(clara, "business", "DE", "DE136695976")
    funded(clara, fred, client_for)

    receipt = Invoice.objects.get(kind="receipt")
    assert (receipt.vat_treatment, receipt.vat_rate, receipt.vat) == ("reverse_charge", Decimal(0), 0)
    assert (receipt.buyer_vat_number, receipt.buyer_country, receipt.total) == ("DE136695976", "DE", 63_000)
    html = invoice_html(receipt)
    for text in (
        REVERSE_CHARGE,
        ARTICLE_196,
        "Customer's VAT number DE136695976",
        "VAT 0% (reverse charge)",
        "Beispiel Handel GmbH",
        "Germany",
    ):
        assert text in html, text
    assert "of which VAT" not in html
    download = client_for(clara).get(f"/wallet/invoices/{receipt.pk}.pdf")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    listed = client_for(clara).get("/api/v1/invoices").json()["items"][0]
    assert (listed["vat_treatment"], listed["vat_rate"], listed["buyer_vat_number"]) == (
        "reverse_charge",
        "0",
        "DE136695976",
    )
    ledger_ok()


def test_a_business_outside_the_eu_gets_the_reverse_charge_without_the_eu_article(clara, fred, client_for, ledger_ok):
    billed_as(clara, "business", "CH", "CHE-116.281.710 MWST")
    funded(clara, fred, client_for)

    receipt = Invoice.objects.get(kind="receipt")
    html = invoice_html(receipt)
    assert receipt.vat_treatment == "reverse_charge" and receipt.buyer_vat_number == "CHE116281710MWST"
    assert REVERSE_CHARGE in html and ARTICLE_196 not in html
    ledger_ok()


def test_a_business_in_the_operators_country_pays_domestic_vat(clara, fred, client_for, ledger_ok):
    billed_as(fred, "business", "GB", "GB980780684", legal_name="Fred Builds Ltd")
    milestone = funded(clara, fred, client_for)
    act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/release")

    statement = Invoice.objects.get(kind="statement")
    assert (statement.vat_treatment, statement.vat_rate, statement.buyer_vat_number) == (
        "domestic",
        Decimal(20),
        "GB980780684",
    )
    assert statement.vat == 1_792  # £107.50 fee × 20/120, rounded half-up once
    html = invoice_html(statement)
    assert "of which VAT 20%" in html and "The service fee includes VAT at 20%." in html
    assert "Customer's VAT number GB980780684" in html and "Fred Builds Ltd" in html
    assert REVERSE_CHARGE not in html
    ledger_ok()


def test_a_consumer_pays_the_operators_rate(clara, fred, client_for, ledger_ok):
    billed_as(clara, "consumer", "DE")
    funded(clara, fred, client_for)

    receipt = Invoice.objects.get(kind="receipt")
    assert (receipt.vat_treatment, receipt.vat_rate, receipt.vat, receipt.total) == (
        "consumer",
        Decimal(20),
        500,
        63_000,
    )
    assert "The service fee includes VAT at 20%." in invoice_html(receipt)
    ledger_ok()


def test_a_consumer_pays_their_countrys_rate_when_the_operator_says_so(clara, fred, client_for, settings, ledger_ok):
    settings.VAT_CONSUMER_COUNTRY_RATES = True
    billed_as(clara, "consumer", "DE")
    funded(clara, fred, client_for)

    receipt = Invoice.objects.get(kind="receipt")
    assert (receipt.vat_treatment, receipt.vat_rate) == ("consumer_country", Decimal(19))  # the loaded EU table
    assert (receipt.vat, receipt.total) == (479, 63_000)  # £30 × 19/119 = £4.789…: what she pays is the same
    html = invoice_html(receipt)
    assert "of which VAT 19%" in html and "VAT at 19%, the rate of Germany." in html
    ledger_ok()


def test_the_newest_rate_in_force_applies_and_unknown_countries_pay_the_operators(
    clara, fred, olga, client_for, settings, ledger_ok
):
    settings.VAT_CONSUMER_COUNTRY_RATES = True
    VatRate.objects.create(country="DE", percent=Decimal("21.5"), valid_from="2026-01-01")
    VatRate.objects.create(country="DE", percent=Decimal(30), valid_from="2999-01-01")  # not yet
    billed_as(clara, "consumer", "DE")
    funded(clara, fred, client_for)
    billed_as(clara, "consumer", "US")
    funded(clara, fred, client_for)

    german, american = Invoice.objects.filter(kind="receipt").order_by("id")
    assert (german.vat_treatment, german.vat_rate) == ("consumer_country", Decimal("21.5"))
    assert (american.vat_treatment, american.vat_rate) == ("consumer", Decimal(20))
    ledger_ok()


def test_a_business_abroad_without_a_vat_number_is_billed_as_a_consumer(clara, fred, client_for, ledger_ok):
    billed_as(clara, "business", "FR")
    funded(clara, fred, client_for)

    receipt = Invoice.objects.get(kind="receipt")
    assert (receipt.vat_treatment, receipt.vat_rate, receipt.vat) == ("consumer", Decimal(20), 500)
    ledger_ok()


def test_a_credit_note_follows_the_reverse_charged_receipt(clara, fred, client_for, settings, ledger_ok):
    billed_as(clara, "business", "DE", "DE136695976")
    milestone = funded(clara, fred, client_for, 20_000)
    billed_as(clara, "consumer", "GB")  # she changes her details, and the operator its rate, before the refund
    settings.VAT_PERCENT = Decimal(17)
    act(client_for(fred), f"/api/v1/milestones/{milestone.pk}/refund")

    credit = Invoice.objects.get(kind="credit_note")
    assert (credit.vat_treatment, credit.vat_rate, credit.vat) == ("reverse_charge", Decimal(0), 0)
    assert (credit.buyer_vat_number, credit.buyer_country) == ("DE136695976", "DE")
    assert REVERSE_CHARGE in invoice_html(credit) and ARTICLE_196 in invoice_html(credit)
    ledger_ok()


def test_a_credit_note_gives_back_the_vat_at_the_receipts_rate(clara, fred, client_for, settings, ledger_ok):
    billed_as(clara, "consumer", "GB")
    milestone = funded(clara, fred, client_for, 20_000)
    billed_as(clara, "business", "DE", "DE136695976")
    settings.VAT_PERCENT = Decimal(0)
    act(client_for(fred), f"/api/v1/milestones/{milestone.pk}/refund")

    receipt, credit = Invoice.objects.get(kind="receipt"), Invoice.objects.get(kind="credit_note")
    assert (credit.vat_treatment, credit.vat_rate) == (receipt.vat_treatment, receipt.vat_rate) == ("consumer", 20)
    assert (receipt.vat, credit.vat) == (167, 167)  # £10 fee and £10 fee back, × 20/120
    assert credit.buyer_vat_number == "" and "of which VAT 20%" in invoice_html(credit)
    ledger_ok()


def test_an_operator_who_charges_no_vat_prints_none_and_no_wording(clara, fred, client_for, settings, ledger_ok):
    settings.VAT_PERCENT = Decimal(0)
    billed_as(clara, "business", "DE", "DE136695976")
    funded(clara, fred, client_for)

    receipt = Invoice.objects.get(kind="receipt")
    html = invoice_html(receipt)
    assert (receipt.vat_treatment, receipt.vat) == ("none", 0)
    assert REVERSE_CHARGE not in html and "of which VAT" not in html
    assert "DE136695976" in html  # her number is still on her invoice
    ledger_ok()


def test_the_billing_page_says_which_rule_her_fees_carry(clara, client_for, settings):
    billed_as(clara, "business", "DE", "DE136695976")
    assert "reverse charge" in client_for(clara).get("/me/billing").text
    billed_as(clara, "consumer", "GB")
    assert "Our fees include VAT at 20%." in client_for(clara).get("/me/billing").text
    settings.VAT_CONSUMER_COUNTRY_RATES = True
    billed_as(clara, "consumer", "FR")
    body = client_for(clara).get("/api/v1/me/billing").json()
    assert body["vat"] == {"treatment": "consumer_country", "rate": "20"}
