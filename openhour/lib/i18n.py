"""The language and time zone a person reads in. Pages follow the one asking; e-mails, notifications and
invoices follow the person they are for, so `read_by(person)` renders as that person would read it."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings
from django.utils import timezone, translation


def supported_language(code: str | None) -> str | None:
    """The site language that serves `code` ("fr-CA" is served by "fr"), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def language_of(person: Any) -> str:
    return supported_language(getattr(person, "language", "")) or settings.LANGUAGE_CODE


def is_time_zone(name: str) -> bool:
    return name in available_timezones()


def zone_of(person: Any) -> ZoneInfo:
    name = getattr(person, "time_zone", "") or settings.TIME_ZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(settings.TIME_ZONE)


@contextmanager
def read_by(person: Any) -> Iterator[None]:
    """Render in `person`'s language and time zone (an e-mail to them, their notification, their invoice)."""
    with translation.override(language_of(person)), timezone.override(zone_of(person)):
        yield
