"""The invoices page of the wallet: every receipt, statement and credit note, each downloadable as a PDF."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render

from openhour.lib.web import AuthenticatedHttpRequest
from openhour.money.invoice_pdf import pdf_response
from openhour.money.services import invoices

PAGE_SIZE = 25


@login_required
def invoice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(invoices.invoices_listed(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "money/invoices/list.html", {"page": page})


@login_required
def invoice_download(request: AuthenticatedHttpRequest, invoice_id: int) -> HttpResponse:
    """Someone else's invoice is a 404, like one that does not exist."""
    invoice = invoices.invoice_for(invoice_id=invoice_id, viewer=request.user)
    return pdf_response(invoice, reader=request.user)
