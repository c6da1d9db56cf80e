"""The wallet's invoices: the list and each PDF."""

from django.urls import path

from openhour.money import invoice_views

urlpatterns = [
    path("wallet/invoices", invoice_views.invoice_list, name="invoices"),
    path("wallet/invoices/<int:invoice_id>.pdf", invoice_views.invoice_download, name="invoice_pdf"),
]
