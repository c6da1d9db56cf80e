"""Invoices: a numbered, immutable document for every funding (the client's receipt), every release (the
freelancer's statement) and every refund (the client's credit note).

Numbers run without gaps per series and calendar year (`OH-2026-C-000042`), as UK and EU VAT rules ask ("a
sequential number, based on one or more series"); each person's invoices stay in one series.

Numbered after commit, not per shard. An issuer writes its invoice without a number inside its own transaction
(an escrow step); later a numbering step gives every invoice of a series still waiting the next numbers, in
issue order, in a short transaction of its own that holds the series' row: the worker's round
(`invoices_number_due`, from `run_timers`), or the first read of the invoice (its list, the API or its PDF),
whichever comes first, so nobody ever sees an invoice without its number. So no payment waits on a counter,
a rolled-back step never took a number (no gaps), and a payment pays for one commit, not two. An invoice is
issued when it is numbered: numbering stamps `issued_at`, so number order and date order agree. One series
per ledger shard would also avoid the wait, but a person's documents would then be spread over series by
chance, and the counter would still be held from the number to the payment's commit.
"""

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import Profile, User
from openhour.contracts.models import Milestone
from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_404
from openhour.money.models import Invoice, InvoiceSequence, Transfer
from openhour.money.vat import rules
from openhour.money.vat.rules import VatTerms


class Line(TypedDict, total=False):
    description: str
    amount: int  # minor units; a fee taken from the recipient is negative
    fee: bool  # the platform's own fee: VAT (when charged) is included in it


def invoice_issue(
    *,
    kind: str,
    recipient: User,
    milestone: Milestone | None,
    lines: list[Line],
    currency: str,
    first: bool = False,
    terms: VatTerms | None = None,
) -> Invoice:
    """A new invoice, numbered after the caller's transaction commits (see above). Issuing the same kind for the same
    milestone again returns the first one: a milestone has at most one receipt, one statement and one credit
    note. `first` says the caller's own step happens once per milestone (a release): no need to look, and the
    database's constraint still refuses a second. `terms` are the VAT rules applied (by default decided now for
    the recipient, `openhour.money.vat.rules`) and kept on the invoice."""
    series = series_for(recipient)
    try:
        with transaction.atomic(savepoint=False):
            earlier = None if first else _issued(kind, milestone)
            if earlier is not None:
                return earlier
            terms = terms or rules.vat_terms_for(recipient)
            invoice = Invoice.objects.create(
                number=None,
                series=series,
                kind=kind,
                recipient=recipient,
                contract=milestone.contract if milestone else None,
                milestone=milestone,
                currency=currency,
                lines=lines,
                vat=vat_included(lines, terms.rate),
                total=sum(line["amount"] for line in lines),
                issuer=issuer_now(),
                billed_to=billed_to_now(recipient),
                vat_treatment=terms.treatment,
                vat_rate=terms.rate,
                buyer_vat_number=terms.buyer_vat_number,
                buyer_country=terms.buyer_country,
            )
    except IntegrityError:
        # A parallel issuer of the same invoice committed first; only a caller outside any transaction can
        # meet one (escrow steps hold the milestone), so there is no caller's work to keep.
        earlier = None if transaction.get_connection().in_atomic_block else _issued(kind, milestone)
        if earlier is None:
            raise
        return earlier
    return invoice


def invoices_number(*, series: str) -> int:
    """Give the invoices of `series` that wait for a number the next numbers of this year, in the order they
    were issued, and stamp them issued now; in a transaction of its own holding the series' row, so numbers
    have no gaps. Returns how many it numbered (none if another step got there first)."""
    with transaction.atomic():
        now = timezone.now()
        sequence = _locked_sequence(series, now.year)
        waiting = list(Invoice.objects.filter(series=series, number__isnull=True).order_by("issued_at", "id"))
        for invoice in waiting:
            sequence.last += 1
            invoice.number = f"{settings.INVOICE_PREFIX}-{sequence.year}-{sequence.series}-{sequence.last:06d}"
            invoice.issued_at = now
        if waiting:
            Invoice.objects.bulk_update(waiting, ["number", "issued_at"])
            sequence.save(update_fields=["last"])
    return len(waiting)


