"""Demo projects and proposals: a believable job feed from the demo clients, freelancers' offers in every state
and a few hires, and a second seed that changes nothing.

The demo is seeded once for the whole module (drawing its pictures takes seconds) inside a transaction
that is rolled back at the end; each test runs in a savepoint inside it, as usual.
"""

from collections.abc import Iterator
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoDbBlocker

from openhour.accounts.models import User
from openhour.catalog.models import Category
from openhour.contracts.models import Contract, ContractEvent, Milestone
from openhour.demo.jobs import PROJECTS
from openhour.demo.people.freelancers import FREELANCERS
from openhour.demo.people.people import CLIENTS, EMAIL_DOMAIN
from openhour.demo.proposals import BIDS
from openhour.jobs.models import BudgetType, Project, ProjectEvent, ProjectTimer, Proposal, ProposalEvent, Visibility
from openhour.jobs.selectors.projects import project_detail, project_search
from openhour.jobs.selectors.proposals import allowance_used
from openhour.jobs.services.projects import projects_expire_due
from openhour.jobs.services.proposals import proposal_withdraw


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", force=True, stdout=out)  # pytest runs with DEBUG off
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        yield seed()
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded: str, db: None) -> str:
    return seeded


def projects() -> list[Project]:
    return list(Project.objects.select_related("client", "category").prefetch_related("skills", "timers"))


def test_about_sixty_projects_in_every_category_all_posted_by_demo_clients(demo: str) -> None:
    found = projects()
    assert 55 <= len(found) == len(PROJECTS) <= 65
    assert f"{len(found)} projects ({len(found)} new)" in demo
    assert {project.category.slug for project in found} == set(Category.objects.values_list("slug", flat=True))
    assert all(project.client.email.endswith("@" + EMAIL_DOMAIN) and project.client.is_client for project in found)
    assert {client.username for client in CLIENTS} <= {project.client.username for project in found}
    assert len({(project.client_id, project.title) for project in found}) == len(found)


def test_projects_read_like_real_briefs(demo: str) -> None:
    for project in projects():
        assert 2 <= project.description.count("\n\n") + 1 <= 4, project.title
        assert 2 <= len(project.skills.all()) <= 5, project.title
        assert project.currency == project.client.currency, project.title
        assert 0 < project.budget_min < project.budget_max, project.title
    assert {project.budget_type for project in projects()} == {"fixed", "hourly"}


def test_posting_dates_spread_over_three_weeks_and_no_expiry_is_due(demo: str) -> None:
    found, now = projects(), timezone.now()
    assert all(now - timedelta(days=22) < project.created_at <= now for project in found)
    assert len({project.created_at.date() for project in found}) >= 15
    expiry = timedelta(days=settings.PROJECT_EXPIRY_DAYS)
    for project in found:
        assert [timer.due_at for timer in project.timers.all()] == [project.created_at + expiry], project.title
        assert project.deadline is None or project.deadline >= timezone.localdate(), project.title
    assert sum(project.deadline is not None for project in found) >= 8
    assert projects_expire_due() == 0


def test_a_few_are_closed_invite_only_or_capped(demo: str) -> None:
    found = projects()
    closed = [project for project in found if project.status == Project.Status.CLOSED]
    hired = [project for project in found if project.status == Project.Status.HIRED]
    assert 5 <= len(closed) <= 7 and 3 <= len(hired) <= 4
    assert len(closed) + len(hired) + sum(project.status == Project.Status.OPEN for project in found) == len(found)
    for project in closed:
        posted, closing = ProjectEvent.objects.filter(project=project).order_by("id")
        assert (posted.action, posted.to_status) == ("post", "open")
        assert (closing.action, closing.actor, closing.by_id) == ("close", "client", project.client_id) and closing.note
        assert all(timer.cancelled_at for timer in project.timers.all())
    assert 4 <= sum(project.visibility == Visibility.INVITE_ONLY for project in found) <= 7
    assert 5 <= sum(project.max_proposals is not None for project in found) <= 12


