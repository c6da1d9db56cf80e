"""Payouts over HTTP: where your money goes (payout methods), and withdrawals from your wallet."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from openhour.accounts.mfa import step_up_check
from openhour.api.auth import current_user
from openhour.api.idempotency import idempotency_key, idempotent
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Input, Money, MoneyOut, Page, WholeNumber, amount_of_at_least, money
from openhour.money.models import Payout
from openhour.money.payouts import methods, services
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord

router = Router(tags=["money"])


class MethodIn(Input):
    # Stated, not checked, here: the service refuses another kind in its own words.
    kind: str = Field(max_length=20, json_schema_extra={"enum": ["bank_transfer", "paypal", "wire"]})
    details: dict[str, str] = Field(
        description="bank_transfer: account_holder, iban, bic (or account_holder, sort_code, account_number); "
        "paypal: email; wire: account_holder, swift, account_number, bank_name, bank_address, country"
    )
    code: str | None = Field(
        None, max_length=64, description="With two-factor sign-in on: a fresh code (authenticator app or recovery code)"
    )


class PayoutMethodOut(Schema):
    id: str
    kind: str = Field(description="bank_transfer, paypal or wire")
    display: str = Field(description='The account, masked: "IBAN •••• 3000"')
    account_holder: str = Field(description="Empty for PayPal")
    usable_from: datetime = Field(description="When its security hold ends and payouts may use it")
    created_at: datetime


class PayoutMethodsOut(Schema):
    items: list[PayoutMethodOut] = Field(description="All of them: a person has only a few")


@router.get("/payout-methods", response=PayoutMethodsOut)
def method_list(request: HttpRequest) -> dict[str, Any]:
    """Your payout methods, with the account shown masked."""
    rows = methods.active_methods(owner=current_user(request))
    return {"items": [methods.method_out(method) for method in rows]}


@router.post("/payout-methods", response={201: PayoutMethodOut})
def method_add(request: HttpRequest, payload: MethodIn) -> Status[dict[str, Any]]:
    """Add where payouts go. A new method can be used once its security hold is over (`usable_from`).
    With two-factor sign-in on, send a fresh `code`, or the answer is 403 `step_up_required`."""
    step_up_check(request=request, user=current_user(request), code=payload.code)
    method = methods.payout_method_add(owner=current_user(request), kind=payload.kind, details=payload.details)
    return Status(201, methods.method_out(method))


@router.delete("/payout-methods/{method_id}", response={204: None})
def method_remove(request: HttpRequest, method_id: str) -> Status[None]:
    methods.payout_method_remove(owner=current_user(request), method_id=method_id)
    return Status(204, None)


class PayoutMethodRefOut(Schema):
    id: str
    kind: str = Field(description="bank_transfer, paypal or wire")
    display: str = Field(description="The account, masked")


class PayoutOut(Schema):
    id: str
    status: str = Field(description="requested, held, sent, paid, failed or cancelled")
    amount: MoneyOut
    method: PayoutMethodRefOut = Field(description="Where the money goes")
    provider: str = Field(description="Who sends it: manual_bank, paypal or wire")
    reference: str = Field(description="The provider's reference once sent; empty before")
    hold_until: datetime = Field(description="Held until then, then sent")
    failure_reason: str = Field(description="Why the provider could not pay it; empty unless failed")
    created_at: datetime
    updated_at: datetime


def payout_out(payout: Payout) -> dict[str, Any]:
    """A withdrawal as its owner sees it: held until `hold_until`, then sent, then paid (or failed)."""
    return {
        "id": str(payout.pk),
        "status": payout.status,
        "amount": money(payout.amount, payout.currency),
        "method": {"id": str(payout.method_id), "kind": payout.method.kind, "display": methods.display(payout.method)},
        "provider": payout.provider,
        "reference": payout.provider_ref,
        "hold_until": payout.hold_until,
        "failure_reason": payout.failure_reason,
        "created_at": payout.created_at,
        "updated_at": payout.updated_at,
    }


class Withdrawal(Money):
    amount: WholeNumber = amount_of_at_least(settings.PAYOUT_MINIMUM)


class PayoutIn(Input):
    amount: Withdrawal = Field(
        description=f"At least {settings.PAYOUT_MINIMUM} minor units (400 `below_minimum` under that), "
        "taken from your wallet in that currency"
    )
    method: str = Field(min_length=1, max_length=40, description="The id of one of your payout methods")
    code: str | None = Field(
        None, max_length=64, description="With two-factor sign-in on: a fresh code (authenticator app or recovery code)"
    )


@router.post("/payouts", response={201: PayoutOut})
@idempotent
def payout_create(request: HttpRequest, payload: PayoutIn) -> Status[dict[str, Any]]:
    """Withdraw from your wallet. The amount is reserved at once; the payout is held until `hold_until`
    (a new method's security hold), then sent. Send an `Idempotency-Key` header to make retries safe. With
    two-factor sign-in on, send a fresh `code`, or the answer is 403 `step_up_required`."""
    step_up_check(request=request, user=current_user(request), code=payload.code)
    payout = services.payout_request(
        owner=current_user(request),
        amount=payload.amount.amount,
        currency=payload.amount.currency,
        method_id=payload.method,
        idempotency_key=idempotency_key(request),
    )
    access_record(request=request, user=current_user(request), kind=AccessRecord.Kind.WITHDRAW)
    return Status(201, payout_out(payout))


@router.get("/payouts", response=Page[PayoutOut])
def payout_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Your withdrawals, newest first."""
    rows = services.payouts_of(owner=current_user(request))
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=payout_out)


@router.get("/payouts/{payout_id}", response=PayoutOut)
def payout_get(request: HttpRequest, payout_id: str) -> dict[str, Any]:
    return payout_out(services.payout_for(owner=current_user(request), payout_id=payout_id))


@router.post("/payouts/{payout_id}/cancel", response=PayoutOut)
def payout_cancel(request: HttpRequest, payout_id: str) -> dict[str, Any]:
    """Stop a withdrawal while it is held: the money is yours to spend again at once."""
    user = current_user(request)
    payout = services.payout_for(owner=user, payout_id=payout_id)
    return payout_out(services.payout_cancel(payout_id=payout.pk, by=user))
