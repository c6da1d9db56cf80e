"""Open projects expire PROJECT_EXPIRY_DAYS after posting, fired by `run_timers` as the system.

Time moves with time-machine. A closed project's timer was cancelled, so the worker leaves it alone,
and a timer fires once however often the worker runs.
"""

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from openhour.jobs.models import Project, ProjectEvent
from openhour.jobs.services.projects import project_close, project_post

pytestmark = pytest.mark.django_db

POSTED_AT = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)


def post(client, **fields) -> Project:
    with time_machine.travel(POSTED_AT, tick=False):
        return project_post(
            client=client,
            title="Django shop",
            description="A small online shop.",
            category="web-software",
            skills=["django"],
            budget_min=50_000,
            budget_max=150_000,
            **fields,
        )


def run_timers(at: datetime) -> str:
    out = StringIO()
    with time_machine.travel(at, tick=False):
        call_command("run_timers", "--once", stdout=out)
    return out.getvalue()


def status(project: Project) -> str:
    return Project.objects.get(pk=project.pk).status


def test_an_open_project_expires_after_the_expiry_days(clara, settings):
    project = post(clara)
    due = POSTED_AT + timedelta(days=settings.PROJECT_EXPIRY_DAYS)

    run_timers(due - timedelta(seconds=1))
    assert status(project) == "open"

    assert run_timers(due) == "fired 1 timer(s)\n"

    assert status(project) == "expired"
    event = ProjectEvent.objects.get(project=project, action="expire")
    assert (event.action, event.actor, event.by, event.from_status, event.to_status) == (
        "expire",
        "system",
        None,
        "open",
        "expired",
    )
    assert event.created_at == due
    assert project.timers.get().fired_at == due


def test_the_expiry_days_come_from_settings(clara, settings):
    settings.PROJECT_EXPIRY_DAYS = 3
    project = post(clara)

    run_timers(POSTED_AT + timedelta(days=3))

    assert status(project) == "expired"


def test_a_closed_projects_timer_was_cancelled_and_does_nothing(clara, settings):
    project = post(clara)
    with time_machine.travel(POSTED_AT + timedelta(days=1), tick=False):
        project_close(project_id=project.pk, by=clara)

    assert run_timers(POSTED_AT + timedelta(days=settings.PROJECT_EXPIRY_DAYS + 1)) == ""

    assert status(project) == "closed"
    assert list(ProjectEvent.objects.values_list("action", flat=True)) == ["post", "close"]
    timer = project.timers.get()
    assert timer.fired_at is None
    assert timer.cancelled_at == POSTED_AT + timedelta(days=1)


def test_running_twice_fires_once(clara, settings):
    project = post(clara)
    later = POSTED_AT + timedelta(days=settings.PROJECT_EXPIRY_DAYS + 1)

    assert run_timers(later) == "fired 1 timer(s)\n"
    assert run_timers(later + timedelta(hours=1)) == ""

    assert status(project) == "expired"
    assert ProjectEvent.objects.filter(project=project, action="expire").count() == 1


def test_each_due_project_expires_and_the_rest_wait(clara, settings):
    early = post(clara)
    with time_machine.travel(POSTED_AT + timedelta(days=10), tick=False):
        late = project_post(
            client=clara,
            title="Logo",
            description="For a bakery.",
            category="design",
            budget_min=10_000,
            budget_max=20_000,
        )

    run_timers(POSTED_AT + timedelta(days=settings.PROJECT_EXPIRY_DAYS + 1))

    assert (status(early), status(late)) == ("expired", "open")


def test_an_expired_project_leaves_the_list_and_cannot_be_closed(client, client_for, clara, settings):
    project = post(clara)
    run_timers(POSTED_AT + timedelta(days=settings.PROJECT_EXPIRY_DAYS))

    assert client.get("/api/v1/projects").json()["items"] == []
    response = client_for(clara).post(f"/api/v1/projects/{project.pk}/close", {}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "project_expired"