def test_open_projects_are_in_the_feed_but_invite_only_ones_only_for_their_client(demo: str) -> None:
    found = projects()
    open_public = {p.pk for p in found if p.status == Project.Status.OPEN and p.visibility == Visibility.PUBLIC}
    invite_only = [p for p in found if p.visibility == Visibility.INVITE_ONLY]
    assert {project.pk for project in project_search()} == open_public
    assert {project.pk for project in project_search(viewer=None)} == open_public
    operator = User.objects.get(username="operator")
    assert {project.pk for project in project_search(viewer=operator)} == open_public | {p.pk for p in invite_only}
    for project in invite_only:
        assert project_detail(project_id=project.pk, viewer=None) is None
        assert project_detail(project_id=project.pk, viewer=project.client) == project
        assert project.pk in {p.pk for p in project_search(viewer=project.client)}


def snapshot() -> dict[str, object]:
    return {
        "projects": sorted(
            Project.objects.values_list("id", "client_id", "title", "status", "created_at", "updated_at")
        ),
        "skills": Project.skills.through.objects.count(),
        "timers": sorted(ProjectTimer.objects.values_list("id", "due_at", "cancelled_at")),
        "events": ProjectEvent.objects.count(),
        "proposals": sorted(
            Proposal.objects.values_list("id", "project_id", "freelancer_id", "status", "created_at", "updated_at")
        ),
        "proposal_events": ProposalEvent.objects.count(),
        "contracts": sorted(Contract.objects.values_list("id", "proposal_id", "created_at")),
        "milestones": Milestone.objects.count(),
    }


def test_a_second_seed_adds_nothing_and_leaves_edits_alone(demo: str) -> None:
    edited = Project.objects.filter(client__username="zoe-clarke").first()
    assert edited is not None
    Project.objects.filter(pk=edited.pk).update(description="Rewritten by Zoe.")
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert f"{len(PROJECTS)} projects (0 new), {demo_proposals()} proposals (0 new)" in output
    assert Project.objects.get(pk=edited.pk).description == "Rewritten by Zoe."


# ---- proposals -----------------------------------------------------------------------------------


def demo_proposals() -> int:
    return sum(len(bids.proposals) for bids in BIDS)


def proposals() -> list[Proposal]:
    found = Proposal.objects.select_related("project__client", "freelancer__profile")
    return list(found.prefetch_related("milestones", "events", "project__skills", "freelancer__profile__skills"))


def test_about_twenty_open_projects_get_one_to_four_proposals_each(demo: str) -> None:
    found = proposals()
    assert 30 <= len(found) == demo_proposals() <= 50
    assert f"{len(found)} proposals ({len(found)} new)" in demo
    assert len({(p.project_id, p.freelancer_id) for p in found}) == len(found)
    per_project = {p.project_id: sum(q.project_id == p.project_id for q in found) for p in found}
    assert 18 <= len(per_project) <= 24 and set(per_project.values()) <= {1, 2, 3, 4}
    for proposal in found:
        project = proposal.project
        assert project.status in (Project.Status.OPEN, Project.Status.HIRED), project.title
        assert project.visibility == Visibility.PUBLIC and project.budget_type == BudgetType.FIXED, project.title
        assert proposal.freelancer.email.endswith("@" + EMAIL_DOMAIN) and proposal.freelancer.is_freelancer
    assert len({p.freelancer_id for p in found}) >= len(FREELANCERS) - 2  # spread over almost everyone


def test_proposals_fit_the_project(demo: str) -> None:
    for proposal in proposals():
        project, title = proposal.project, proposal.project.title
        wanted = {skill.pk for skill in project.skills.all()}
        assert wanted & {skill.pk for skill in proposal.freelancer.profile.skills.all()}, (title, proposal.freelancer)
        assert proposal.currency == project.currency, title
        assert 0.75 * project.budget_min <= proposal.price <= 1.25 * project.budget_max, (title, proposal.freelancer)
        milestones = list(proposal.milestones.all())
        assert 1 <= len(milestones) <= 4 and sum(m.amount for m in milestones) == proposal.price, title
        assert max(m.due_in_days for m in milestones) == proposal.delivery_days, title
        if project.deadline is not None:
            assert proposal.delivery_days <= (project.deadline - timezone.localdate()).days, title
        assert 150 <= len(proposal.cover_letter) <= 1000, (title, proposal.freelancer)


