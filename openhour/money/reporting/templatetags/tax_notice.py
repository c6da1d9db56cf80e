"""`{% tax_details_notice user %}`: asks a freelancer on their dashboard for the tax details the platform must report
once their earnings come near the thresholds; shows nothing otherwise."""

from typing import Any

from django import template

from openhour.money.reporting.selectors import tax_details_needed

register = template.Library()


@register.inclusion_tag("reporting/_tax_notice.html")
def tax_details_notice(user: Any) -> dict[str, Any]:
    return {"needed": bool(user and user.is_authenticated and tax_details_needed(seller=user))}
