import functools
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, ClassVar, Generic, Literal, TypeVar

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import (
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    TypeAdapter,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
)
from pydantic_core import PydanticCustomError

from openhour.lib.errors import InvalidInput
from openhour.lib.money import MINOR_UNITS, Currency, is_whole
from openhour.lib.text_hygiene import (
    BLANK_MESSAGE,
    CONTROL_MESSAGE,
    NAME_FIELDS,
    SECRET_FIELDS,
    clean_name,
    has_control_characters,
    has_visible_character,
)


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
        if isinstance(value, str) and _required_text(cls, name) and not has_visible_character(value):
            raise PydanticCustomError("blank", BLANK_MESSAGE)
        if name not in NAME_FIELDS or not isinstance(value, str):
            return value
        cleaned = clean_name(value)
        if value and not cleaned:
            raise PydanticCustomError("blank", "This field cannot be made only of invisible characters.")
        return cleaned


@functools.cache  # per model and field: read once, not on every request
def _required_text(model: type[Schema], name: str) -> bool:
    """A text with a least length must say something: spaces and invisible characters alone are refused (the
    schema states it as a pattern, `openapi.VISIBLE_TEXT`)."""
    field = model.model_fields.get(name)
    return (
        name not in SECRET_FIELDS
        and field is not None
        and any(getattr(rule, "min_length", 0) for rule in field.metadata)
    )


def _texts_match(value: Any, test: Callable[[str], bool]) -> bool:
    if isinstance(value, str):
        return test(value)
    if isinstance(value, list | tuple | set):
        return any(_texts_match(item, test) for item in value)
    if isinstance(value, dict):
        return any(_texts_match(item, test) for item in [*value.keys(), *value.values()])
    return False


def _names(what: str, description: str, *, max_length: int, min_length: int | None = None) -> Any:
    """A string naming something the market holds. Its `format` tells a client which list it comes from, since
    a schema cannot list the market's data: an unknown one is a 400 naming the field."""
    return Field(
        description=description, json_schema_extra={"format": what}, min_length=min_length, max_length=max_length
    )


CategorySlug = Annotated[str, _names("category", "A category's slug, from GET /categories", max_length=80)]
SkillSlug = Annotated[str, _names("skill", "A skill's slug, from GET /skills", max_length=80)]
Username = Annotated[str, _names("username", "A person's username", min_length=1, max_length=150)]
CardToken = Annotated[
    str, _names("card-token", "A card token from the payment gateway (sandbox: tok_visa)", max_length=200)
]
Cursor = Annotated[str, _names("cursor", "The `next_cursor` of the page before", max_length=500)]


# The services refuse any budget, price, deposit or withdrawal above AMOUNT_CEILING major units (pounds,
# euros); the schema states the same cap, so a client can read it instead of finding it by a 400.
AMOUNT_MAX = settings.AMOUNT_CEILING * max(MINOR_UNITS.values())


def _whole(value: Any) -> Any:
    # JSON Schema counts 100.0 as an integer, so it is read as 100; text, true/false and 100.5 stay refused.
    return int(value) if isinstance(value, float) and value.is_integer() else value


WholeNumber = Annotated[StrictInt, BeforeValidator(_whole)]


def amount_of_at_least(least: int) -> Any:
    """A money object's amount. Zero passes here so that each service refuses too little in its own words ("a
    rate of at least 1.00", `below_minimum`); the schema states the least that service accepts."""
    return Field(
        ge=0,
        le=AMOUNT_MAX,
        description="Integer minor units (pence, cents): a JSON number, never text or true/false",
        json_schema_extra={"minimum": least},
    )


class Money(Input):
    amount: WholeNumber = amount_of_at_least(1)  # no service takes nothing
    currency: Currency


# A few inputs took a bare integer before money objects were the rule: still accepted, never text or true/false.
# Its range is stated, not checked, here: the services check it as they always have, naming the row at fault.
MinorUnits = Annotated[
    WholeNumber,
    Field(
        description="Deprecated: integer minor units, in the currency the field names",
        json_schema_extra={"deprecated": True, "minimum": 1, "maximum": AMOUNT_MAX},
    ),
]

MONEY_SHAPE = 'Send money as {"amount": <integer minor units>, "currency": "<ISO 4217 code>"}.'
_MONEY = TypeAdapter(Money)
_MINOR_UNITS = TypeAdapter(MinorUnits)


def _money_or_minor_units(value: Any, _union: ValidatorFunctionWrapHandler) -> Money | int:
    # Choose the side by the JSON type, so an error names `amount.currency` rather than a branch of the union.
    if isinstance(value, dict | Money):
        return _MONEY.validate_python(value)
    if is_whole(value) or isinstance(value, float):
        return _MINOR_UNITS.validate_python(value)
    raise PydanticCustomError("money_type", MONEY_SHAPE)


MoneyOrMinorUnits = Annotated[Money | MinorUnits, WrapValidator(_money_or_minor_units)]


