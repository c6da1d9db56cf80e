from collections.abc import Callable
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from openhour.lib.errors import InvalidInput
from openhour.lib.money import Currency
from openhour.lib.text_hygiene import CONTROL_MESSAGE, NAME_FIELDS, SECRET_FIELDS, clean_name, has_control_characters


class Input(Schema):
    """Request bodies refuse fields they do not know, so typos fail loudly instead of being ignored."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _clean_text(cls, value: Any, info: ValidationInfo) -> Any:
        # One rule for every text field, nested lists and maps included (openhour/lib/text_hygiene.py).
        name = info.field_name or ""
        if _texts_match(value, lambda text: "\x00" in text if name in SECRET_FIELDS else has_control_characters(text)):
            raise PydanticCustomError("control_characters", CONTROL_MESSAGE)
        if name not in NAME_FIELDS or not isinstance(value, str):
            return value
        cleaned = clean_name(value)
        if value and not cleaned:
            raise PydanticCustomError("blank", "This field cannot be made only of invisible characters.")
        return cleaned


def _texts_match(value: Any, test: Callable[[str], bool]) -> bool:
    if isinstance(value, str):
        return test(value)
    if isinstance(value, list | tuple | set):
        return any(_texts_match(item, test) for item in value)
    if isinstance(value, dict):
        return any(_texts_match(item, test) for item in [*value.keys(), *value.values()])
    return False


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
