"""Money over HTTP: your wallets, converting between them, and the exchange rates in use."""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field
from pydantic.json_schema import JsonDict

from openhour.api.auth import ANYONE_MAY_READ, OPTIONAL_AUTH, current_user
from openhour.api.idempotency import idempotency_key, idempotent, takes_idempotency_key
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import AMOUNT_MAX, CardToken, Input, Money, MoneyOut, Page, WholeNumber, money
from openhour.lib.errors import InvalidInput
from openhour.lib.money import Currency
from openhour.money import fx, selectors
from openhour.money.models import Payment
from openhour.money.services import payments, refunds
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord

router = Router(tags=["money"])


class BalanceOut(Schema):
    currency: str
    available: MoneyOut = Field(description="Yours to spend or withdraw now")
    in_escrow: MoneyOut = Field(description="Paid into milestones, not yet released or refunded")
    pending_payout: MoneyOut = Field(description="Withdrawals reserved or on their way to you")


class WalletOut(Schema):
    balances: list[BalanceOut] = Field(description="One per currency the marketplace holds money in")


@router.get("/wallet", response=WalletOut)
def wallet_get(request: HttpRequest) -> dict[str, Any]:
    """Your balances per currency: available to spend, held in escrow, and on its way to you as a payout."""
    balances = [
        {
            "currency": row.currency,
            "available": money(row.available, row.currency),
            "in_escrow": money(row.in_escrow, row.currency),
            "pending_payout": money(row.pending_payout, row.currency),
        }
        for row in selectors.balances_for(user=current_user(request))
    ]
    return {"balances": balances}


class TransactionsQuery(PageQuery):
    currency: str = Field("", max_length=3)
    limit: int = Field(50, ge=1, le=100)


class TransactionOut(Schema):
    id: str
    kind: str = Field(description="deposit, fund, release, refund, payout and the like")
    phase: str = Field(
        description="posted; pending while an amount is only reserved; post_pending or void_pending when a "
        "reservation is settled or released"
    )
    amount: MoneyOut = Field(description="Signed for you: money in positive, money out negative; 0 while reserved")
    gross: MoneyOut = Field(description="The amount the transfer moved, unsigned")
    from_: str = Field(alias="from", description="The purpose of the account it left: wallet, escrow, gateway...")
    to: str = Field(description="The purpose of the account it reached")
    description: str
    reference: str = Field(description='What it moved money for, like "milestone:12"; may be empty')
    at: datetime


# by_alias: each line's `from` keeps its name (a Python keyword, so the field is `from_`).
@router.get("/wallet/transactions", response=Page[TransactionOut], by_alias=True)
def transactions(request: HttpRequest, query: Query[TransactionsQuery]) -> dict[str, Any]:
    """Your ledger lines, newest first: money in is positive, money out negative."""
    user = current_user(request)
    rows = selectors.transactions_for(user=user, currency=query.currency.upper())
    return paginate(
        rows, cursor=query.cursor, limit=query.limit, serialize=lambda t: selectors.line_for(transfer=t, user=user)
    )


# Stated, not checked, here: the service names a currency it does not hold in its own words.
CURRENCIES: JsonDict = {"enum": list(Currency.values)}


class ConversionIn(Input):
    # The conversion page caps an amount at AMOUNT_CEILING as well: one limit, whichever way a person converts.
    amount: WholeNumber = Field(ge=1, le=AMOUNT_MAX, description="Integer minor units of the `from` currency")
    from_currency: str = Field(alias="from", min_length=3, max_length=3, json_schema_extra=CURRENCIES)
    to: str = Field(min_length=3, max_length=3, json_schema_extra=CURRENCIES)


class ConversionOut(Schema):
    id: str
    rate: str = Field(description="Units of the `to` currency one unit of `from` bought, as a decimal string")
    amount: MoneyOut = Field(description="Taken from the `from` wallet")
    converted: MoneyOut = Field(description="The amount at the rate, before the fee")
    fee: MoneyOut = Field(description="The currency-conversion fee")
    received: MoneyOut = Field(description="Added to the `to` wallet: converted less the fee")


@router.post("/wallet/conversions", response={201: ConversionOut})
@takes_idempotency_key
def conversion_create(request: HttpRequest, payload: ConversionIn) -> Status[dict[str, Any]]:
    """Convert between two of your wallets at the current rate, less the conversion fee.

    Send an `Idempotency-Key` header: repeating a request with the same key returns the first result.
    """
    key = idempotency_key(request) or None
    result = fx.wallet_convert(
        user=current_user(request),
        amount=payload.amount,
        from_currency=payload.from_currency.upper(),
        to_currency=payload.to.upper(),
        idempotency_key=key,
    )
    return Status(201, result.as_dict())


