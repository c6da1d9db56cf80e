"""Building blocks for money tests: a contract between two people, and a wallet topped up by card."""

from typing import Any

from openhour.contracts.models import Contract, Milestone
from openhour.money import payments
from openhour.money.fees import current_schedule


def contract_between(client: Any, freelancer: Any, *amounts: int, currency: str = "GBP") -> Contract:
    """A started contract with one milestone per amount (minor units), all awaiting funding."""
    contract = Contract.objects.create(
        client=client, freelancer=freelancer, title="Shop redesign", currency=currency,
        fee_schedule_version=current_schedule().version,
    )  # fmt: skip
    for position, amount in enumerate(amounts or (30_000,)):
        Milestone.objects.create(
            contract=contract, title=f"Part {position + 1}", amount=amount, due_in_days=7, position=position
        )
    contract.events.create(actor="client", by=client, action="start", from_status="", to_status=contract.status)
    return contract


def top_up(user: Any, amount: int, currency: str = "GBP") -> None:
    """Pay `amount` into the user's wallet with the sandbox's always-good card."""
    payments.deposit_start(payer=user, amount=amount, currency=currency, card_token="tok_visa")
