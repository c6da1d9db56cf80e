"""Template helpers available in every template (registered as builtins in settings)."""

from django import template

from openhour.lib.money import format_money

register = template.Library()


@register.simple_tag
def money(amount: int | None, currency: str) -> str:
    return "" if amount is None else format_money(amount, currency)
