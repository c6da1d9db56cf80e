"""Contracts in each state the dashboard shows, built through the real contracts."""

from collections.abc import Sequence
from typing import Any

from openhour.contracts.models import Contract, Milestone
from openhour.contracts.services import contracts, delivery
from openhour.money.tests.kit import contract_between, top_up


def started(
    client: Any,
    freelancer: Any,
    *amounts: int,
    title: str = "Shop redesign",
    currency: str = "GBP",
    names: Sequence[str] = (),
) -> Contract:
    """An active contract whose work has begun, so each milestone has its due date; `names` renames the
    milestones (Part 1, Part 2, ... otherwise)."""
    contract = contract_between(client, freelancer, *amounts, currency=currency)
    if title != contract.title:
        contract.title = title
        contract.save(update_fields=["title"])
    for milestone, name in zip(contract.milestones.all(), names, strict=False):
        milestone.title = name
        milestone.save(update_fields=["title"])
    contracts.contract_begin(contract=contract)
    return contract


def fund(milestone: Milestone, client: Any) -> None:
    """Top the client's wallet up by exactly what funding costs, then fund from it."""
    from openhour.money.services.escrow import funding_quote

    top_up(client, funding_quote(milestone).total, milestone.contract.currency)
    contracts.milestone_fund(milestone_id=milestone.pk, by=client, method="wallet")


def deliver(milestone: Milestone, freelancer: Any) -> None:
    delivery.milestone_submit(milestone_id=milestone.pk, by=freelancer, message="Here it is.")


def ask_for_changes(milestone: Milestone, client: Any) -> None:
    delivery.milestone_request_changes(milestone_id=milestone.pk, by=client, message="Bigger logo, please.")
