"""A review to write is one of the things that need the person on their dashboard, until it is written or the
window closes; nobody else sees it."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.lib.process import FREELANCER
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

ASK = "Review your work with %s on “Shop redesign”"


def test_both_parties_are_asked_until_they_have_reviewed(clara, fred, olga, client_for, ledger_ok):
    contract = finished(clara, fred)
    assert ASK % "Fred Freelancer" in client_for(clara).get("/dashboard").content.decode()
    assert ASK % "Clara Client" in client_for(fred).get("/dashboard?as=freelancer").content.decode()
    assert "Review your work" not in client_for(olga).get("/dashboard").content.decode()

    review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER))
    assert "Review your work" not in client_for(fred).get("/dashboard?as=freelancer").content.decode()
    assert ASK % "Fred Freelancer" in client_for(clara).get("/dashboard").content.decode()
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert "Review your work" not in client_for(clara).get("/dashboard").content.decode()
    ledger_ok()
