"""What the rules are fed: each metric counted from the platform's own records, the same for the whole market
as for one person."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openhour.reviews.integrity.models import Sanction
from openhour.reviews.levels.selectors import metrics_for, metrics_of
from openhour.reviews.levels.tests import kit

pytestmark = pytest.mark.django_db


def test_completed_contracts_count_only_those_ended_with_money_released(clara, fred):
    kit.contracts(clara, fred, 3)
    kit.contracts(clara, fred, 2, completed=False)  # cancelled before anything was paid
    assert metrics_of(user=fred).completed == 3


def test_on_time_counts_first_deliveries_by_the_due_date_and_owed_work_as_late(clara, fred):
    (contract,) = kit.contracts(clara, fred, 1)
    today = timezone.localdate()
    kit.milestone(contract, due_on=today - timedelta(days=10), delivered_on=today - timedelta(days=10))  # on the day
    kit.milestone(contract, due_on=today - timedelta(days=10), delivered_on=today - timedelta(days=11))  # early
    kit.milestone(contract, due_on=today - timedelta(days=10), delivered_on=today - timedelta(days=9))  # a day late
    kit.milestone(contract, due_on=today - timedelta(days=3))  # still owed after its due date: late
    kit.milestone(contract, due_on=today - timedelta(days=3), status="released")  # approved without a delivery
    kit.milestone(contract, due_on=today + timedelta(days=3))  # not due yet
    kit.milestone(contract, due_on=today - timedelta(days=400), delivered_on=today - timedelta(days=300))  # too old

    metrics = metrics_of(user=fred)

    assert (metrics.milestones_due, metrics.milestones_on_time) == (4, 2)
    assert metrics.on_time_percent == 50


def test_a_dispute_is_lost_when_less_than_half_the_escrow_went_to_the_freelancer(clara, fred):
    (contract,) = kit.contracts(clara, fred, 1)
    kit.dispute(contract, held=10_000, release=0)  # lost
    kit.dispute(contract, held=10_000, release=4_999)  # lost
    kit.dispute(contract, held=10_000, release=5_000)  # half: not lost
    kit.dispute(contract, held=10_000, release=0, decided_at=timezone.now() - timedelta(days=400))  # too long ago
    assert metrics_of(user=fred).disputes_lost == 2


def test_score_reviews_replies_age_and_sanction(clara, fred, operator):
    kit.reputation(fred, score="4.62", reviews=7)
    kit.replies(fred, minutes=90, sample=4)
    now = timezone.now()
    Sanction.objects.create(
        user=fred,
        kind="warning",
        reason="Swapped reviews",
        starts_at=now,
        ends_at=now + timedelta(days=90),
        appeal_until=now + timedelta(days=14),
        created_by=operator,
    )

    metrics = metrics_of(user=fred, now=now + timedelta(days=40))

    assert (metrics.score, metrics.reviews) == (4.62, 7)
    assert metrics.reply_hours == 1.5
    assert metrics.account_days == 40
    assert metrics.sanctioned
    assert not metrics_of(user=fred, now=now + timedelta(days=91)).sanctioned  # the warning ended


def test_a_sanction_lifted_on_appeal_is_not_in_force(fred, operator):
    now = timezone.now()
    Sanction.objects.create(
        user=fred,
        kind="suspension",
        reason="Bought reviews",
        starts_at=now,
        ends_at=now + timedelta(days=30),
        appeal_until=now + timedelta(days=14),
        created_by=operator,
        lifted_at=now,
    )
    assert not metrics_of(user=fred).sanctioned


def test_the_market_at_once_counts_what_one_person_sees(clara, fred, olga):
    kit.contracts(clara, fred, 2)
    kit.contracts(clara, olga, 1)
    kit.reputation(olga, score="4.10", reviews=1)
    people = [(person.pk, person.date_joined) for person in (fred, olga)]
    now = timezone.now()

    market = metrics_for(people, now=now)

    assert market[fred.pk].completed == 2 and market[olga.pk].score == 4.1
    assert market[fred.pk] == metrics_of(user=fred, now=now)
    assert market[olga.pk] == metrics_of(user=olga, now=now)
