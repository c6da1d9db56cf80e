"""`{% identity_payout_notice user %}`: on the withdrawal form, a note with a link when identity comes first."""

from typing import Any

from django import template
from django.conf import settings

from openhour.accounts.identity.requirements import FIRST_PAYOUT, is_verified

register = template.Library()


@register.inclusion_tag("identity/_payout_notice.html")
def identity_payout_notice(user: Any) -> dict[str, bool]:
    """Shown before a first withdrawal is refused; a yearly limit is only known once the amount is (then the
    form's error says so, with the same link)."""
    needed = FIRST_PAYOUT in settings.IDENTITY_REQUIRED_FOR and user.is_authenticated
    return {"required": bool(needed and not is_verified(user))}
