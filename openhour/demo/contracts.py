"""Demo contract work: the contracts the demo hires started, played forward through the same services as
the pages, so contract pages and dashboards have something to show — a released milestone and a disputed
one, changes asked for, a delivery waiting for review, a contract waiting for its first funding, a direct
offer waiting for an answer and an hourly contract with this week's time sheet.

A contract with any milestone activity is left alone, so a second run does nothing and keeps what people did
while trying the demo."""

from collections.abc import Callable
from typing import Any

from django.db import transaction

from openhour.accounts.models import User
from openhour.contracts.disputes.services import dispute_open
from openhour.contracts.hourly import lines
from openhour.contracts.hourly.clock import local_today
from openhour.contracts.models import Contract, MilestoneEvent
from openhour.contracts.services import contracts as services
from openhour.contracts.services import delivery, offers
from openhour.demo.people.people import EMAIL_DOMAIN
from openhour.lib.errors import DomainError


def _released_then_disputed(contract: Contract) -> None:
    first = _deliver(contract, "The first part is done: everything is in the attached notes and on the staging site.")
    services.milestone_release(milestone_id=first, by=contract.client, note="Thank you, this is exactly it.")
    second = contract.milestones.exclude(pk=first).order_by("position", "pk").first()
    if second is None:
        return
    services.milestone_fund(milestone_id=second.pk, by=contract.client, method="wallet")
    delivery.milestone_submit(milestone_id=second.pk, by=contract.freelancer, message="The second part, as agreed.")
    dispute_open(
        milestone_id=second.pk,
        by=contract.client,
        reason="Half of what the second milestone lists is missing, and the freelancer has stopped answering.",
    )


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
SCRIPTS: list[Callable[[Contract], None]] = [_released_then_disputed, _changes_asked, _delivered]


def seed_contracts() -> int:
    """Play the scripts on demo hires nobody has worked on yet, and add the offers; returns how many were played."""
    return _play_hires() + _offer(PACKAGING, accept=False) + _offer(SUPPORT, accept=True)


# A fixed-price offer Amara has yet to answer, and hourly support Priya accepted and logs time on.
PACKAGING = {
    "client": "ollie-grant",
    "to": "amara-okafor",
    "title": "Winter blend packaging",
    "currency": "GBP",
    "message": "We loved your coffee work: could you design the bag and label for our winter blend?",
    "milestones": [
        {
            "title": "Two label concepts",
            "amount": 45_000,
            "due_in_days": 10,
            "criteria": "Two distinct concepts as PDFs, each shown on the 250 g and 1 kg bags.",
        },
        {
            "title": "Print-ready files",
            "amount": 30_000,
            "due_in_days": 21,
            "criteria": "CMYK print files with bleed for both bag sizes, checked against the printer's template.",
        },
    ],
}
SUPPORT = {
    "client": "ollie-grant",
    "to": "priya-nair",
    "title": "Shop maintenance, hourly",
    "currency": "GBP",
    "message": "A few hours a week to keep our Django shop healthy: updates, small fixes, the odd report.",
    "kind": Contract.Kind.HOURLY,
    "hourly_rate": 6_500,
    "weekly_limit": 10,
    "time_zone": "Europe/London",
}


def _offer(terms: dict[str, Any], *, accept: bool) -> int:
    """Make the offer once (known by its client, freelancer and title); accepted ones get a first time-sheet line."""
    client = User.objects.filter(username=terms["client"], email__iendswith="@" + EMAIL_DOMAIN).first()
    if client is None or Contract.objects.filter(client=client, title=terms["title"]).exists():
        return 0
    try:
        with transaction.atomic():
            contract = offers.offer_create(client=client, **{k: v for k, v in terms.items() if k != "client"})
            if accept:
                offers.offer_accept(contract_id=contract.pk, by=contract.freelancer)
                lines.line_add(
                    contract_id=contract.pk,
                    by=contract.freelancer,
                    worked_on=local_today(contract),
                    hours="1.5",
                    memo="Updated Django and the payment library; ran the test suite.",
                )
    except DomainError:
        return 0  # e.g. the freelancer's username now belongs to someone outside the demo
    return 1


def _play_hires() -> int:
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
