"""Fixtures the integrity tests share."""

from typing import Any

import pytest

from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.integrity.models import Case, RiskSignal
from openhour.reviews.integrity.services.moderation import case_open
from openhour.reviews.models import Review
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished


@pytest.fixture
def evidence(clara: Any, fred: Any) -> Case:
    """Fred and Clara reviewed each other; the checks found Fred's review of Clara copied, and opened a case."""
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body(CLIENT, 5))
    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5, went_well="Copied words."))
    written = Review.objects.get(author=fred)
    RiskSignal.objects.create(review=written, kind="duplicate", score=0.93, evidence={"ip": "10.0.0.1"})
    return case_open(review=written, source=Case.Source.AUTOMATIC)
