"""Billing details over HTTP: GET and PUT /me/billing, the person's own only. Bad input is a 400 naming the
field (`vat_number` for a number of the wrong format or country); VIES being down is no error: the number is
kept with `vat_number_check: "unconfirmed"`."""

from typing import Any, Literal

from django.http import HttpRequest
from django_countries import countries
from ninja import Router, Schema
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.schemas import Input
from openhour.money.vat import selectors, services
from openhour.money.vat.models import BillingDetails
from openhour.money.vat.rules import VatTerms
from openhour.money.vat.wording import percent_text

router = Router(tags=["vat"])
CODES = [code for code, _name in countries]  # stated in the schema; the service names a wrong one in its words

CHECK_HELP = (
    "How far the VAT number is checked: empty (no number), `format` (its format, for its country), `confirmed` "
    "(VIES says it is registered) or `unconfirmed` (format valid; VIES could not be reached, so not confirmed yet)"
)


class VatOut(Schema):
    treatment: str = Field(description="none, domestic, consumer, consumer_country or reverse_charge")
    rate: str = Field(description='The VAT rate the platform\'s fees would carry if invoiced now, in percent ("20")')


class BillingOut(Schema):
    kind: Literal["consumer", "business"]
    legal_name: str
    vat_number: str = Field(description="Compact, with its country prefix (EL for Greece, XI for Northern Ireland)")
    vat_number_check: str = Field(description=CHECK_HELP)
    country: str = Field(description="ISO 3166 country code; empty until given")
    address: str
    vat: VatOut = Field(description="The VAT rule these details lead to, for the fees on your next invoices")


class BillingIn(Input):
    kind: Literal["consumer", "business"]
    country: str = Field(
        max_length=2,
        description="ISO 3166 country code",
        json_schema_extra={"enum": [code for code, _name in countries]},
    )
    legal_name: str = Field("", max_length=200, description="Required for a business")
    vat_number: str = Field("", max_length=30, description="Businesses only; with or without the country prefix")
    address: str = Field("", max_length=services.ADDRESS_MAX)


def billing_out(details: BillingDetails | None, terms: VatTerms) -> dict[str, Any]:
    found: dict[str, Any] = {"kind": "consumer", "legal_name": "", "vat_number": "", "vat_number_check": ""}
    found |= {"country": "", "address": ""}
    if details is not None:
        found = {
            "kind": details.kind,
            "legal_name": details.legal_name,
            "vat_number": details.vat_number,
            "vat_number_check": details.vat_check,
            "country": str(details.country),
            "address": details.address,
        }
    return found | {"vat": {"treatment": str(terms.treatment), "rate": percent_text(terms.rate)}}


@router.get("/me/billing", response=BillingOut)
def billing_read(request: HttpRequest) -> dict[str, Any]:
    """Your billing details: who the platform's fee invoices are made out to. Defaults until you set them."""
    me = current_user(request)
    details = selectors.billing_details_for(person=me, viewer=me)
    return billing_out(details, selectors.vat_terms_preview(person=me, viewer=me))


@router.put("/me/billing", response=BillingOut)
def billing_replace(request: HttpRequest, payload: BillingIn) -> dict[str, Any]:
    """Set your billing details (all of them). A business abroad with a valid VAT number is invoiced without VAT
    (reverse charge). Invoices already issued keep the details they were made with."""
    me = current_user(request)
    data = services.BillingInput(**payload.model_dump())
    details = services.billing_details_set(person=me, by=me, data=data)
    return billing_out(details, selectors.vat_terms_preview(person=me, viewer=me))