def invoices_number_due() -> int:
    """The worker's round: number every invoice still waiting, series by series. Returns how many."""
    waiting = Invoice.objects.filter(number__isnull=True).values_list("series", flat=True).distinct()
    return sum(invoices_number(series=series) for series in sorted(waiting))


def invoices_number_waiting(*, user: User) -> None:
    """Numbered on first read: number the invoices to `user` whose numbering step never ran. One query when
    there are none."""
    waiting = Invoice.objects.filter(recipient=user, number__isnull=True).values_list("series", flat=True)
    for series in sorted(set(waiting)):
        invoices_number(series=series)


SERIES = "ABCDEFGH"


def series_for(recipient: User) -> str:
    """The series a person's invoices are numbered in."""
    return SERIES[recipient.pk % len(SERIES)]


def _locked_sequence(series: str, year: int) -> InvoiceSequence:
    found = InvoiceSequence.objects.select_for_update().filter(series=series, year=year).first()
    if found is not None:
        return found
    InvoiceSequence.objects.get_or_create(series=series, year=year)  # the year's first invoice in this series
    return InvoiceSequence.objects.select_for_update().get(series=series, year=year)


def _issued(kind: str, milestone: Milestone | None) -> Invoice | None:
    if milestone is None:
        return None
    return Invoice.objects.filter(kind=kind, milestone=milestone).first()


def vat_included(lines: list[Line], rate: Decimal) -> int:
    """The VAT inside the fee lines at `rate` percent: fee × r / (100 + r), rounded half-up once."""
    return rules.vat_included(sum(abs(line["amount"]) for line in lines if line.get("fee")), rate)


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
    """The person as they were when billed; with billing details, their legal name, address and country."""
    found = {"name": user.name or user.username, "email": user.email, "company": _company(user)}
    details = rules.billing_details_of(user)
    if details is not None:
        found["company"] = details.legal_name or found["company"]
        found["address"] = details.address
        found["country"] = str(details.country)
    return found


def _company(user: User) -> str:
    """From the profile the caller loaded with the person (escrow steps do), else read now."""
    if User.profile.is_cached(user):
        profile = getattr(user, "profile", None)  # loaded as missing: a person without a profile
        return profile.company_name if profile is not None else ""
    return Profile.objects.filter(user=user).values_list("company_name", flat=True).first() or ""


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


def statement_for_release(milestone: Milestone, *, first: bool = False) -> Invoice:
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
        first=first,
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
    credited = Invoice.objects.filter(kind=Invoice.Kind.RECEIPT, milestone=milestone).first()
    return invoice_issue(
        kind=Invoice.Kind.CREDIT_NOTE,
        recipient=contract.client,
        milestone=milestone,
        lines=lines,
        currency=contract.currency,
        terms=rules.terms_of(credited) if credited else None,  # the receipt's VAT, never decided again
    )


def _client_fee_returned(milestone: Milestone) -> int:
    found = Transfer.objects.filter(kind=Transfer.Kind.CLIENT_FEE_REFUND, milestone=milestone)
    return int(found.aggregate(total=Sum("amount"))["total"] or 0)


def invoices_listed(*, user: User) -> QuerySet[Invoice]:
    """The list of `user`'s invoices a page or the API shows: any still waiting for a number get it first."""
    invoices_number_waiting(user=user)
    return invoices_of(user=user)


def invoices_of(*, user: User) -> QuerySet[Invoice]:
    """The invoices addressed to `user`, newest first, with what a list shows of their contracts."""
    return Invoice.objects.filter(recipient=user).select_related("contract", "milestone").order_by("-issued_at", "-id")


def invoice_for(*, invoice_id: object, viewer: User) -> Invoice:
    """One of the viewer's own invoices, numbered; anyone else's answers as if it did not exist."""
    pk = pk_or_404(invoice_id, _("No such invoice."))
    found = invoices_listed(user=viewer).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such invoice."))
    return found
