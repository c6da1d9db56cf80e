"""Demo reviews: past work between demo clients and freelancers, played through the same services as the pages
(offer, fund, deliver, release, end, review) and then dated back, so profiles show reputations built over a
year, insights have a trend, and Ollie has one finished contract whose review is his to write.

A piece of past work already present (known by its client and title) is left alone, so a second run does nothing."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from openhour.accounts.models import User
from openhour.contracts.models import Contract, ContractEvent, MilestoneEvent
from openhour.contracts.services import contracts as services
from openhour.contracts.services import delivery, offers
from openhour.demo.people.people import EMAIL_DOMAIN
from openhour.lib.errors import DomainError
from openhour.lib.process import CLIENT, FREELANCER
from openhour.messaging.models import Notification
from openhour.reviews import labels
from openhour.reviews.criteria import CRITERIA
from openhour.reviews.models import Review, ReviewEvent, ReviewRound
from openhour.reviews.scoring import reputation_refresh
from openhour.reviews.services.checks import review_checks_finish
from openhour.reviews.services.reviews import review_submit


@dataclass(frozen=True)
class Said:
    overall: int
    went_well: str
    could_improve: str = ""
    again: bool = True


@dataclass(frozen=True)
class PastWork:
    client: str
    freelancer: str
    title: str
    amount: int  # minor units of the client's currency
    days_ago: int
    by_client: Said | None
    by_freelancer: Said | None


UPDATES = "More frequent updates during the week would have helped."
PAST_WORK = [
    PastWork(
        "ollie-grant",
        "priya-nair",
        "Order export script",
        60_000,
        300,
        Said(5, "Priya understood our stock system at once and the export has run every night since."),
        Said(5, "A clear brief, quick answers and payment the day I delivered."),
    ),
    PastWork(
        "katrin-vogel",
        "lukas-brandt",
        "Fleet dashboard redesign",
        80_000,
        240,
        Said(3, "The new layout is much easier for our dispatchers.", UPDATES + " The timeline slipped twice."),
        Said(4, "Good feedback from the whole team.", "The scope grew after the first review."),
    ),
    PastWork(
        "maya-thompson",
        "priya-nair",
        "Booking form fixes",
        35_000,
        180,
        Said(4, "Every bug on the list was fixed, with tests.", UPDATES),
        Said(5, "Maya knew exactly what she wanted."),
    ),
    PastWork(
        "jordan-ellis",
        "mateo-ruiz",
        "Accessible sign-up flow",
        50_000,
        150,
        Said(5, "Screen-reader users can finally sign up; Mateo explained every change."),
        Said(5, "Thoughtful feedback and fast approvals."),
    ),
    PastWork(
        "ollie-grant",
        "sofia-marin",
        "Summer blend illustration",
        45_000,
        120,
        Said(5, "A beautiful illustration, printed without a single correction from the printer."),
        Said(5, "Lovely to work with, and paid promptly."),
    ),
    PastWork(
        "katrin-vogel",
        "tom-hughes",
        "Case study copy",
        40_000,
        90,
        Said(3, "The final copy reads well.", "More frequent updates, and a clearer timeline at the start."),
        Said(3, "Interesting subject.", "Feedback came in late and from several people at once."),
    ),
    PastWork(
        "jordan-ellis",
        "priya-nair",
        "Scheduler API integration",
        35_000,
        60,
        Said(5, "Solid integration, well documented, delivered early."),
        Said(4, "Clear requirements.", "Access to the staging system took a week."),
    ),
    PastWork(
        "maya-thompson",
        "amara-okafor",
        "Shop logo refresh",
        30_000,
        30,
        Said(4, "Fresh and still recognisably ours.", "A clearer timeline at the start."),
        Said(5, "Decisive and kind."),
    ),
    # Finished now: Tom has reviewed (sealed until Ollie does); Ollie's review is his to write in the demo.
    PastWork(
        "ollie-grant",
        "tom-hughes",
        "Product descriptions",
        25_000,
        0,
        None,
        Said(5, "Ollie's notes on each coffee made the writing easy."),
    ),
]


def seed_reviews() -> int:
    """Play the past work not yet there; returns how many pieces were added."""
    people = {u.username: u for u in User.objects.filter(email__iendswith="@" + EMAIL_DOMAIN)}
    added = 0
    for work in PAST_WORK:
        client, freelancer = people.get(work.client), people.get(work.freelancer)
        if client is None or freelancer is None or Contract.objects.filter(client=client, title=work.title).exists():
            continue
        try:
            with transaction.atomic():
                _play(work, client, freelancer)
        except DomainError:
            continue  # e.g. the client's wallet no longer holds enough
        added += 1
    return added


def finished_work(*, client: User, freelancer: User, title: str, amount: int, currency: str) -> Contract:
    """One fixed-price milestone offered, accepted, funded from the wallet, delivered, released and ended."""
    contract = offers.offer_create(
        client=client,
        to=freelancer.username,
        title=title,
        message="As we discussed on the phone.",
        currency=currency,
        milestones=[{"title": title, "amount": amount, "due_in_days": 14}],
    )
    offers.offer_accept(contract_id=contract.pk, by=freelancer)
    milestone = contract.milestones.get()
    services.milestone_fund(milestone_id=milestone.pk, by=client, method="wallet")
    delivery.milestone_submit(milestone_id=milestone.pk, by=freelancer, message="Delivered, as agreed.")
    services.milestone_release(milestone_id=milestone.pk, by=client)
    return services.contract_end(contract_id=contract.pk, by=client)


def review_body(role: str, overall: int, went_well: str, could_improve: str = "", again: bool = True) -> dict[str, Any]:
    """A review's input with every criterion near the overall rating (some a star lower, below five)."""
    ratings = {name: max(1, overall - (i % 2 if overall < 5 else 0)) for i, (name, _l) in enumerate(CRITERIA[role])}
    return {
        "overall": overall,
        "ratings": ratings,
        "would_work_again": again,
        "went_well": went_well,
        "could_improve": could_improve,
        "private_note": "",
    }


