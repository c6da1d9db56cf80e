"""Invoices: a numbered receipt for every funding, a statement for every release, a credit note for every
refund; each listed in the API and on the wallet's invoices page and downloadable as a PDF, by its owner only."""

import http.server
import threading
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import time_machine
import weasyprint
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.accounts.services import profile_update
from openhour.money.invoice_pdf import invoice_html, offline_fetcher
from openhour.money.models import Invoice
from openhour.money.services import invoices
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db

LATE_2026 = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def act(client, path, body=None):
    """Post a step, then run the worker's numbering round, which gives its invoices their numbers."""
    response = client.post(path, body or {}, content_type="application/json")
    invoices.invoices_number_due()
    return response


def funded(clara, fred, client_for, *amounts):
    """Clara's contract with Fred, every milestone funded from her wallet (topped up to the exact cost)."""
    contract = contract_between(clara, fred, *amounts)
    top_up(clara, sum(amount * 105 // 100 for amount in amounts))
    for milestone in contract.milestones.all():
        assert act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund").status_code == 200
    return list(contract.milestones.all())


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(LATE_2026, tick=False):
        yield


def number(user, n: int, year: int = 2026) -> str:
    """The n-th invoice number of the year in the person's series."""
    return f"OH-{year}-{invoices.series_for(user)}-{n:06d}"


@pytest.fixture(autouse=True)
def _operator(settings):
    settings.OPERATOR_LEGAL_NAME = "Openhour Markets Ltd"
    settings.OPERATOR_COMPANY_NUMBER = "01234567"
    settings.VAT_PERCENT = Decimal(0)


def test_funding_issues_the_client_a_receipt_with_the_fee_and_what_she_paid(clara, fred, client_for, ledger_ok):
    (milestone,) = funded(clara, fred, client_for, 60_000)

    receipt = Invoice.objects.get()
    assert (receipt.kind, receipt.recipient, receipt.number) == ("receipt", clara, number(clara, 1))
    assert (receipt.contract_id, receipt.milestone_id) == (milestone.contract_id, milestone.pk)
    assert [line["amount"] for line in receipt.lines] == [60_000, 3_000]
    assert "Fred Freelancer" in receipt.lines[0]["description"]
    assert "service fee" in receipt.lines[1]["description"]
    assert (receipt.total, receipt.vat, receipt.currency) == (63_000, 0, "GBP")
    assert receipt.issuer["name"] == "Openhour Markets Ltd"
    assert receipt.billed_to == {"name": "Clara Client", "email": "clara@example.com", "company": ""}
    ledger_ok()


def test_release_issues_the_freelancer_a_statement_with_the_fee_taken_off(clara, fred, client_for, ledger_ok):
    (milestone,) = funded(clara, fred, client_for, 60_000)
    act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/release")

    statement = Invoice.objects.get(kind="statement")
    assert (statement.recipient, statement.number) == (fred, number(fred, 1))  # Fred's own series
    assert [line["amount"] for line in statement.lines] == [60_000, -10_750]
    assert (
        statement.total == 49_250 == client_for(fred).get("/api/v1/wallet").json()["balances"][0]["available"]["amount"]
    )
    ledger_ok()


def test_a_refund_issues_the_client_a_credit_note_with_her_fee_back(clara, fred, client_for, ledger_ok):
    (milestone,) = funded(clara, fred, client_for, 20_000)
    act(client_for(fred), f"/api/v1/milestones/{milestone.pk}/refund")

    credit = Invoice.objects.get(kind="credit_note")
    assert (credit.recipient, credit.number) == (clara, number(clara, 2))
    assert [line["amount"] for line in credit.lines] == [20_000, 1_000]
    assert credit.total == 21_000
    ledger_ok()


def test_a_split_issues_a_statement_for_the_part_released_and_a_credit_note_for_the_rest(
    clara, fred, operator, client_for, ledger_ok
):
    (milestone,) = funded(clara, fred, client_for, 20_000)
    body = {"release": 15_000, "note": "Half the pages were delivered."}
    assert act(client_for(operator), f"/api/v1/milestones/{milestone.pk}/split", body).status_code == 200

    statement, credit = Invoice.objects.get(kind="statement"), Invoice.objects.get(kind="credit_note")
    assert ([line["amount"] for line in statement.lines], statement.recipient) == ([15_000, -3_000], fred)
    assert ([line["amount"] for line in credit.lines], credit.recipient) == ([5_000, 250], clara)
    assert (statement.total, credit.total) == (12_000, 5_250)
    ledger_ok()


def test_numbers_run_without_gaps_and_start_again_with_the_year(clara, fred, client_for, ledger_ok):
    with time_machine.travel(datetime(2026, 12, 31, 23, 59, tzinfo=UTC), tick=False):
        _first, second = funded(clara, fred, client_for, 10_000, 10_000)
        unpaid = contract_between(clara, fred, 50_000).milestones.get()
        refused = act(client_for(clara), f"/api/v1/milestones/{unpaid.pk}/fund")
        assert refused.status_code == 409  # her wallet is empty: a funding rolled back takes no number
    with time_machine.travel(datetime(2027, 1, 1, 0, 1, tzinfo=UTC), tick=False):
        act(client_for(clara), f"/api/v1/milestones/{second.pk}/release")

    numbers = set(Invoice.objects.values_list("number", flat=True))
    assert numbers == {number(clara, 1), number(clara, 2), number(fred, 1, year=2027)}
    assert Invoice.objects.get(number=number(fred, 1, year=2027)).issued_at.year == 2027
    ledger_ok()


def test_an_invoice_keeps_the_details_it_was_issued_with(clara, fred, client_for, settings, ledger_ok):
    profile_update(user=clara, company_name="Clara's Shop Ltd")
    funded(clara, fred, client_for, 10_000)
    profile_update(user=clara, company_name="Another Name Ltd")
    settings.OPERATOR_LEGAL_NAME = "Renamed Operator Ltd"

    html = invoice_html(Invoice.objects.get())
    assert "Clara&#x27;s Shop Ltd" in html and "Openhour Markets Ltd" in html
    assert "Another Name" not in html and "Renamed" not in html
    ledger_ok()


def test_issuing_again_for_the_same_milestone_returns_the_first_invoice(clara, fred, client_for, ledger_ok):
    (milestone,) = funded(clara, fred, client_for, 20_000)
    milestone.refresh_from_db()

    again = invoices.receipt_for_funding(milestone)

    assert again == Invoice.objects.get() and again.number == number(clara, 1)
    ledger_ok()


def test_with_vat_the_fee_lines_include_it_and_the_pdf_says_so(clara, fred, client_for, settings, ledger_ok):
    settings.VAT_PERCENT = Decimal(20)
    (milestone,) = funded(clara, fred, client_for, 60_000)
    act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/release")

    receipt, statement = Invoice.objects.get(kind="receipt"), Invoice.objects.get(kind="statement")
    assert (receipt.vat, receipt.total) == (500, 63_000)  # £30 fee, VAT included: £5
    assert statement.vat == 1_792  # £107.50 × 20/120 = £17.9166…, rounded half-up once
    html = invoice_html(receipt)
    assert "of which VAT 20%" in html and "£5" in html
    ledger_ok()


def test_without_vat_there_is_no_vat_line(clara, fred, client_for, ledger_ok):
    funded(clara, fred, client_for, 60_000)
    html = invoice_html(Invoice.objects.get())
    assert "VAT" not in html
    ledger_ok()


def test_the_pdf_carries_the_number_the_operator_and_the_fee_explained(clara, fred, client_for, ledger_ok):
    funded(clara, fred, client_for, 60_000)
    receipt = Invoice.objects.get()

    html = invoice_html(receipt)
    for text in (
        number(clara, 1),
        "Openhour Markets Ltd",
        "Company number 01234567",
        "Clara Client",
        "Part 1",
        "Shop redesign",
        "£630",
        "fee schedule 2026-11, see http://127.0.0.1:8000/fees",
    ):
        assert text in html, text

    download = client_for(clara).get(f"/api/v1/invoices/{receipt.pk}.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == f'attachment; filename="{number(clara, 1)}.pdf"'
    assert download.content.startswith(b"%PDF") and len(download.content) > 2_000
    ledger_ok()


def test_the_api_lists_each_persons_own_invoices_newest_first(clara, fred, olga, client_for, ledger_ok):
    first, second = funded(clara, fred, client_for, 10_000, 20_000)
    act(client_for(clara), f"/api/v1/milestones/{first.pk}/release")

    mine = client_for(clara).get("/api/v1/invoices?limit=1").json()
    assert [item["number"] for item in mine["items"]] == [number(clara, 2)] and mine["next_cursor"]
    rest = client_for(clara).get(f"/api/v1/invoices?cursor={mine['next_cursor']}").json()
    assert [item["number"] for item in rest["items"]] == [number(clara, 1)]
    newest = mine["items"][0]
    assert newest["kind"] == "receipt" and newest["total"] == {"amount": 21_000, "currency": "GBP"}
    assert (newest["contract"], newest["milestone"]) == (str(second.contract_id), str(second.pk))
    assert newest["pdf_url"].endswith(f"/api/v1/invoices/{newest['id']}.pdf")

    fred_sees = client_for(fred).get("/api/v1/invoices").json()["items"]
    assert [(item["kind"], item["total"]["amount"]) for item in fred_sees] == [("statement", 8_000)]
    assert client_for(olga).get("/api/v1/invoices").json()["items"] == []
    ledger_ok()


def test_nobody_else_downloads_an_invoice_and_anonymous_readers_are_asked_to_sign_in(
    clara, fred, olga, client, client_for, ledger_ok
):
    funded(clara, fred, client_for, 10_000)
    receipt = Invoice.objects.get()

    for path in (f"/api/v1/invoices/{receipt.pk}.pdf", "/api/v1/invoices/abc.pdf", f"/api/v1/invoices/{2**70}.pdf"):
        refused = client_for(olga).get(path)
        assert (refused.status_code, refused.json()["error"]["code"]) == (404, "not_found"), path
    assert client_for(fred).get(f"/api/v1/invoices/{receipt.pk}.pdf").status_code == 404  # addressed to Clara
    assert client.get("/api/v1/invoices").status_code == 401
    assert client.get(f"/api/v1/invoices/{receipt.pk}.pdf").status_code == 401
    ledger_ok()


def test_the_invoices_page_lists_mine_and_serves_only_my_pdfs(clara, fred, olga, client, client_for, ledger_ok):
    funded(clara, fred, client_for, 10_000)
    receipt = Invoice.objects.get()

    page = client_for(clara).get("/wallet/invoices")
    assert page.status_code == 200
    for text in (number(clara, 1), "Receipt", "Shop redesign", "£105", f"/wallet/invoices/{receipt.pk}.pdf"):
        assert text in page.text, text
    download = client_for(clara).get(f"/wallet/invoices/{receipt.pk}.pdf")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert download["Content-Disposition"] == f'attachment; filename="{number(clara, 1)}.pdf"'

    assert number(clara, 1) not in client_for(olga).get("/wallet/invoices").text
    assert client_for(olga).get(f"/wallet/invoices/{receipt.pk}.pdf").status_code == 404
    assert client_for(olga).get(f"/wallet/invoices/{2**70}.pdf").status_code == 404
    anonymous = client.get("/wallet/invoices")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client.get(f"/wallet/invoices/{receipt.pk}.pdf").status_code == 302
    ledger_ok()


def test_the_invoices_page_takes_the_same_queries_for_one_invoice_or_many(clara, fred, client_for, ledger_ok):
    funded(clara, fred, client_for, 10_000)
    browser = client_for(clara)
    with CaptureQueriesContext(connection) as one:
        browser.get("/wallet/invoices")
    funded(clara, fred, client_for, 10_000, 20_000, 30_000)
    with CaptureQueriesContext(connection) as four:
        page = browser.get("/wallet/invoices")
    assert page.text.count('<th scope="row">OH-2026-') == 4
    assert len(four) == len(one)
    ledger_ok()


def test_printing_an_invoice_fetches_nothing_from_the_network():
    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        html = f'<link rel="stylesheet" href="{url}/style.css"><p>Hi</p><img src="{url}/logo.png">'
        pdf = weasyprint.HTML(string=html, base_url=None, url_fetcher=offline_fetcher()).write_pdf()
    finally:
        server.shutdown()
        server.server_close()
    assert pdf is not None and pdf.startswith(b"%PDF") and hits == []
