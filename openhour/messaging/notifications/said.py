"""What a notification says, kept as its source sentence and parameters and put into words when someone reads it,
in their language and time zone: `said(gettext_noop("%(name)s hired you"), name=...)`.

A stored sentence is plain JSON: `[msgid, params]`, or `[[singular, plural], params]` with a `count` parameter.
A parameter is a string or number as written, or a value that reads differently per language: a sentence of its
own (`{"said": ...}`, e.g. a reason's label), a decimal (`{"number": "1.5"}`), an amount
(`{"money": [minor units, currency]}`) or a moment
(`{"date": iso, "format": ...}`, `{"datetime": iso, "format": ..., "zone": ...}`), formatted when read, or
a list of these (`{"list": [...]}`, read "a, b").
Callers mark their sentences with `gettext_noop` (or pass a lazy string): makemessages finds them where they are.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.functional import Promise

Json = Any


@dataclass(frozen=True)
class Money:
    """An amount in minor units, formatted as the reader writes money."""

    amount: int
    currency: str


@dataclass(frozen=True)
class Moment:
    """A date or time, formatted as the reader writes dates; a time in the reader's time zone unless `zone`
    names one the sentence is about (a contract's own zone)."""

    value: date | datetime
    format: str = ""
    zone: str = ""
    named: bool = False  # followed by its zone's name: "6 Dec 2026, 15:00 Europe/Berlin"


@dataclass(frozen=True)
class Said:
    """One sentence to be put into words later. `plural` with a `count` parameter picks the form then."""

    msgid: str
    params: dict[str, Json] = field(default_factory=dict)
    plural: str = ""

    def as_json(self) -> Json:
        return [[self.msgid, self.plural] if self.plural else self.msgid, self.params]

    def __str__(self) -> str:
        return words(self.as_json())


Param = str | int | Decimal | Said | Promise | Money | Moment | date | list[Any]


def source_of(text: str | Promise) -> str:
    """The msgid of a marked string: a lazy one read with no language active is its source sentence."""
    with translation.override(None):
        return str(text)


def said(msgid: str | Promise, /, **params: Param) -> Said:
    return Said(source_of(msgid), {key: _param(value) for key, value in params.items()})


def said_plural(forms: Callable[[int], str | Promise], count: int, /, **params: Param) -> Said:
    """`forms` is `lambda n: ngettext(singular, plural, n)`: makemessages finds both forms in the caller, and
    with no language active it gives back the source of each."""
    with translation.override(None):
        singular, plural = str(forms(1)), str(forms(2))
    return Said(singular, {"count": count, **{key: _param(value) for key, value in params.items()}}, plural)


def _param(value: Param) -> Json:
    if isinstance(value, list):
        return {"list": [_param(item) for item in value]}
    if isinstance(value, Said):
        return {"said": value.as_json()}
    if isinstance(value, Promise):
        return {"said": [source_of(value), {}]}
    if isinstance(value, Money):
        return {"money": [value.amount, value.currency]}
    if isinstance(value, Decimal):
        return {"number": str(value)}
    if isinstance(value, datetime | date):
        value = Moment(value)
    if isinstance(value, Moment):
        kind = "datetime" if isinstance(value.value, datetime) else "date"
        found = {kind: value.value.isoformat(), "format": value.format or f"{kind.upper()}_FORMAT"}
        return found | ({"zone": value.zone} if value.zone else {}) | ({"named": True} if value.named else {})
    return value


# ---- reading --------------------------------------------------------------------------------------------------


def words(stored: Json) -> str:
    """A stored sentence in the active language. A translation whose placeholders do not fit reads as the source
    sentence; a damaged sentence reads as empty rather than breaking a page."""
    try:
        source, params = stored
        values = {key: _value(value) for key, value in (params or {}).items()}
        singular, plural = source if isinstance(source, list) else (source, "")
        count = int(values.get("count", 0))
        if plural:
            text, fallback = translation.ngettext(singular, plural, count), singular if count == 1 else plural
        else:
            text, fallback = translation.gettext(singular), singular
    except (TypeError, ValueError, KeyError):
        return ""
    for candidate in (text, fallback):
        try:
            return candidate % values if values else candidate
        except (TypeError, ValueError, KeyError):
            continue
    return ""


def _value(value: Json) -> Any:
    if not isinstance(value, dict):
        return value
    if "said" in value:
        return words(value["said"])
    if "list" in value:
        return ", ".join(str(_value(item)) for item in value["list"])
    if "number" in value:
        from openhour.lib.money import format_number

        return format_number(Decimal(value["number"]))
    if "money" in value:
        from openhour.lib.money import format_money

        amount, currency = value["money"]
        return format_money(int(amount), currency)
    if "datetime" in value:
        moment = parse_datetime(value["datetime"])
        if moment is None:
            return ""
        zone = ZoneInfo(value["zone"]) if value.get("zone") else timezone.get_current_timezone()
        text = date_format(moment.astimezone(zone), value.get("format") or "DATETIME_FORMAT")
        return f"{text} {zone}" if value.get("named") else text
    if "date" in value:
        day = parse_date(value["date"])
        return date_format(day, value.get("format") or "DATE_FORMAT") if day else ""
    return ""


def lines(*sentences: Said | None) -> list[Json]:
    """Sentences shown one under the other (a notification's details); None leaves a sentence out."""
    return [sentence.as_json() for sentence in sentences if sentence is not None]


def words_of_lines(stored: list[Json]) -> str:
    return "\n".join(text for text in (words(sentence) for sentence in stored) if text)
