"""Template helpers available in every template (registered as builtins in settings)."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from openhour.lib.money import format_money, format_number

register = template.Library()


@register.simple_tag
def money(amount: int | None, currency: str) -> str:
    return "" if amount is None else format_money(amount, currency)


@register.filter
def number(value: int | float | Decimal | str | None, places: int | str | None = None) -> str:
    """A count or a decimal as the reader's language writes it: `{{ n|number }}` is 1,234 / 1 234 / 1.234;
    `{{ rating|number:1 }}` is 4.8 / 4,8. Nothing to show stays empty, as |floatformat leaves it."""
    if value is None or value == "":
        return ""
    try:
        parsed = value if isinstance(value, int | float | Decimal) else Decimal(str(value))
        return format_number(parsed, None if places in (None, "") else int(places))
    except (InvalidOperation, ValueError, TypeError):
        return str(value)


@register.filter(expects_localtime=True)
def day_and_time(value: datetime | None) -> str:
    """A moment this year, in the reader's language and time zone: "6 Dec, 14:30" / "6 déc., 14:30"."""
    if value is None or value == "":
        return ""
    # Translators: a day of the month and a time of day, such as "6 Dec, 14:30".
    return _("%(day)s, %(time)s") % {"day": date_format(value, "MONTH_DAY_FORMAT"), "time": time_format(value)}


@register.filter
def weekday_and_day(value: date | None) -> str:
    """A day of a week being worked, in the reader's language: "Sun 6 Dec" / "dim 6 déc." / "So 6. Dez."."""
    if value is None or value == "":
        return ""
    # Translators: a short weekday name and a day of the month, such as "Sun 6 Dec".
    return _("%(weekday)s %(day)s") % {
        "weekday": date_format(value, "D"),
        "day": date_format(value, "MONTH_DAY_FORMAT"),
    }
