"""Invoices over HTTP: your receipts, statements and credit notes, and each one as a PDF."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import money
from openhour.money.invoice_pdf import pdf_response
from openhour.money.models import Invoice
from openhour.money.services import invoices

router = Router(tags=["money"])


def invoice_out(invoice: Invoice) -> dict[str, Any]:
    return {
        "id": str(invoice.pk),
        "number": invoice.number,
        "kind": invoice.kind,
        "issued_at": invoice.issued_at,
        "total": money(invoice.total, invoice.currency),
        "vat": money(invoice.vat, invoice.currency),
        "contract": str(invoice.contract_id) if invoice.contract_id else None,
        "milestone": str(invoice.milestone_id) if invoice.milestone_id else None,
        "pdf_url": f"{settings.SITE_URL}/api/v1/invoices/{invoice.pk}.pdf",
    }


@router.get("/invoices")
def invoice_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Your invoices, newest first: a `receipt` for each milestone you funded, a `statement` for each payment
    released to you, a `credit_note` for each refund to you. `pdf_url` downloads the document."""
    rows = invoices.invoices_listed(user=current_user(request))
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=invoice_out)


@router.get("/invoices/{invoice_id}.pdf")
def invoice_download(request: HttpRequest, invoice_id: str) -> HttpResponse:
    """One of your invoices as a PDF."""
    invoice = invoices.invoice_for(invoice_id=invoice_id, viewer=current_user(request))
    return pdf_response(invoice)
