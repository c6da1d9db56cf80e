"""Demo contract work: the contracts the demo hires started, played forward through the same services as the
pages, so contract pages and dashboards have something to show — a released milestone, changes asked for, a
delivery waiting for review, and a contract waiting for its first funding.

A contract with any milestone activity is left alone, so a second run does nothing and keeps what people did
while trying the demo."""

from collections.abc import Callable

from django.db import transaction

from openhour.accounts.demo.people import EMAIL_DOMAIN
from openhour.contracts import delivery, services
from openhour.contracts.models import Contract, MilestoneEvent
from openhour.lib.errors import DomainError


def _released(contract: Contract) -> None:
    first = _deliver(contract, "The first part is done: everything is in the attached notes and on the staging site.")
    services.milestone_release(milestone_id=first, by=contract.client, note="Thank you, this is exactly it.")


def _changes_asked(contract: Contract) -> None:
    first = _deliver(contract, "Here is the first draft for your review.")
    delivery.milestone_request_changes(
        milestone_id=first, by=contract.client, message="Close, but please shorten the introduction."
    )


def _delivered(contract: Contract) -> None:
    _deliver(contract, "Delivered: please review it and let me know what you think.")


def _deliver(contract: Contract, message: str) -> int:
    first = contract.milestones.order_by("position", "pk").first()
    assert first is not None
    services.milestone_fund(milestone_id=first.pk, by=contract.client, method="wallet")
    delivery.milestone_submit(milestone_id=first.pk, by=contract.freelancer, message=message)
    return first.pk


# What happens on each demo hire, in the order the hires were made; any further ones wait for funding.
SCRIPTS: list[Callable[[Contract], None]] = [_released, _changes_asked, _delivered]


def seed_contracts() -> int:
    """Play the scripts on demo contracts nobody has worked on yet; returns how many were played."""
    hires = Contract.objects.filter(
        client__email__iendswith="@" + EMAIL_DOMAIN, proposal__isnull=False, status=Contract.Status.ACTIVE
    ).select_related("client", "freelancer")
    touched = set(
        MilestoneEvent.objects.filter(milestone__contract__in=hires).values_list("milestone__contract", flat=True)
    )
    played = 0
    for contract, script in zip(hires.order_by("pk"), SCRIPTS, strict=False):
        if contract.pk in touched:
            continue
        try:
            with transaction.atomic():
                script(contract)
        except DomainError:
            continue  # e.g. the client's wallet is in another currency: the contract waits for funding instead
        played += 1
    return played
