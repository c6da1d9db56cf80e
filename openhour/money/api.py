"""Money over HTTP: your wallets, converting between them, and the exchange rates in use."""

from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import Field

from openhour.api.auth import OPTIONAL_AUTH, current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Input, money
from openhour.lib.errors import InvalidInput
from openhour.money import fx, selectors
from openhour.money.models import Account, Purpose

router = Router(tags=["money"])


@router.get("/wallet")
def wallet_get(request: HttpRequest) -> dict[str, Any]:
    """Your balances per currency: available to spend, held in escrow, and on its way to you as a payout."""
    user = current_user(request)
    wallets = {a.currency: a for a in Account.objects.filter(owner=user, purpose=Purpose.WALLET, reference="")}
    escrow_rows = (
        Account.objects.filter(owner=user, purpose=Purpose.ESCROW).values("currency").annotate(total=Sum("balance"))
    )
    escrow = {row["currency"]: row["total"] for row in escrow_rows}
    balances = []
    for currency in fx.currencies():
        account = wallets.get(currency)
        balances.append({
            "currency": currency,
            "available": money(account.available if account else 0, currency),
            "in_escrow": money(escrow.get(currency, 0), currency),
            "pending_payout": money(account.pending_out if account else 0, currency),
        })  # fmt: skip
    return {"balances": balances}


class TransactionsQuery(PageQuery):
    currency: str = Field("", max_length=3)
    limit: int = Field(50, ge=1, le=100)


@router.get("/wallet/transactions")
def transactions(request: HttpRequest, query: Query[TransactionsQuery]) -> dict[str, Any]:
    """Your ledger lines, newest first: money in is positive, money out negative."""
    user = current_user(request)
    rows = selectors.transactions_for(user=user, currency=query.currency.upper())
    return paginate(
        rows, cursor=query.cursor, limit=query.limit, serialize=lambda t: selectors.line_for(transfer=t, user=user)
    )


class ConversionIn(Input):
    amount: int = Field(gt=0, le=10**12, description="Integer minor units of the `from` currency")
    from_currency: str = Field(alias="from", min_length=3, max_length=3)
    to: str = Field(min_length=3, max_length=3)


@router.post("/wallet/conversions", response={201: dict})
def conversion_create(request: HttpRequest, payload: ConversionIn) -> Status[dict[str, Any]]:
    """Convert between two of your wallets at the current rate, less the conversion fee.

    Send an `Idempotency-Key` header: repeating a request with the same key returns the first result.
    """
    key = request.headers.get("Idempotency-Key") or None
    if key is not None and len(key) > 200:
        raise InvalidInput(_("The Idempotency-Key header is too long (200 characters at most)."))
    result = fx.wallet_convert(
        user=current_user(request), amount=payload.amount, from_currency=payload.from_currency.upper(),
        to_currency=payload.to.upper(), idempotency_key=key,
    )  # fmt: skip
    return Status(201, result.as_dict())


@router.get("/fx/rates", auth=OPTIONAL_AUTH)
def fx_rates(request: HttpRequest) -> dict[str, Any]:
    """The newest euro reference rate per currency; conversions refuse rates older than `max_age_days`."""
    rows = []
    for currency in fx.currencies():
        found = fx.per_euro(currency)
        if found is not None:
            rows.append({"quote": found.quote, "rate": str(found.rate), "as_of": found.as_of})
    return {"base": fx.BASE, "max_age_days": settings.FX_MAX_AGE_DAYS, "rates": rows}
