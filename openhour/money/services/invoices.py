"""Invoices: a numbered, immutable document for every funding (the client's receipt), every release (the
freelancer's statement) and every refund (the client's credit note).

Numbers run without gaps per series and calendar year (`OH-2026-C-000042`). Each person's invoices stay
in one series; with several series, payments to different people do not queue on one counter row. The
series' row is locked while the next number is taken, inside the caller's transaction, so a rolled-back
escrow step gives its number back. Issuers lock it last (after the milestone, the billing row and the
ledger accounts), so the order never inverts.
"""

from decimal import ROUND_HALF_UP, Decimal
from typing import TypedDict

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import Profile, User
from openhour.contracts.models import Milestone
from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_404
from openhour.money.models import Invoice, InvoiceSequence, Transfer


class Line(TypedDict, total=False):
    description: str
    amount: int  # minor units; a fee taken from the recipient is negative
    fee: bool  # the platform's own fee: VAT (when charged) is included in it


def invoice_issue(
    *, kind: str, recipient: User, milestone: Milestone | None, lines: list[Line], currency: str
) -> Invoice:
    """The next numbered invoice of this year. Issuing the same kind for the same milestone again returns
    the first one: a milestone has at most one receipt, one statement and one credit note."""
    with transaction.atomic():
        now = timezone.now()
        sequence = _locked_sequence(series_for(recipient), now.year)
        earlier = _issued(kind, milestone)  # checked under the lock, so parallel issuers cannot both miss it
        if earlier is not None:
            return earlier
        sequence.last += 1
        sequence.save(update_fields=["last"])
        return Invoice.objects.create(
            number=f"{settings.INVOICE_PREFIX}-{sequence.year}-{sequence.series}-{sequence.last:06d}",
            kind=kind,
            recipient=recipient,
            contract=milestone.contract if milestone else None,
            milestone=milestone,
            currency=currency,
            lines=lines,
            vat=vat_included(lines),
            total=sum(line["amount"] for line in lines),
            issuer=issuer_now(),
            billed_to=billed_to_now(recipient),
        )


SERIES = "ABCDEFGH"


def series_for(recipient: User) -> str:
    """The series a person's invoices are numbered in."""
    return SERIES[recipient.pk % len(SERIES)]


def _locked_sequence(series: str, year: int) -> InvoiceSequence:
    InvoiceSequence.objects.get_or_create(series=series, year=year)
    return InvoiceSequence.objects.select_for_update().get(series=series, year=year)


def _issued(kind: str, milestone: Milestone | None) -> Invoice | None:
    if milestone is None:
        return None
    return Invoice.objects.filter(kind=kind, milestone=milestone).first()


def vat_included(lines: list[Line]) -> int:
    """The VAT inside the fee lines at VAT_PERCENT: fee × p / (100 + p), rounded half-up once."""
    percent = Decimal(settings.VAT_PERCENT)
    fees = sum(abs(line["amount"]) for line in lines if line.get("fee"))
    if percent <= 0 or not fees:
        return 0
    return int((fees * percent / (100 + percent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def issuer_now() -> dict[str, str]:
    """The operator's legal details as they are now; an invoice keeps them even if settings change."""
    return {
        "name": settings.OPERATOR_LEGAL_NAME,
        "address": settings.OPERATOR_ADDRESS,
        "company_number": settings.OPERATOR_COMPANY_NUMBER,
        "vat_number": settings.OPERATOR_VAT_NUMBER,
        "vat_percent": f"{Decimal(settings.VAT_PERCENT).normalize():f}",
    }


def billed_to_now(user: User) -> dict[str, str]:
    company = Profile.objects.filter(user=user).values_list("company_name", flat=True).first() or ""
    return {"name": user.name or user.username, "email": user.email, "company": company}


def receipt_for_funding(milestone: Milestone) -> Invoice:
    """To the client: the milestone held in escrow and the client service fee; the total is what they paid."""
    contract = milestone.contract
    what = {"title": milestone.title, "freelancer": contract.freelancer.name}
    lines: list[Line] = [
        {"description": _("“%(title)s” held in escrow for %(freelancer)s") % what, "amount": milestone.amount},
    ]
    if milestone.client_fee:
        lines.append({"description": _("Client service fee"), "amount": milestone.client_fee, "fee": True})
    return invoice_issue(
        kind=Invoice.Kind.RECEIPT,
        recipient=contract.client,
        milestone=milestone,
        lines=lines,
        currency=contract.currency,
    )


def statement_for_release(milestone: Milestone) -> Invoice:
    """To the freelancer: the amount released, less the service fee; the total is what they received."""
    contract = milestone.contract
    what = {"title": milestone.title, "client": contract.client.name}
    lines: list[Line] = [
        {"description": _("Payment for “%(title)s” released by %(client)s") % what, "amount": milestone.released},
    ]
    if milestone.freelancer_fee:
        lines.append({"description": _("Freelancer service fee"), "amount": -milestone.freelancer_fee, "fee": True})
    return invoice_issue(
        kind=Invoice.Kind.STATEMENT,
        recipient=contract.freelancer,
        milestone=milestone,
        lines=lines,
        currency=contract.currency,
    )


def credit_note_for_refund(milestone: Milestone) -> Invoice:
    """To the client: the escrow refunded and the client fee given back with it (for a split, only the
    refunded part). The fee returned is read from the ledger, where the refund posted it."""
    contract = milestone.contract
    lines: list[Line] = [
        {
            "description": _("Refund of “%(title)s” from escrow") % {"title": milestone.title},
            "amount": milestone.refunded,
        },
    ]
    fee_back = _client_fee_returned(milestone)
    if fee_back:
        lines.append({"description": _("Client service fee returned"), "amount": fee_back, "fee": True})
    return invoice_issue(
        kind=Invoice.Kind.CREDIT_NOTE,
        recipient=contract.client,
        milestone=milestone,
        lines=lines,
        currency=contract.currency,
    )


def _client_fee_returned(milestone: Milestone) -> int:
    found = Transfer.objects.filter(kind=Transfer.Kind.CLIENT_FEE_REFUND, milestone=milestone)
    return int(found.aggregate(total=Sum("amount"))["total"] or 0)


def invoices_of(*, user: User) -> QuerySet[Invoice]:
    """The invoices addressed to `user`, newest first, with what a list shows of their contracts."""
    return Invoice.objects.filter(recipient=user).select_related("contract", "milestone").order_by("-issued_at", "-id")


def invoice_for(*, invoice_id: object, viewer: User) -> Invoice:
    """One of the viewer's own invoices; anyone else's answers as if it did not exist."""
    pk = pk_or_404(invoice_id, _("No such invoice."))
    found = invoices_of(user=viewer).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such invoice."))
    return found
