"""Proofs about the ledger, recomputed from the transfers themselves."""

from dataclasses import dataclass

from django.db.models import Q, Sum

from openhour.money.models import Account, Phase, Transfer

MOVES = Q(phase__in=[Phase.POSTED, Phase.POST_PENDING])


@dataclass(frozen=True)
class Problem:
    what: str

    def __str__(self) -> str:
        return self.what


def ledger_problems() -> list[Problem]:
    """Per currency all balances sum to zero; every cached balance and reservation matches its transfers."""
    return _totals() + _balances()


def _totals() -> list[Problem]:
    rows = Account.objects.values("currency").annotate(total=Sum("balance")).order_by("currency")
    return [Problem(f"{row['currency']} balances sum to {row['total']}, not 0") for row in rows if row["total"]]


def _sums(field: str, condition: Q) -> dict[int, int]:
    rows = Transfer.objects.filter(condition).values(field).annotate(total=Sum("amount"))
    return {row[field]: row["total"] for row in rows}


def _balances() -> list[Problem]:
    credits, debits = _sums("credit", MOVES), _sums("debit", MOVES)
    open_pending = Q(phase=Phase.PENDING) & Q(resolutions__isnull=True)
    reserved = _sums("debit", open_pending)
    problems = []
    for account in Account.objects.order_by("pk").iterator():
        expected = credits.get(account.pk, 0) - debits.get(account.pk, 0)
        if account.balance != expected:
            problems.append(
                Problem(f"account {account.pk} ({account}) holds {account.balance}, transfers say {expected}")
            )
        held = reserved.get(account.pk, 0)
        if account.pending_out != held:
            problems.append(
                Problem(f"account {account.pk} ({account}) reserves {account.pending_out}, transfers say {held}")
            )
    return problems
