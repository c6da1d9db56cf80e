"""Direct offers over HTTP: a client offers a contract; its freelancer accepts or declines; the client (or an
operator, with a reason) withdraws it. Answers are the contract, with what the offer means for the viewer."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.schemas import (
    Input,
    Money,
    MoneyOrMinorUnits,
    MoneyOut,
    WholeNumber,
    minor_units_in,
    money_description,
)
from openhour.contracts import selectors
from openhour.contracts.api.contracts import ContractNoteIn, ContractOut, contract_out
from openhour.contracts.models import Contract
from openhour.contracts.services import offers
from openhour.lib.money import Currency

router = Router(tags=["offers"])


class OfferMilestoneIn(Input):
    title: str = Field(max_length=120)
    amount: MoneyOrMinorUnits = Field(description=money_description("the offer's"))
    due_in_days: WholeNumber = Field(description="Counted from the day the freelancer accepts")
    criteria: str = Field("", max_length=5000, description="What the client checks before releasing the payment")


class OfferIn(Input):
    to: str = Field(max_length=150, description="The freelancer's username")
    title: str = Field(min_length=1, max_length=120)
    message: str = Field(min_length=1, max_length=5000)
    currency: Currency
    kind: Literal["fixed", "hourly"] = "fixed"
    milestones: list[OfferMilestoneIn] = Field(default_factory=list, max_length=20, description="Fixed: 1 to 5")
    hourly_rate: MoneyOrMinorUnits | None = Field(
        None, description="Hourly: the pay for one hour. " + money_description("the offer's")
    )
    weekly_limit: WholeNumber | None = Field(None, description="Hourly: the most hours a week the client pays for")
    time_zone: str = Field("Europe/London", max_length=64, description="Hourly: an IANA name; weeks end on Sunday")


def _terms(payload: OfferIn) -> dict[str, Any]:
    """The offer's terms with the hourly rate and every milestone's amount as integer minor units."""
    amounts: dict[str, Money | int | None] = {"hourly_rate": payload.hourly_rate}
    amounts |= {f"milestones.{n}.amount": row.amount for n, row in enumerate(payload.milestones)}
    problem = _("Give amounts in the offer’s currency (%(currency)s).") % {"currency": payload.currency}
    units = minor_units_in(payload.currency, amounts, problem)
    terms = payload.dict()
    terms["hourly_rate"] = units["hourly_rate"]
    terms["milestones"] = [
        row | {"amount": units[f"milestones.{n}.amount"]} for n, row in enumerate(terms["milestones"])
    ]
    return terms


class OfferFeeOut(Schema):
    """The freelancer's service fee on the whole offer (fixed) or on a full week (hourly), at their tier."""

    amount: MoneyOut = Field(description="What the client pays for the work")
    fee: MoneyOut = Field(description="The freelancer service fee")
    receive: MoneyOut = Field(description="What the freelancer receives")
    schedule_version: str


class OfferTermsOut(Schema):
    expires_at: datetime | None = Field(description="When an unanswered offer lapses")
    fee_preview: OfferFeeOut | None = Field(description="Null when the offer names no amount to take a fee on")


class OfferOut(ContractOut):
    offer_message: str = Field(description="The client's message with the offer")
    offer: OfferTermsOut | None = Field(description="While the offer waits for an answer; null after")


def offer_out(contract_id: int | str, user: User) -> dict[str, Any]:
    """The contract as its parties see it, with the offer's expiry and the freelancer's fee on it."""
    contract = selectors.contract_or_404(contract_id=contract_id, viewer=user)
    offer: dict[str, Any] | None = None
    if contract.status == Contract.Status.OFFERED:
        context = offers.offer_context(contract=contract, user=user)
        fee = context["fee"]
        offer = {"expires_at": context["expires_at"], "fee_preview": fee.as_dict() if fee else None}
    return contract_out(contract) | {"offer_message": contract.offer_message, "offer": offer}


# by_alias: the contract's events keep their `from` key.
@router.post("/offers", response={201: OfferOut}, by_alias=True)
def offer_create(request: HttpRequest, payload: OfferIn) -> Status[dict[str, Any]]:
    """Offer a contract to a freelancer (400 `offer_to_self` / `not_a_freelancer`, 409 `offer_pending`)."""
    user = current_user(request)
    contract = offers.offer_create(client=user, **_terms(payload))
    return Status(201, offer_out(contract.pk, user))


@router.post("/contracts/{contract_id}/accept", response=OfferOut, by_alias=True)
def offer_accept(request: HttpRequest, contract_id: str, payload: ContractNoteIn | None = None) -> dict[str, Any]:
    """The freelancer accepts the offer: the contract becomes active and work begins."""
    user = current_user(request)
    offers.offer_accept(contract_id=contract_id, by=user, note=payload.note if payload else "")
    return offer_out(contract_id, user)


@router.post("/contracts/{contract_id}/decline", response=OfferOut, by_alias=True)
def offer_decline(request: HttpRequest, contract_id: str, payload: ContractNoteIn | None = None) -> dict[str, Any]:
    """The freelancer declines the offer, optionally saying why (`note`)."""
    user = current_user(request)
    offers.offer_decline(contract_id=contract_id, by=user, note=payload.note if payload else "")
    return offer_out(contract_id, user)


@router.post("/contracts/{contract_id}/withdraw", response=OfferOut, by_alias=True)
def offer_withdraw(request: HttpRequest, contract_id: str, payload: ContractNoteIn | None = None) -> dict[str, Any]:
    """The client withdraws an unanswered offer (an operator too, with a reason in `note`)."""
    user = current_user(request)
    offers.offer_withdraw(contract_id=contract_id, by=user, note=payload.note if payload else "")
    return offer_out(contract_id, user)