def _play(work: PastWork, client: User, freelancer: User) -> None:
    contract = finished_work(
        client=client, freelancer=freelancer, title=work.title, amount=work.amount, currency=client.currency
    )
    for author, role, said in ((client, CLIENT, work.by_client), (freelancer, FREELANCER, work.by_freelancer)):
        if said is not None:
            data = review_body(role, said.overall, said.went_well, said.could_improve, said.again)
            review = review_submit(contract_id=contract.pk, by=author, data=data)
            review_checks_finish(review_id=review.pk)  # past work was checked when written, before it is dated back
    if work.days_ago:
        _date_back(contract, timedelta(days=work.days_ago))
    for role in (CLIENT, FREELANCER):
        reputation_refresh(user=client if role == CLIENT else freelancer, role=role)


def _date_back(contract: Contract, shift: timedelta) -> None:
    """Move a finished piece of work into the past, as if it had happened then."""
    now = timezone.now()
    Contract.objects.filter(pk=contract.pk).update(
        created_at=now - shift - timedelta(days=20), started_at=now - shift - timedelta(days=20), ended_at=now - shift
    )
    for model, field in (
        (ContractEvent, "contract"),
        (MilestoneEvent, "milestone__contract"),
        (ReviewEvent, "review__contract"),
    ):
        for event in model.objects.filter(**{field: contract}):
            model.objects.filter(pk=event.pk).update(created_at=event.created_at - shift)
    contract.refresh_from_db()
    for review in Review.objects.filter(contract=contract):
        Review.objects.filter(pk=review.pk).update(
            submitted_at=review.submitted_at - shift,
            published_at=review.published_at and review.published_at - shift,
            duration_code=labels.duration_code(contract),
        )
    for round_ in ReviewRound.objects.filter(contract=contract):
        ReviewRound.objects.filter(pk=round_.pk).update(
            opened_at=round_.opened_at - shift,
            closes_at=round_.closes_at - shift,
            closed_at=round_.closed_at and round_.closed_at - shift,
        )
    # What people were told about long-finished work was read long ago.
    Notification.objects.filter(url__startswith=f"/contracts/{contract.pk}").update(read_at=now)
