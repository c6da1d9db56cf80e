"""The reviews panel of the contract page: for its two parties once the contract is reviewable, the window's
close, what they may do (write or edit), and what the other side has done — never a sealed review's content."""

from typing import Any

from openhour.accounts.models import User
from openhour.contracts.models import Contract
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.selectors import contract_reviews


def panel(*, contract: Contract, user: User) -> dict[str, Any]:
    """`review_state` for the parties of a reviewable contract (two queries), nothing for anyone else."""
    if not contract.reviewable or contract.role_of(user) not in (CLIENT, FREELANCER):
        return {}
    state = contract_reviews(contract=contract, viewer=user)
    if state.round is None:  # ended before reviews existed: nothing to show
        return {}
    counterpart = contract.freelancer if state.role == CLIENT else contract.client
    return {"review_state": state, "review_counterpart": counterpart}
