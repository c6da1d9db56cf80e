"""A release timer that was being fired as the dispute opened (so the dispute could not cancel it) finds the
escrow frozen when it gets the milestone, and releases nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openhour.contracts.disputes.tests.kit import funded, open_dispute
from openhour.contracts.models import Milestone, MilestoneTimer
from openhour.contracts.services.delivery import milestones_fire_due
from openhour.money import ledger

pytestmark = pytest.mark.django_db


def test_a_stale_release_timer_leaves_a_disputed_milestone_in_escrow(clara, fred, client_for, ledger_ok):
    milestone = funded(clara, fred, delivered=True)
    assert open_dispute(client_for(clara), milestone).status_code == 201
    MilestoneTimer.objects.create(milestone=milestone, action="release", due_at=timezone.now() - timedelta(minutes=1))

    assert milestones_fire_due() == 1
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.DISPUTED
    assert ledger.wallet(owner=fred, currency="GBP").balance == 0
    ledger_ok()
