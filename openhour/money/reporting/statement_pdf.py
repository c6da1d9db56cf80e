"""A freelancer's yearly income statement: a template rendered to HTML in their language, printed by WeasyPrint."""

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from openhour.accounts.models import User
from openhour.lib.i18n import read_by
from openhour.money.invoice_pdf import offline_fetcher
from openhour.money.reporting import selectors

TEMPLATE = "reporting/statement_pdf.html"


def statement_context(*, seller: User, year: int) -> dict[str, Any]:
    years = selectors.seller_years(first=year, seller_id=seller.pk)
    return {
        "seller": seller,
        "year": year,
        "currencies": years,
        "quarters": [1, 2, 3, 4],
        "issuer": {"name": settings.OPERATOR_LEGAL_NAME, "address": settings.OPERATOR_ADDRESS},
        "details": selectors.tax_details_of(seller=seller),
        "reportable": selectors.over_thresholds(years),
        "printed_at": timezone.now(),
    }


def statement_html(*, seller: User, year: int) -> str:
    """In the seller's language and time zone, whoever asks (only they may)."""
    with read_by(seller):
        return render_to_string(TEMPLATE, statement_context(seller=seller, year=year))


def statement_pdf(*, seller: User, year: int) -> bytes:
    from weasyprint import HTML  # slow to import: only processes that print load it

    document = HTML(string=statement_html(seller=seller, year=year), base_url=None, url_fetcher=offline_fetcher())
    return bytes(document.write_pdf() or b"")
