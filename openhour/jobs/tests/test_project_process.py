"""A project is a process: open -> closed | expired | hired, and nothing else.

Every step in `Project.TRANSITIONS` is tried with each actor it allows (it moves the status and writes
one event saying who, from, to) and with each actor it does not (403, nothing written). Every action
tried from a status the table has no step for answers 409 with the code `project_<status>`. Over HTTP,
Clara closes her own project, an operator closes anyone's with a written reason, and Olga gets a 404.
"""

from typing import Any

import pytest
from django.db.models import QuerySet
from django.test import Client

from openhour.jobs.models import Project, ProjectEvent
from openhour.jobs.services.projects import project_close, project_post
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.process import ACTORS, OPERATOR, transition

pytestmark = pytest.mark.django_db

PROJECTS = "/api/v1/projects"
STEPS = sorted(Project.TRANSITIONS.items())
ACTIONS = sorted({action for _status, action in Project.TRANSITIONS})
EVERY_ACTOR = [actor for actor, _label in ACTORS]


@pytest.fixture
def project(clara) -> Project:
    return project_post(
        client=clara,
        title="Django shop",
        description="A small online shop.",
        category="web-software",
        skills=["django"],
        budget_min=50_000,
        budget_max=150_000,
    )


def in_status(project: Project, status: str) -> Project:
    """Arrange a status for a test without walking there (tests only: the code never assigns it)."""
    Project.objects.filter(pk=project.pk).update(status=status)
    project.refresh_from_db()
    return project


def changes() -> QuerySet[ProjectEvent]:
    """Events after the one that records the posting."""
    return ProjectEvent.objects.exclude(action="post")


def by_for(actor: str, clara: Any, operator: Any) -> Any:
    return {"client": clara, "operator": operator}.get(actor)


# ---- the table -----------------------------------------------------------------------------------


ALLOWED = [(key, found, actor) for key, found in STEPS for actor in sorted(found.actors)]


@pytest.mark.parametrize(
    ("key", "found", "actor"), ALLOWED, ids=[f"{key[0]}-{key[1]}-by-{actor}" for key, _found, actor in ALLOWED]
)
def test_each_allowed_step_moves_the_status_and_writes_one_event(project, clara, operator, key, found, actor):
    from_status, action = key
    in_status(project, from_status)
    by = by_for(actor, clara, operator)
    note = "Duplicate of another project" if actor == OPERATOR else ""

    transition(obj=project, action=action, actor=actor, by=by, note=note)

    project.refresh_from_db()
    assert project.status == found.to
    event = changes().get(project=project)
    assert (event.action, event.actor, event.from_status, event.to_status) == (action, actor, from_status, found.to)
    assert event.by == by
    assert event.note == note


REFUSED = [(key, actor) for key, found in STEPS for actor in EVERY_ACTOR if actor not in found.actors]


@pytest.mark.parametrize(("key", "actor"), REFUSED, ids=[f"{key[0]}-{key[1]}-by-{actor}" for key, actor in REFUSED])
def test_an_actor_the_table_does_not_name_is_refused(project, clara, operator, key, actor):
    from_status, action = key
    in_status(project, from_status)

    with pytest.raises(NotAllowed) as refused:
        transition(obj=project, action=action, actor=actor, by=by_for(actor, clara, operator), note="Because")

    assert refused.value.status == 403

    assert Project.objects.get(pk=project.pk).status == from_status
    assert not changes().exists()


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (status, action)
        for status in Project.Status.values
        for action in ACTIONS
        if (status, action) not in Project.TRANSITIONS
    ],
)
def test_a_step_the_table_lacks_is_a_conflict_named_after_the_status(project, status, action):
    in_status(project, status)

    with pytest.raises(Conflict) as refused:
        transition(obj=project, action=action, actor=OPERATOR, note="Trying anyway")

    assert refused.value.code == f"project_{status}"
    assert refused.value.status == 409
    assert not changes().exists()


def test_an_unknown_action_is_a_conflict_too(project):
    with pytest.raises(Conflict) as refused:
        transition(obj=project, action="reopen", actor=OPERATOR, note="Why not")

    assert refused.value.code == "project_open"


