"""The person's money: accounts and their ledger lines, card payments, invoices, payout methods (masked), payouts
and what they billed or were billed per counterpart."""

from typing import Any

from django.db.models import Q

from openhour.accounts.models import User
from openhour.money.models import Account, Billing, Invoice, Payment, Payout, PayoutMethod
from openhour.money.payouts.methods import display
from openhour.money.selectors import line_for, transactions_for

from .base import rows, someone

KEY = "money"
MODELS = ("money.Account", "money.Payment", "money.Invoice", "money.PayoutMethod", "money.Payout", "money.Billing")


def section(user: User) -> dict[str, Any]:
    return {
        "accounts": rows(
            Account.objects.filter(owner=user).order_by("pk"), "purpose", "currency", "balance", "pending_out"
        ),
        "ledger_lines": [line_for(transfer=t, user=user) for t in transactions_for(user=user)],
        "card_payments": rows(
            Payment.objects.filter(payer=user).order_by("pk"),
            "amount",
            "currency",
            "purpose",
            "gateway",
            "status",
            "failure_message",
            "refunded",
            "created_at",
        ),
        "invoices": rows(
            Invoice.objects.filter(recipient=user).order_by("pk"),
            "number",
            "kind",
            "currency",
            "total",
            "vat",
            "issued_at",
            "contract_id",
        ),
        "payout_methods": [_method(method) for method in PayoutMethod.objects.filter(owner=user).order_by("pk")],
        "payouts": [_payout(payout) for payout in Payout.objects.filter(owner=user).select_related("method")],
        "billed": [_billing(billing, user) for billing in _billings(user)],
    }


def _method(method: PayoutMethod) -> dict[str, Any]:
    # Masked as the payout page shows it ("IBAN •••• 3000"): an archive can be lost like any file.
    return {
        "kind": method.kind,
        "account": display(method),
        "created_at": method.created_at,
        "removed_at": method.removed_at,
    }


def _payout(payout: Payout) -> dict[str, Any]:
    return {
        "amount": payout.amount,
        "currency": payout.currency,
        "provider": payout.provider,
        "method": display(payout.method) if payout.method_id else "",
        "status": payout.status,
        "hold_until": payout.hold_until,
        "failure_reason": payout.failure_reason,
        "created_at": payout.created_at,
    }


def _billings(user: User) -> Any:
    return Billing.objects.filter(Q(client=user) | Q(freelancer=user)).select_related("client", "freelancer")


def _billing(billing: Billing, user: User) -> dict[str, Any]:
    as_client = billing.client_id == user.pk
    return {
        "your_role": "client" if as_client else "freelancer",
        "other_party": someone(billing.freelancer if as_client else billing.client),
        "currency": billing.currency,
        "billed": billing.billed,
    }
