from ninja import Schema
from pydantic import ConfigDict, Field

from openhour.lib.money import Currency


class Input(Schema):
    """Request bodies refuse fields they do not know, so typos fail loudly instead of being ignored."""

    model_config = ConfigDict(extra="forbid")


class Money(Input):
    amount: int = Field(ge=0, le=10**12, description="Integer minor units (pence, cents)")
    currency: Currency


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class Error(Schema):
    error: ErrorBody


def money(amount: int | None, currency: str) -> dict[str, object] | None:
    return None if amount is None else {"amount": amount, "currency": currency}
