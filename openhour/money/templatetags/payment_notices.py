"""`{% unfinished_payments contract %}`: tells the payer, on the page of what they pay for, why a card payment
has not funded it yet (waiting for their bank's confirmation, or refused and why)."""

from typing import Any

from django import template

from openhour.money import selectors

register = template.Library()


@register.inclusion_tag("money/_unfinished_payments.html", takes_context=True)
def unfinished_payments(context: template.Context, contract: Any) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if contract is None or user is None or not user.is_authenticated or contract.client_id != user.pk:
        return {"payments": []}
    return {"payments": selectors.unfinished_card_payments(payer=user, contract_id=contract.pk)}
