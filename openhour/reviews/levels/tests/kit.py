"""A freelancer's record written straight into the tables the level rules read: for counting tests and for
markets of many freelancers. The journey through the services is in test_refresh.py."""

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.models import Contract, Delivery, Milestone
from openhour.messaging.models import Responsiveness
from openhour.reviews.levels.models import FreelancerLevel
from openhour.reviews.models import Reputation


def contracts(client: Any, freelancer: Any, count: int, *, completed: bool = True) -> list[Contract]:
    ended = {"status": Contract.Status.ENDED, "ended_at": timezone.now()}
    outcome = Contract.Outcome.COMPLETED if completed else Contract.Outcome.CANCELLED
    rows = [
        Contract(
            client=client,
            freelancer=freelancer,
            title="Work",
            currency="GBP",
            fee_schedule_version="1",
            outcome=outcome,
            **ended,
        )
        for _n in range(count)
    ]
    return Contract.objects.bulk_create(rows)


def milestone(contract: Contract, *, due_on: date, delivered_on: date | None = None, **fields: Any) -> Milestone:
    fields.setdefault("status", Milestone.Status.SUBMITTED if delivered_on else Milestone.Status.FUNDED)
    row = Milestone.of(contract, title="Part", amount=10_000, due_in_days=7, due_on=due_on, **fields)
    row.save()
    if delivered_on:
        delivery = Delivery.objects.create(milestone=row, version=1, message="Done")
        at = timezone.make_aware(datetime.combine(delivered_on, datetime.min.time()) + timedelta(hours=12))
        Delivery.objects.filter(pk=delivery.pk).update(created_at=at)
    return row


def dispute(contract: Contract, *, held: int, release: int, decided_at: datetime | None = None) -> Dispute:
    row = Milestone.of(contract, title="Part", amount=held, due_in_days=7, status=Milestone.Status.SPLIT)
    row.save()
    return Dispute.objects.create(
        milestone=row,
        opened_by=contract.client,
        opener_role="client",
        reason="Not what we agreed",
        status=Dispute.Status.SETTLED,
        held=held,
        release=release,
        decided_at=decided_at or timezone.now(),
        milestone_status_before=Milestone.Status.SUBMITTED,
    )


def reputation(freelancer: Any, *, score: str, reviews: int) -> Reputation:
    return Reputation.objects.create(
        user=freelancer, role="freelancer", score=score, reviews=reviews, computed_at=timezone.now()
    )


def replies(person: Any, *, minutes: int, sample: int) -> Responsiveness:
    return Responsiveness.objects.create(user=person, median_minutes=minutes, sample=sample)


def holding(person: Any, level: str) -> FreelancerLevel:
    now = timezone.now()
    return FreelancerLevel.objects.create(user=person, level=level, since=now, checked_at=now)