@pytest.mark.parametrize("note", ["", "   \n"])
def test_an_operator_gives_a_written_reason(project, operator, note):
    with pytest.raises(InvalidInput) as refused:
        transition(obj=project, action="expire", actor=OPERATOR, by=operator, note=note)

    assert "note" in refused.value.fields
    assert Project.objects.get(pk=project.pk).status == "open"
    assert not changes().exists()


# ---- closing over HTTP ---------------------------------------------------------------------------


def close(client: Client, project: Project, body: dict[str, Any] | None = None, **kwargs: Any):
    return client.post(f"{PROJECTS}/{project.pk}/close", body or {}, content_type="application/json", **kwargs)


def test_the_client_closes_her_project(client_for, clara, project):
    response = close(client_for(clara), project, {"note": "Found someone offline"})

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "closed"
    assert [(e["action"], e["actor"], e["from"], e["to"]) for e in response.json()["events"]] == [
        ("post", "client", "", "open"),
        ("close", "client", "open", "closed"),
    ]
    event = changes().get(project=project)
    assert (event.by, event.note) == (clara, "Found someone offline")


def test_closing_needs_no_body(bearer, clara, project):
    response = Client(headers=bearer(clara)).generic("POST", f"{PROJECTS}/{project.pk}/close")  # as curl -X POST

    assert response.status_code == 200, response.content
    assert Project.objects.get(pk=project.pk).status == "closed"


def test_an_operator_closes_anyones_project_with_a_reason(client_for, operator, project):
    response = close(client_for(operator), project, {"note": "Asks for work outside the platform"})

    assert response.status_code == 200, response.content
    event = changes().get(project=project)
    assert (event.actor, event.by, event.note) == ("operator", operator, "Asks for work outside the platform")


def test_an_operator_without_a_reason_is_refused(client_for, operator, project):
    response = close(client_for(operator), project)

    assert response.status_code == 400
    assert "note" in response.json()["error"]["fields"]
    assert Project.objects.get(pk=project.pk).status == "open"
    assert not changes().exists()


def test_nobody_else_may_close_it(client, client_for, bearer, olga, fred, project):
    assert close(client_for(olga), project, {"note": "Mine?"}).status_code == 404
    assert close(Client(headers=bearer(fred)), project).status_code == 404
    assert close(client, project).status_code == 401
    assert Project.objects.get(pk=project.pk).status == "open"
    assert not changes().exists()


def test_nobody_else_learns_whether_an_invite_only_project_exists(client_for, olga, clara, project):
    Project.objects.filter(pk=project.pk).update(visibility="invite_only")
    project_close(project_id=project.pk, by=clara)

    assert close(client_for(olga), project).json() == close(client_for(olga), Project(pk=999_999)).json()


@pytest.mark.parametrize("status", ["closed", "expired", "hired"])
def test_closing_a_project_that_is_no_longer_open_is_a_conflict(client_for, clara, operator, project, status):
    in_status(project, status)

    for person in (clara, operator):
        response = close(client_for(person), project, {"note": "Again"})
        assert response.status_code == 409, response.content
        assert response.json()["error"]["code"] == f"project_{status}"
    assert not changes().exists()


@pytest.mark.parametrize("status", ["closed", "expired", "hired"])
def test_a_project_that_is_no_longer_open_cannot_be_edited(client_for, clara, project, status):
    in_status(project, status)

    response = client_for(clara).patch(f"{PROJECTS}/{project.pk}", {"title": "Again"}, content_type="application/json")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == f"project_{status}"
    assert Project.objects.get(pk=project.pk).title == "Django shop"


def test_closing_cancels_the_expiry_timer(clara, project):
    timer = project.timers.get()
    assert (timer.action, timer.fired_at, timer.cancelled_at) == ("expire", None, None)

    project_close(project_id=project.pk, by=clara)

    timer.refresh_from_db()
    assert timer.cancelled_at is not None
    assert timer.fired_at is None


def test_a_refused_close_leaves_the_timer_alone(olga, operator, project):
    with pytest.raises(NotFound):
        project_close(project_id=project.pk, by=olga)
    with pytest.raises(InvalidInput):
        project_close(project_id=project.pk, by=operator)

    assert project.timers.get().cancelled_at is None