def money_description(whose: str) -> str:
    """The description of a money field that also takes the deprecated bare integer; `whose` names the
    thing whose currency it is in ("the project's")."""
    return (
        f"Money in {whose} currency. A bare integer of minor units is deprecated: still accepted, "
        "taken to be in that currency."
    )


def money_objects_in(amounts: Mapping[str, Money | int | None]) -> bool:
    return any(isinstance(value, Money) for value in amounts.values())


def minor_units_in(currency: str, amounts: Mapping[str, Money | int | None], problem: str) -> dict[str, int | None]:
    """The amounts, keyed by field path, as integer minor units of `currency`. A money object in another
    currency is a 400 naming every `<path>.currency` at fault, with `problem` as the message; a bare
    integer (deprecated) is taken to be in `currency` already."""
    wrong = [path for path, value in amounts.items() if isinstance(value, Money) and value.currency != currency]
    if wrong:
        raise InvalidInput(problem, fields={f"{path}.currency": [problem] for path in wrong})
    return {path: value.amount if isinstance(value, Money) else value for path, value in amounts.items()}


def _digits_only(value: Any) -> Any:
    # A query string is text: read plain digits, not the "1_000" or " 100 " that a lax int() would take. "100.0"
    # is read as 100, since JSON Schema counts it as an integer and a client may write an integer so.
    if is_whole(value):
        return value
    if isinstance(value, float) and value.is_integer():  # a saved search's filters arrive as JSON
        return int(value)
    if isinstance(value, str) and WHOLE_DIGITS.fullmatch(value):
        return int(value.partition(".")[0])
    raise PydanticCustomError("int_type", "Give a whole number of minor units, in digits only.")


WHOLE_DIGITS = re.compile(r"[0-9]+(\.0*)?", re.ASCII)
QueryMinorUnits = Annotated[int, BeforeValidator(_digits_only)]


class PaymentIn(Input):
    """How a client pays: from the wallet in the contract's currency, or by card (a gateway token)."""

    method: Literal["wallet", "card"] = "wallet"
    card_token: CardToken = ""


class ErrorBody(Schema):
    code: str = Field(description="Stable snake_case; docs/api.md lists them all")
    message: str = Field(description="A sentence for people; may be translated")
    fields: dict[str, list[str]] = Field({}, description="For a 400: the input at fault, dotted for nested input")


class Error(Schema):
    """Every error the API answers with, whatever its status."""

    error: ErrorBody


class PersonOut(Schema):
    """A person named inside another answer (a project's client, a contract's party, a conversation's other side)."""

    username: str
    name: str


class FileOut(Schema):
    """A private file attached to something (a message, a delivery, dispute evidence)."""

    id: str
    name: str
    size: int = Field(description="Bytes")
    url: str = Field(description="Downloads the file; only for the people who may see what it is attached to")


class TransitionOut(Schema):
    """One step of a process (a project's, a contract's, a change order's, a dispute's): who moved it from which
    status to which. Operations answering with it set by_alias, so `from` keeps its name."""

    action: str
    actor: str = Field(description="The role that acted (client, freelancer, operator...), or system for a timer")
    from_: str = Field(alias="from", description="The status before")
    to: str = Field(description="The status after")
    at: datetime
    note: str


class MoneyOut(Schema):
    amount: int = Field(description="Integer minor units (pence, cents)")
    currency: str = Field(description="ISO 4217: GBP, EUR or USD")


Item = TypeVar("Item")


class Page(Schema, Generic[Item]):
    """One page of a list: `next_cursor` asks for the next, null on the last."""

    items: list[Item]
    next_cursor: str | None


def money(amount: int | None, currency: str) -> dict[str, object] | None:
    return None if amount is None else {"amount": amount, "currency": currency}


def _only_clearable_take_null(schema: dict[str, Any], model: type[Any]) -> None:
    for name, field in schema.get("properties", {}).items():
        if name in model.clearable:
            continue
        field.pop("default", None)
        members = [member for member in field.pop("anyOf", []) if member != {"type": "null"}]
        if len(members) == 1:
            field.update(members[0] | field)  # what the field states outright wins over its member's own
        elif members:
            field["anyOf"] = members


class Patch(Input):
    """A PATCH body: a field left out stays as it is, and `null` clears only the fields named in `clearable`
    (the schema says so: only those are nullable)."""

    clearable: ClassVar[frozenset[str]] = frozenset()
    model_config = ConfigDict(extra="forbid", json_schema_extra=_only_clearable_take_null)


def changes_of(payload: Patch) -> dict[str, Any]:
    """The fields a PATCH body sets."""
    changes = payload.dict(exclude_unset=True)
    empty = sorted(name for name, value in changes.items() if value is None and name not in payload.clearable)
    if empty:
        raise InvalidInput(fields={name: [_("This field cannot be empty.")] for name in empty})
    return changes
