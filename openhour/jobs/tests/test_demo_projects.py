"""Demo projects: a believable job feed from the demo clients, and a second seed that changes nothing.

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

from openhour.accounts.demo.people import CLIENTS, EMAIL_DOMAIN
from openhour.accounts.models import User
from openhour.catalog.models import Category
from openhour.jobs.demo import PROJECTS
from openhour.jobs.models import Project, ProjectEvent, ProjectTimer, Visibility
from openhour.jobs.selectors import project_detail, project_search
from openhour.jobs.services import projects_expire_due


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


def test_about_thirty_projects_in_every_category_all_posted_by_demo_clients(demo: str) -> None:
    found = projects()
    assert 28 <= len(found) == len(PROJECTS) <= 35
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
    assert 3 <= len(closed) <= 4
    assert len(closed) + sum(project.status == Project.Status.OPEN for project in found) == len(found)
    for project in closed:
        posted, closing = ProjectEvent.objects.filter(project=project).order_by("id")
        assert (posted.action, posted.to_status) == ("post", "open")
        assert (closing.action, closing.actor, closing.by_id) == ("close", "client", project.client_id) and closing.note
        assert all(timer.cancelled_at for timer in project.timers.all())
    assert 2 <= sum(project.visibility == Visibility.INVITE_ONLY for project in found) <= 5
    assert 2 <= sum(project.max_proposals is not None for project in found) <= 8


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
    }


def test_a_second_seed_adds_nothing_and_leaves_edits_alone(demo: str) -> None:
    edited = Project.objects.filter(client__username="zoe-clarke").first()
    assert edited is not None
    Project.objects.filter(pk=edited.pk).update(description="Rewritten by Zoe.")
    before = snapshot()
    output = seed()
    assert snapshot() == before
    assert f"{len(PROJECTS)} projects (0 new)" in output
    assert Project.objects.get(pk=edited.pk).description == "Rewritten by Zoe."
