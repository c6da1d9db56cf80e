"""Invoices over HTTP: your receipts, statements and credit notes, and each one as a PDF."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import MoneyOut, Page, money
from openhour.money.invoice_pdf import pdf_response
from openhour.money.models import Invoice
from openhour.money.services import invoices

router = Router(tags=["money"])


class InvoiceOut(Schema):
    id: str
    number: str | None = Field(description="Null for the moment between issuing and numbering")
    kind: str = Field(description="receipt, statement or credit_note")
    issued_at: datetime
    total: MoneyOut
    vat: MoneyOut = Field(description="The VAT included in the platform's fee lines")
    vat_treatment: str | None = Field(
        description="The VAT rule applied to the fee lines: none, domestic, consumer, consumer_country or "
        "reverse_charge; null on invoices issued before the rules were recorded"
    )
    vat_rate: str | None = Field(description='The VAT rate applied, in percent ("20", "25.5")')
    buyer_vat_number: str = Field(description="Your VAT number as printed on the invoice, or empty")
    contract: str | None
    milestone: str | None
    pdf_url: str = Field(description="Downloads the document as a PDF")


def invoice_out(invoice: Invoice) -> dict[str, Any]:
    return {
        "id": str(invoice.pk),
        "number": invoice.number,
        "kind": invoice.kind,
        "issued_at": invoice.issued_at,
        "total": money(invoice.total, invoice.currency),
        "vat": money(invoice.vat, invoice.currency),
        "vat_treatment": invoice.vat_treatment or None,
        "vat_rate": None if invoice.vat_rate is None else f"{invoice.vat_rate.normalize():f}",
        "buyer_vat_number": invoice.buyer_vat_number,
        "contract": str(invoice.contract_id) if invoice.contract_id else None,
        "milestone": str(invoice.milestone_id) if invoice.milestone_id else None,
        "pdf_url": f"{settings.SITE_URL}/api/v1/invoices/{invoice.pk}.pdf",
    }


@router.get("/invoices", response=Page[InvoiceOut])
def invoice_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Your invoices, newest first: a `receipt` for each milestone you funded, a `statement` for each payment
    released to you, a `credit_note` for each refund to you. `pdf_url` downloads the document."""
    rows = invoices.invoices_listed(user=current_user(request))
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=invoice_out)


# The answer is the file itself, not JSON: the schema states its content type.
PDF = {
    "responses": {
        200: {
            "description": "The invoice as a PDF download",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/invoices/{invoice_id}.pdf", openapi_extra=PDF)
def invoice_download(request: HttpRequest, invoice_id: str) -> HttpResponse:
    """One of your invoices as a PDF."""
    user = current_user(request)
    return pdf_response(invoices.invoice_for(invoice_id=invoice_id, viewer=user), reader=user)
