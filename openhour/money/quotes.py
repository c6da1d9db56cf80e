"""What a money step will cost or pay, worked out before the click, with the same numbers the escrow
services will use."""

from openhour.contracts.models import Milestone
from openhour.money import fees
from openhour.money.models import Billing


def release_quote(milestone: Milestone) -> fees.FeePreview:
    """What the freelancer would receive if this milestone were released now, after the tiered fee."""
    contract = milestone.contract
    billing = Billing.objects.filter(
        client_id=contract.client_id, freelancer_id=contract.freelancer_id, currency=contract.currency
    ).first()
    return fees.freelancer_fee(
        amount=milestone.amount,
        billed_before=billing.billed if billing else 0,
        currency=contract.currency,
        schedule=fees.schedule_for(contract.fee_schedule_version),
    )
