"""Seller income reporting over HTTP: one's own tax details, read and replaced (the page /me/tax-details does the
same through the same service)."""

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.schemas import Input
from openhour.money.reporting import selectors
from openhour.money.reporting.models import TaxDetails
from openhour.money.reporting.services import FIELDS, tax_details_save

router = Router(tags=["reporting"])


class TaxDetailsOut(Schema):
    complete: bool = Field(description="Whether you have given your tax details")
    needed: bool = Field(description="Whether the platform needs them: your earnings near the reporting thresholds")
    kind: Literal["individual", "entity"] | None
    first_name: str
    last_name: str
    entity_name: str
    birth_date: date | None
    street: str
    city: str
    postcode: str
    country: str = Field(description="ISO 3166 alpha-2")
    tin: str
    tin_country: str = Field(description="ISO 3166 alpha-2: the country that issued the TIN")
    vat_number: str
    registration_number: str
    updated_at: datetime | None


class TaxDetailsIn(Input):
    kind: Literal["individual", "entity"] = "individual"
    first_name: str = Field("", max_length=120, description="Individuals")
    last_name: str = Field("", max_length=120, description="Individuals")
    entity_name: str = Field("", max_length=200, description="Entities: the registered name")
    birth_date: date | None = Field(None, description="Individuals")
    street: str = Field(max_length=200)
    city: str = Field(max_length=120)
    postcode: str = Field("", max_length=20)
    country: str = Field(max_length=2, description="ISO 3166 alpha-2")
    tin: str = Field(max_length=40, description="Checked against the issuing country's format where it is known")
    tin_country: str = Field(max_length=2, description="ISO 3166 alpha-2")
    vat_number: str = Field("", max_length=20, description="With its country prefix")
    registration_number: str = Field("", max_length=40, description="Entities")


def details_out(details: TaxDetails | None, *, needed: bool) -> dict[str, Any]:
    values: dict[str, Any] = {name: "" for name in FIELDS} | {"kind": None, "birth_date": None, "updated_at": None}
    if details is not None:
        values |= {name: getattr(details, name) for name in FIELDS} | {"updated_at": details.updated_at}
        values |= {"country": str(details.country), "tin_country": str(details.tin_country)}
    return values | {"complete": details is not None, "needed": needed}


@router.get("/me/tax-details", response=TaxDetailsOut)
def tax_details_get(request: HttpRequest) -> dict[str, Any]:
    user = current_user(request)
    details = selectors.tax_details_of(seller=user)
    return details_out(details, needed=details is None and selectors.tax_details_needed(seller=user))


@router.put("/me/tax-details", response=TaxDetailsOut)
def tax_details_put(request: HttpRequest, payload: TaxDetailsIn) -> dict[str, Any]:
    """Replaces them whole: 400 with `fields` naming what is missing or malformed (a TIN not of its country's form)."""
    user = current_user(request)
    values = payload.model_dump()
    values["country"], values["tin_country"] = values["country"].upper(), values["tin_country"].upper()
    return details_out(tax_details_save(user=user, by=user, **values), needed=False)
