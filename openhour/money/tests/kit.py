"""Building blocks for money tests: a contract between two people, a wallet topped up by card, and work
run by several threads at once."""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connection

from openhour.contracts.models import Contract
from openhour.contracts.services.contracts import ContractTerms, MilestoneTerms, contract_start
from openhour.money.services import payments

DUE_IN_DAYS = 90


def contract_between(client: Any, freelancer: Any, *amounts: int, currency: str = "GBP") -> Contract:
    """A started contract with one milestone per amount (minor units), all awaiting funding."""
    # Due far off: the deadline reminders contract_start schedules stay beyond the weeks a test's clock moves.
    milestones = [
        MilestoneTerms(title=f"Part {position + 1}", amount=amount, due_in_days=DUE_IN_DAYS)
        for position, amount in enumerate(amounts or (30_000,))
    ]
    terms = ContractTerms(title="Shop redesign", currency=currency)
    return contract_start(client=client, freelancer=freelancer, terms=terms, milestones=milestones)


def top_up(user: Any, amount: int, currency: str = "GBP") -> None:
    """Pay `amount` into the user's wallet with the sandbox's always-good card."""
    payments.deposit_start(payer=user, amount=amount, currency=currency, card_token="tok_visa")


def in_parallel(count: int, work: Callable[[], Any]) -> list[Any]:
    """Run `work` in `count` threads released together, each on its own database connection; each slot holds
    the result or the exception raised."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def worker(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[index] = work()
        except Exception as error:  # collected and asserted on by the test
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results
