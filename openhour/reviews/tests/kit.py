"""Building blocks for review tests: a contract that ended with money released, and review bodies."""

from typing import Any

from openhour.contracts.models import Contract
from openhour.contracts.services.contracts import contract_end
from openhour.lib.process import CLIENT
from openhour.money.services import escrow
from openhour.money.tests.kit import contract_between, top_up
from openhour.reviews.criteria import CRITERIA


def finished(client: Any, freelancer: Any, amount: int = 30_000, *, released: bool = True) -> Contract:
    """A contract whose one milestone was funded and released (or refunded), then ended by the client."""
    contract = contract_between(client, freelancer, amount)
    milestone = contract.milestones.get()
    top_up(client, amount * 2)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=client)
    if released:
        escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=client)
    else:
        escrow.escrow_refund(milestone_id=milestone.pk, actor="freelancer", by=freelancer)
    return contract_end(contract_id=contract.pk, by=client)


def body(role: str = CLIENT, overall: int = 5, **changes: Any) -> dict[str, Any]:
    """A complete review by someone in `role`: every criterion rated `overall`."""
    data = {
        "overall": overall,
        "ratings": {name: overall for name, _label in CRITERIA[role]},
        "would_work_again": True,
        "went_well": "Clear, quick and friendly.",
        "could_improve": "",
        "private_note": "",
    }
    return data | changes
