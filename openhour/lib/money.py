"""Money is integer minor units plus an ISO-4217 code; this module names it and writes it for people in the
active language, through Babel: `£1,234.50` in English, `1 234,50 €` in French, `1.234,50 €` in German."""

import copy
import re
from decimal import Decimal
from functools import lru_cache
from typing import TypeGuard

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, NumberPattern, format_decimal, parse_decimal
from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    GBP = "GBP", _("Pound sterling (GBP)")
    EUR = "EUR", _("Euro (EUR)")
    USD = "USD", _("US dollar (USD)")


def is_whole(value: object) -> TypeGuard[int]:
    """A whole number of minor units: an int, and not a bool (which Python counts as one)."""
    return isinstance(value, int) and not isinstance(value, bool)


MINOR_UNITS = {"GBP": 100, "EUR": 100, "USD": 100}
SPACES = re.compile("[ \u00a0\u202f]")


@lru_cache(maxsize=32)
def babel_locale(language: str) -> Locale:
    """Babel's locale for a Django language code ("pt-br" -> pt_BR); an unknown one reads as the site language."""
    try:
        return Locale.parse(translation.to_locale(language))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(translation.to_locale(settings.LANGUAGE_CODE))


def active_locale() -> Locale:
    return babel_locale(translation.get_language() or settings.LANGUAGE_CODE)


@lru_cache(maxsize=32)
def _whole_pattern(locale: Locale) -> NumberPattern:
    """The locale's currency pattern without its minor units, so `45.00` reads `£45` / `45 €`."""
    pattern = copy.copy(locale.currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return pattern


def format_money(amount: int, currency: str) -> str:
    """`4550, "GBP"` -> `£45.50`; whole amounts drop the pence: `£45` (`45 €` in French)."""
    unit = MINOR_UNITS[currency]
    locale, value = active_locale(), Decimal(amount) / unit
    if amount % unit:
        return locale.currency_formats["standard"].apply(value, locale, currency=currency)
    return _whole_pattern(locale).apply(value, locale, currency=currency, currency_digits=False)


def format_number(value: int | float | Decimal, places: int | None = None) -> str:
    """A count or a decimal for people in the active language: `1,234` / `1 234` / `1.234`; `4.8` / `4,8`.
    `places` fixes the digits after the separator (a rating keeps one: `4.0`)."""
    if places is None:
        return format_decimal(value, locale=active_locale())
    quantum = Decimal(1).scaleb(-places)
    text = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(Decimal(str(value)).quantize(quantum), format=text, locale=active_locale())


def parse_amount(text: str) -> Decimal:
    """An amount typed in the active language ("1 234,50" in French, "1.234,50" in German) or with a dot as
    the decimal separator ("1234.50"), as everyone may type it; ValueError when it is not a number."""
    locale = active_locale()
    group = locale.number_symbols["latn"]["group"]
    # People type a plain space where French writes a narrow no-break one.
    spaced = SPACES.sub(group if SPACES.fullmatch(group) else "", text.strip())
    try:
        return parse_decimal(spaced, locale=locale, strict=True)
    except NumberFormatError:
        pass
    try:  # the plain machine form: digits, an optional sign and a dot
        return Decimal(SPACES.sub("", text))
    except ArithmeticError as error:
        raise ValueError(text) from error