class FxRateOut(Schema):
    quote: str = Field(description="The currency one euro buys")
    rate: str = Field(description="Units of `quote` per euro, as a decimal string")
    as_of: date = Field(description="The day the reference rate was published")


class FxRatesOut(Schema):
    base: str = Field(description="Always EUR: every rate is per euro")
    max_age_days: int = Field(description="Conversions refuse a rate older than this")
    rates: list[FxRateOut]


@router.get("/fx/rates", auth=OPTIONAL_AUTH, openapi_extra=ANYONE_MAY_READ, response=FxRatesOut)
def fx_rates(request: HttpRequest) -> dict[str, Any]:
    """The newest euro reference rate per currency; conversions refuse rates older than `max_age_days`."""
    rows = []
    for currency in fx.currencies():
        found = fx.per_euro(currency)
        if found is not None:
            rows.append({"quote": found.quote, "rate": str(found.rate), "as_of": found.as_of})
    return {"base": fx.BASE, "max_age_days": settings.FX_MAX_AGE_DAYS, "rates": rows}


class PaymentActionOut(Schema):
    url: str = Field(description="Where the payer confirms the payment (3-D Secure)")


class PaymentOut(Schema):
    id: str
    status: str = Field(description="processing, requires_action, succeeded or failed")
    purpose: str = Field(description="deposit (into the wallet) or milestone (funding one)")
    amount: MoneyOut
    refunded: MoneyOut = Field(description="Given back to the card so far")
    milestone: str | None = Field(description="The milestone it funds; null for a deposit")
    next_action: PaymentActionOut | None = Field(description="Only while the payment waits for the payer")
    created_at: datetime


def payment_out(payment: Payment) -> dict[str, Any]:
    """A card payment as its payer sees it; `next_action.url` is where to confirm one that waits (3-D Secure)."""
    return {
        "id": str(payment.pk),
        "status": payment.status,
        "purpose": payment.purpose,
        "amount": money(payment.amount, payment.currency),
        "refunded": money(payment.refunded, payment.currency),
        "milestone": str(payment.milestone_id) if payment.milestone_id else None,
        "next_action": {"url": payment.action_url} if payment.status == Payment.Status.REQUIRES_ACTION else None,
        "created_at": payment.created_at,
    }


class DepositIn(Input):
    amount: Money = Field(description="What to charge the card and add to the wallet in that currency")
    card_token: CardToken


@router.post("/wallet/deposits", response={201: PaymentOut})
@idempotent
def deposit_create(request: HttpRequest, payload: DepositIn) -> Status[dict[str, Any]]:
    """Pay into your wallet by card. 201 with the payment: `succeeded`, or `requires_action` with
    `next_action.url` to confirm at; a declined card answers 402 `card_declined` and moves nothing."""
    payment = payments.deposit_start(
        payer=current_user(request),
        amount=payload.amount.amount,
        currency=payload.amount.currency,
        card_token=payload.card_token,
        idempotency_key=idempotency_key(request),
    )
    access_record(request=request, user=payment.payer, kind=AccessRecord.Kind.DEPOSIT)
    return Status(201, payment_out(payment))


@router.get("/payments/{payment_id}", response=PaymentOut)
def payment_get(request: HttpRequest, payment_id: str) -> dict[str, Any]:
    """One of your card payments."""
    return payment_out(payments.payment_for(payment_id=payment_id, viewer=current_user(request)))


@router.post("/payments/{payment_id}/confirm", response=PaymentOut)
def payment_confirm(request: HttpRequest, payment_id: str) -> dict[str, Any]:
    """Confirm a payment that waits for you (3-D Secure); then it settles and the money moves."""
    return payment_out(payments.payment_confirm(payment_id=payment_id, by=current_user(request)))


class RefundIn(Input):
    amount: Money


@router.post("/payments/{payment_id}/refunds", response={201: PaymentOut})
@idempotent
def refund_create(request: HttpRequest, payment_id: str, payload: RefundIn) -> Status[dict[str, Any]]:
    """Send part or all of a card deposit back to the card, from your wallet. 201 with the payment and its
    `refunded` total; more than is left answers 400, more than your wallet holds 409 `insufficient_funds`."""
    user = current_user(request)
    payment = payments.payment_for(payment_id=payment_id, viewer=user)
    if payload.amount.currency != payment.currency:
        wrong = _("Refund in the payment’s currency, %(currency)s.") % {"currency": payment.currency}
        raise InvalidInput(fields={"amount.currency": [wrong]})
    refunded = refunds.payment_refund(payment_id=payment.pk, by=user, amount=payload.amount.amount)
    return Status(201, payment_out(refunded))
