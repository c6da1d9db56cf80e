"""The ordinary demo — honest past work between demo clients and freelancers — raises no hold and no
queue: the checks find manipulation, not normal marketplace life."""

import pytest

from openhour.demo.contracts import seed_contracts
from openhour.demo.money import seed_money
from openhour.demo.people import seed_demo
from openhour.demo.reviews import seed_reviews
from openhour.reviews.integrity.models import Case, RiskSignal
from openhour.reviews.models import Review

pytestmark = pytest.mark.django_db


def test_the_ordinary_demo_has_no_held_and_no_queued_review():
    seed_demo()
    seed_money()
    seed_contracts()
    assert seed_reviews() > 0

    reviews = Review.objects.all()
    assert reviews.count() > 10
    assert not reviews.exclude(risk_decision=Review.Risk.PUBLISH).exists()
    assert not reviews.filter(status=Review.Status.HELD).exists()
    assert not Case.objects.exists()
    assert not RiskSignal.objects.filter(score__gte=0.5).exists()