def test_proposals_are_in_every_state(demo: str) -> None:
    found = proposals()
    states = {state: [p for p in found if p.status == state] for state in Proposal.Status.values}
    assert len(states["submitted"]) >= 8 and len(states["shortlisted"]) >= 8
    assert 3 <= len(states["declined"]) <= 6 and 2 <= len(states["withdrawn"]) <= 5
    assert 3 <= len(states["accepted"]) <= 4 and len(states["closed"]) >= 1
    for proposal in states["declined"]:
        event = proposal.events.get(action="decline")
        assert (event.actor, event.by_id) == ("client", proposal.project.client_id)
        assert proposal.decline_reason and event.note == proposal.decline_reason and proposal.viewed_at
    for proposal in states["withdrawn"]:
        event = proposal.events.get(action="withdraw")
        assert (event.actor, event.by_id) == ("freelancer", proposal.freelancer_id) and event.note
    for proposal in states["shortlisted"] + states["accepted"]:
        assert proposal.viewed_at and proposal.events.filter(action="shortlist", actor="client").exists()
    assert sum(p.viewed_at is not None for p in states["submitted"]) >= 3  # read, not answered yet
    assert sum(p.viewed_at is None for p in states["submitted"]) >= 3


def test_accepted_proposals_hired_their_freelancer_under_a_contract(demo: str) -> None:
    for proposal in [p for p in proposals() if p.status == Proposal.Status.ACCEPTED]:
        project = proposal.project
        assert project.status == Project.Status.HIRED, project.title
        assert not project.proposals.filter(status__in=Proposal.LIVE).exists(), project.title
        contract = Contract.objects.get(proposal=proposal)
        assert (contract.project_id, contract.client_id, contract.freelancer_id) == (
            project.pk,
            project.client_id,
            proposal.freelancer_id,
        )
        assert (contract.status, contract.currency, contract.title) == ("active", proposal.currency, project.title)
        proposed = [(m.title, m.amount, m.due_in_days) for m in proposal.milestones.all()]
        assert [(m.title, m.amount, m.due_in_days) for m in contract.milestones.all()] == proposed
        assert all(m.status == "awaiting_funding" for m in contract.milestones.all())
        hired = ProjectEvent.objects.get(project=project, action="hire")
        accepted = proposal.events.get(action="accept")
        assert contract.created_at == hired.created_at == accepted.created_at
        assert ContractEvent.objects.get(contract=contract).created_at == contract.created_at
    hires = Contract.objects.filter(proposal__isnull=False)  # the demo also makes direct offers
    assert hires.count() == sum(p.status == Proposal.Status.ACCEPTED for p in proposals())


def test_proposals_arrive_after_the_posting_and_answers_after_them(demo: str) -> None:
    now = timezone.now()
    for proposal in proposals():
        events = list(proposal.events.all())
        assert events[0].action == "send" and events[0].created_at == proposal.created_at
        times = [event.created_at for event in events]
        assert proposal.project.created_at < proposal.created_at and times == sorted(times) and times[-1] < now
        assert proposal.updated_at == times[-1]
        if proposal.viewed_at is not None:  # read before any answer
            assert proposal.created_at < proposal.viewed_at <= ([*times[1:], now])[0]
    assert len({proposal.created_at.date() for proposal in proposals()}) >= 10


def test_no_freelancer_comes_near_the_monthly_allowance(demo: str) -> None:
    found = proposals()
    for freelancer in {proposal.freelancer for proposal in found}:
        sent = sum(proposal.freelancer_id == freelancer.pk for proposal in found)
        assert sent <= 4 and allowance_used(freelancer=freelancer) <= settings.PROPOSALS_PER_MONTH // 3, freelancer
    first = {p.project_id: p for p in sorted(found, key=lambda p: p.created_at, reverse=True)}
    assert all(not p.uses_allowance for p in first.values())  # the first proposal on a project is free
    assert sum(p.uses_allowance for p in found) == len(found) - len(first)


def test_a_second_seed_leaves_what_people_did_with_the_proposals_alone(demo: str) -> None:
    proposal = Proposal.objects.filter(status=Proposal.Status.SUBMITTED).select_related("freelancer").first()
    assert proposal is not None
    proposal_withdraw(proposal_id=proposal.pk, by=proposal.freelancer)
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert f"{demo_proposals()} proposals (0 new)" in output
