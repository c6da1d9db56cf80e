"""Reads of the ledger for the people whose money it is."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from openhour.accounts.models import User
from openhour.money import fees, fx
from openhour.money.models import Account, Phase, Purpose, Transfer
from openhour.money.wording import transfer_description

Kind = Transfer.Kind

# What a person filters their history by, as the transfer kinds behind each word.
HISTORY_KINDS: dict[str, tuple[Any, Q]] = {
    "deposits": (_("Deposits"), Q(kind=Kind.DEPOSIT)),
    "payments": (_("Payments"), Q(kind=Kind.FUND)),
    "releases": (_("Releases"), Q(kind=Kind.RELEASE)),
    "fees": (_("Fees"), Q(kind__in=[Kind.CLIENT_FEE, Kind.FREELANCER_FEE, Kind.FX_FEE])),
    "refunds": (_("Refunds"), Q(kind__in=[Kind.REFUND, Kind.CLIENT_FEE_REFUND, Kind.CARD_REFUND])),
    "conversions": (_("Conversions"), Q(kind=Kind.FX)),
    "withdrawals": (
        _("Withdrawals"),
        Q(kind__in=[Kind.PAYOUT, Kind.PAYOUT_CANCEL, Kind.PAYOUT_PAID, Kind.PAYOUT_RETURN]),
    ),
}


@dataclass(frozen=True)
class Balance:
    currency: str
    available: int
    in_escrow: int
    pending_payout: int


def balances_for(*, user: User) -> list[Balance]:
    """Per currency: available to spend, held in escrow, and on its way out as a payout (reserved in the
    wallet or already in flight). One query, whatever the number of accounts."""
    totals: dict[tuple[str, str], tuple[int, int]] = {}
    rows = (
        Account.objects.filter(owner=user)
        .filter(Q(purpose=Purpose.WALLET, reference="") | Q(purpose__in=[Purpose.ESCROW, Purpose.PAYOUTS_IN_FLIGHT]))
        .values("purpose", "currency")
        .annotate(balance=Sum("balance"), pending=Sum("pending_out"))
    )
    for row in rows:
        totals[(row["purpose"], row["currency"])] = (row["balance"] or 0, row["pending"] or 0)
    found = []
    for currency in fx.currencies():
        wallet_balance, reserved = totals.get((Purpose.WALLET, currency), (0, 0))
        in_flight, _reserved = totals.get((Purpose.PAYOUTS_IN_FLIGHT, currency), (0, 0))
        found.append(
            Balance(
                currency=currency,
                available=wallet_balance - reserved,
                in_escrow=totals.get((Purpose.ESCROW, currency), (0, 0))[0],
                pending_payout=reserved + in_flight,
            )
        )
    return found


def transactions_for(
    *, user: User, currency: str = "", kind: str = "", since: date | None = None, until: date | None = None
) -> QuerySet[Transfer]:
    """Every transfer touching one of the user's accounts, newest first. Pending reservations are included;
    a posted or voided reservation shows as its own line. `kind` is one of HISTORY_KINDS; the dates are
    inclusive days."""
    mine = Q(debit__owner=user) | Q(credit__owner=user)
    rows = Transfer.objects.filter(mine).select_related("debit", "credit", "milestone").order_by("-created_at", "-id")
    if currency:
        rows = rows.filter(currency=currency)
    if kind in HISTORY_KINDS:
        rows = rows.filter(HISTORY_KINDS[kind][1])
    if since is not None:
        rows = rows.filter(created_at__date__gte=since)
    if until is not None:
        rows = rows.filter(created_at__date__lte=until)
    return rows


def line_for(*, transfer: Transfer, user: User) -> dict[str, Any]:
    """One wallet-history line as the user sees it: money in is positive, money out negative."""
    outgoing = transfer.debit.owner_id == user.pk and transfer.credit.owner_id != user.pk
    incoming = transfer.credit.owner_id == user.pk and transfer.debit.owner_id != user.pk
    sign = -1 if outgoing else 1 if incoming else 0  # between two of one's own accounts: a move, not a change
    reserving = transfer.phase in (Phase.PENDING, Phase.VOID_PENDING)
    return {
        "id": str(transfer.id),
        "kind": transfer.kind,
        "phase": transfer.phase,
        "amount": {"amount": 0 if reserving else sign * transfer.amount, "currency": transfer.currency},
        "gross": {"amount": transfer.amount, "currency": transfer.currency},
        "from": transfer.debit.purpose,
        "to": transfer.credit.purpose,
        "description": transfer_description(transfer),  # in the requester's language
        "reference": transfer.reference,
        "at": transfer.created_at,
    }


def kind_label(kind: str) -> str:
    return str(Kind(kind).label if kind in Kind.values else kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class ConversionQuote:
    amount: int  # taken from the from-wallet
    from_currency: str
    rate: Decimal
    converted: int
    fee: int
    received: int
    to_currency: str


def conversion_quote(*, amount: int, from_currency: str, to_currency: str) -> ConversionQuote:
    """What converting would give now, by the same rate, rounding and fee as `fx.wallet_convert`.
    Raises FxRateMissing / FxRateStale like the conversion itself."""
    rate = fx.rate(from_currency=from_currency, to_currency=to_currency)
    converted = fx.round_half_up(amount * rate)
    fee = fees.conversion_fee(amount=converted, currency=to_currency) if converted > 0 else 0
    return ConversionQuote(
        amount=amount,
        from_currency=from_currency,
        rate=rate,
        converted=converted,
        fee=fee,
        received=converted - fee,
        to_currency=to_currency,
    )


def unfinished_card_payments(*, payer: User, contract_id: int) -> list[Any]:
    """The payer's card payments that stopped short of funding a milestone of the contract: for each milestone
    still awaiting funding, its latest payment when that one waits for the payer (3-D Secure) or failed."""
    from openhour.contracts.models import Milestone
    from openhour.money.models import Payment

    rows = Payment.objects.filter(
        payer=payer, milestone__contract_id=contract_id, milestone__status=Milestone.Status.AWAITING_FUNDING
    ).select_related("milestone")
    latest: dict[int, Payment] = {}
    for payment in rows.order_by("milestone_id", "-created_at"):
        latest.setdefault(payment.milestone_id, payment)  # type: ignore[arg-type]
    stopped = (Payment.Status.REQUIRES_ACTION, Payment.Status.FAILED)
    return [payment for payment in latest.values() if payment.status in stopped]
