"""Money is integer minor units plus an ISO-4217 code; this module names and formats it."""

from typing import TypeGuard

from django.db import models
from django.utils.translation import gettext_lazy as _


class Currency(models.TextChoices):
    GBP = "GBP", _("Pound sterling (GBP)")
    EUR = "EUR", _("Euro (EUR)")
    USD = "USD", _("US dollar (USD)")


SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


def is_whole(value: object) -> TypeGuard[int]:
    """A whole number of minor units: an int, and not a bool (which Python counts as one)."""
    return isinstance(value, int) and not isinstance(value, bool)


MINOR_UNITS = {"GBP": 100, "EUR": 100, "USD": 100}


def format_money(amount: int, currency: str) -> str:
    """`4550, "GBP"` -> `£45.50`; whole amounts drop the pence: `£45`."""
    units, minor = divmod(abs(amount), MINOR_UNITS[currency])
    sign = "-" if amount < 0 else ""
    text = f"{units:,}" if minor == 0 else f"{units:,}.{minor:02d}"
    return f"{sign}{SYMBOLS[currency]}{text}"
