"""The monthly proposal allowance: PROPOSALS_PER_MONTH per freelancer per calendar month (UTC).

The first proposal on a project that has none yet is free. Proposals on a project that closes or
expires without a hire are given back; a hire gives nothing back. Time moves with time-machine.
"""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from openhour.jobs.models import Project, Proposal
from openhour.jobs.selectors import proposals as proposal_selectors
from openhour.jobs.services import proposals
from openhour.jobs.services.projects import project_close, projects_expire_due
from openhour.jobs.tests.proposal_kit import post, send
from openhour.lib.errors import Conflict

pytestmark = pytest.mark.django_db

MARCH = datetime(2030, 3, 10, 12, 0, tzinfo=UTC)


def busy_project(clara, olga) -> Project:
    """A project Olga has already proposed on, so Fred's proposal there costs allowance."""
    project = post(clara)
    send(project, olga)
    return project


def used(freelancer) -> int:
    return proposal_selectors.allowance_used(freelancer=freelancer)


def test_the_fifteenth_is_fine_and_the_sixteenth_is_refused_until_next_month(clara, fred, olga, settings):
    assert settings.PROPOSALS_PER_MONTH == 15
    settings.RATE_PROPOSALS = "100/h"  # the monthly allowance is the subject here, not the hourly limit
    with time_machine.travel(MARCH, tick=False):
        projects = [busy_project(clara, olga) for _ in range(16)]
        for project in projects[:15]:
            assert send(project, fred).uses_allowance
        assert used(fred) == 15
        assert proposal_selectors.allowance(freelancer=fred).remaining == 0

        with pytest.raises(Conflict) as refused:
            send(projects[15], fred)
        assert refused.value.code == "allowance_used"
        assert "1 Apr 2030" in refused.value.message

    with time_machine.travel(datetime(2030, 3, 31, 23, 59, 59, tzinfo=UTC), tick=False), pytest.raises(Conflict):
        send(projects[15], fred)
    with time_machine.travel(datetime(2030, 4, 1, 0, 0, tzinfo=UTC), tick=False):
        assert used(fred) == 0
        assert send(projects[15], fred).status == "submitted"


def test_the_first_proposal_on_a_project_is_free(clara, fred, olga, settings):
    settings.PROPOSALS_PER_MONTH = 1
    first = send(post(clara), fred)
    assert not first.uses_allowance
    assert used(fred) == 0
    assert send(busy_project(clara, olga), fred).uses_allowance
    # the allowance is spent, but being first on a fresh project still costs nothing
    assert not send(post(clara), fred).uses_allowance
    with pytest.raises(Conflict):
        send(busy_project(clara, olga), fred)


def test_closing_without_a_hire_closes_live_proposals_and_gives_the_allowance_back(clara, fred, olga, settings):
    settings.PROPOSALS_PER_MONTH = 1
    project = busy_project(clara, olga)
    proposal = send(project, fred)
    assert used(fred) == 1

    project_close(project_id=project.pk, by=clara)

    closed = Proposal.objects.get(pk=proposal.pk)
    assert (closed.status, closed.refunded_at is not None) == ("closed", True)
    assert closed.events.last().actor == "system"
    assert used(fred) == 0
    assert send(busy_project(clara, olga), fred).status == "submitted"


def test_expiry_without_a_hire_gives_the_allowance_back(clara, fred, olga, settings):
    with time_machine.travel(MARCH, tick=False):
        project = busy_project(clara, olga)
        proposal = send(project, fred)
        withdrawn = send(busy_project(clara, olga), fred)
        proposals.proposal_withdraw(proposal_id=withdrawn.pk, by=fred)
    with time_machine.travel(MARCH + timedelta(days=settings.PROJECT_EXPIRY_DAYS, minutes=1), tick=False):
        assert projects_expire_due() == 2
        assert Project.objects.get(pk=project.pk).status == "expired"
        assert Proposal.objects.get(pk=proposal.pk).status == "closed"
        assert Proposal.objects.get(pk=proposal.pk).refunded_at is not None
        # a withdrawn proposal is not live, so its allowance stays spent
        assert Proposal.objects.get(pk=withdrawn.pk).refunded_at is None


def test_a_hire_gives_nothing_back(clara, fred, olga):
    project = busy_project(clara, olga)
    proposal = send(project, fred)
    proposals.proposal_accept(proposal_id=Proposal.objects.get(project=project, freelancer=olga).pk, by=clara)
    closed = Proposal.objects.get(pk=proposal.pk)
    assert (closed.status, closed.refunded_at) == ("closed", None)
    assert used(fred) == 1
