from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, field_validator

from openhour.lib.errors import InvalidInput
from openhour.lib.money import Currency


class Input(Schema):
    """Request bodies refuse fields they do not know, so typos fail loudly instead of being ignored."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_null_characters(cls, value: Any) -> Any:
        # Databases refuse NUL in text (PostgreSQL with an error): refuse it here as bad input.
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and "\x00" in text for text in texts):
            raise ValueError("Null characters are not allowed.")
        return value


class Money(Input):
    amount: int = Field(ge=0, le=10**12, description="Integer minor units (pence, cents)")
    currency: Currency


class PaymentIn(Input):
    """How a client pays: from the wallet in the contract's currency, or by card (a gateway token)."""

    method: Literal["wallet", "card"] = "wallet"
    card_token: str = Field("", max_length=200)


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}


class Error(Schema):
    error: ErrorBody


def money(amount: int | None, currency: str) -> dict[str, object] | None:
    return None if amount is None else {"amount": amount, "currency": currency}


def changes_of(payload: Schema, *, nullable: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The fields a PATCH body sets; `null` clears only the fields that may be empty."""
    changes = payload.dict(exclude_unset=True)
    empty = sorted(name for name, value in changes.items() if value is None and name not in nullable)
    if empty:
        raise InvalidInput(fields={name: [_("This field cannot be empty.")] for name in empty})
    return changes
