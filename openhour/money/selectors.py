"""Reads of the ledger for the people whose money it is."""

from typing import Any

from django.db.models import Q, QuerySet

from openhour.money.models import Phase, Transfer


def transactions_for(*, user: Any, currency: str = "") -> QuerySet[Transfer]:
    """Every transfer touching one of the user's accounts, newest first. Pending reservations are included;
    a posted or voided reservation shows as its own line."""
    mine = Q(debit__owner=user) | Q(credit__owner=user)
    rows = Transfer.objects.filter(mine).select_related("debit", "credit").order_by("-created_at", "-id")
    return rows.filter(currency=currency) if currency else rows


def line_for(*, transfer: Transfer, user: Any) -> dict[str, Any]:
    """One wallet-history line as the user sees it: money in is positive, money out negative."""
    outgoing = transfer.debit.owner_id == user.pk and transfer.credit.owner_id != user.pk
    incoming = transfer.credit.owner_id == user.pk and transfer.debit.owner_id != user.pk
    sign = -1 if outgoing else 1 if incoming else 0  # between two of one's own accounts: a move, not a change
    reserving = transfer.phase in (Phase.PENDING, Phase.VOID_PENDING)
    return {
        "id": str(transfer.id), "kind": transfer.kind, "phase": transfer.phase,
        "amount": {"amount": 0 if reserving else sign * transfer.amount, "currency": transfer.currency},
        "gross": {"amount": transfer.amount, "currency": transfer.currency},
        "from": transfer.debit.purpose, "to": transfer.credit.purpose,
        "description": transfer.description, "reference": transfer.reference, "at": transfer.created_at,
    }  # fmt: skip
