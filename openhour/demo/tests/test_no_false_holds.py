"""The ordinary demo — honest past work between demo clients and freelancers — raises no hold and no
queue: the checks find manipulation, not normal marketplace life. Its accounts age honestly: each joined,
and signed up and in, long before its first contract and review, so no rule for new accounts sees them as new."""

import pytest
from django.db.models import Min

from openhour.accounts.models import User
from openhour.contracts.models import Contract
from openhour.demo.contracts import seed_contracts
from openhour.demo.money import seed_money
from openhour.demo.people import seed_demo
from openhour.demo.people.people import EMAIL_DOMAIN
from openhour.demo.reviews import seed_reviews
from openhour.reviews.integrity.models import AccessRecord, Case, RiskSignal
from openhour.reviews.models import Review

pytestmark = pytest.mark.django_db


def _seed() -> None:
    seed_demo()
    seed_money()
    seed_contracts()
    assert seed_reviews() > 0


def test_the_ordinary_demo_has_no_held_and_no_queued_review():
    _seed()

    reviews = Review.objects.all()
    assert reviews.count() > 10
    assert not reviews.exclude(risk_decision=Review.Risk.PUBLISH).exists()
    assert not reviews.filter(status=Review.Status.HELD).exists()
    assert not Case.objects.exists()
    assert not RiskSignal.objects.filter(score__gte=0.5).exists()


def test_demo_accounts_joined_and_signed_in_before_their_first_work_and_review():
    _seed()

    people = User.objects.filter(email__iendswith="@" + EMAIL_DOMAIN)
    first_contract = dict(
        Contract.objects.values("client_id").annotate(first=Min("created_at")).values_list("client_id", "first")
    )
    first_contract |= {
        user: min(when, first_contract.get(user, when))
        for user, when in Contract.objects.values("freelancer_id")
        .annotate(first=Min("created_at"))
        .values_list("freelancer_id", "first")
    }
    first_review = dict(
        Review.objects.values("author_id").annotate(first=Min("submitted_at")).values_list("author_id", "first")
    )
    assert first_contract and first_review
    for user in people:
        records = AccessRecord.objects.filter(user=user, kind__in=["signup", "login"]).aggregate(
            first=Min("created_at")
        )
        assert records["first"] is not None, user.username
        assert user.date_joined <= records["first"], user.username
        for first in (first_contract.get(user.pk), first_review.get(user.pk)):
            assert first is None or records["first"] < first, user.username
