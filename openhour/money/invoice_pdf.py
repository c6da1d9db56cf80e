"""An invoice as a PDF: a Django template rendered to HTML, then printed by WeasyPrint, offline.

Printed when downloaded, never while a payment's transaction is open; `invoices.invoice_for` numbers the
invoice first if the worker has not yet, so every PDF carries its number. It reads in the language and time zone
of the person who downloads it (`reader`), whichever party they are."""

from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django_countries import countries

from openhour.lib.i18n import read_by
from openhour.money.models import Invoice
from openhour.money.vat import rules, wording

TEMPLATE = "money/invoices/invoice_pdf.html"


def offline_fetcher() -> Any:
    """WeasyPrint's URL fetcher for invoices: they need nothing from outside, so every URL is refused."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=())


def invoice_context(invoice: Invoice) -> dict[str, Any]:
    contract = invoice.contract
    terms = rules.terms_of(invoice)  # frozen when issued: settings and billing details changed since do not count
    has_fee = any(line.get("fee") for line in invoice.lines)
    return {
        "invoice": invoice,
        "issuer": invoice.issuer,
        "billed_to": invoice.billed_to,
        "billed_country": countries.name(invoice.billed_to.get("country", "")) or "",
        "vat_percent": wording.percent_text(terms.rate),
        "has_vat": invoice.vat > 0,
        "has_fee": has_fee,
        "buyer_vat_number": invoice.buyer_vat_number,
        "vat_rule": wording.treatment_line(terms.treatment, rate=terms.rate, buyer_country=terms.buyer_country)
        if has_fee
        else "",
        "vat_wordings": wording.legal_wordings(terms.treatment, terms.buyer_country) if has_fee else [],
        "schedule_version": contract.fee_schedule_version if contract else "",
        "fees_url": f"{settings.SITE_URL}/fees",
    }


def invoice_html(invoice: Invoice, *, reader: Any = None) -> str:
    """As `reader` reads it; with no reader, in the active language and time zone."""
    with read_by(reader) if reader is not None else nullcontext():
        return render_to_string(TEMPLATE, invoice_context(invoice))


def invoice_pdf(invoice: Invoice, *, reader: Any) -> bytes:
    # Imported here: WeasyPrint takes over a second to load, and only processes that print should pay for it.
    from weasyprint import HTML

    document = HTML(string=invoice_html(invoice, reader=reader), base_url=None, url_fetcher=offline_fetcher())
    return bytes(document.write_pdf() or b"")  # with no target, write_pdf returns the bytes


def pdf_response(invoice: Invoice, *, reader: Any) -> HttpResponse:
    """The PDF as a download named after the invoice number, for the page and the API alike, as `reader` (the
    person downloading it) reads."""
    response = HttpResponse(invoice_pdf(invoice, reader=reader), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response
