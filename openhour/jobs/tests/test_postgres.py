"""Behaviour that depends on PostgreSQL: timer workers on many hosts race for the same due projects."""

import contextlib
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from openhour.jobs.models import Project, ProjectEvent, ProjectTimer
from openhour.jobs.services import projects as services
from openhour.lib.errors import Conflict

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def post(client, title: str) -> Project:
    return services.project_post(
        client=client,
        title=title,
        description="A small online shop.",
        category="web-software",
        skills=["django"],
        budget_min=50_000,
        budget_max=150_000,
    )


def make_due() -> None:
    ProjectTimer.objects.update(due_at=timezone.now() - timedelta(minutes=1))


def in_threads(work: Callable[[int], Any], count: int) -> list[Any]:
    """Run `work(n)` in `count` threads started together; return what each returned or raised."""
    barrier = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def run(n: int) -> None:
        try:
            barrier.wait()
            outcomes[n] = work(n)
        except Exception as error:
            outcomes[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_parallel_workers_expire_each_project_exactly_once(clara):
    projects = [post(clara, f"Project {n}") for n in range(12)]
    make_due()

    fired = in_threads(lambda n: services.projects_expire_due(), 6)

    assert all(isinstance(count, int) for count in fired), fired
    assert sum(fired) == len(projects)
    assert set(Project.objects.values_list("status", flat=True)) == {"expired"}
    for project in projects:
        events = ProjectEvent.objects.filter(project=project)
        assert [(e.action, e.actor) for e in events] == [("post", "client"), ("expire", "system")]
    assert not ProjectTimer.objects.filter(fired_at__isnull=True).exists()


def test_closing_while_the_worker_expires_ends_in_one_of_them_without_a_deadlock(clara, monkeypatch):
    """The client closes just as the worker claims the timer: each holds one row the other wants next.
    Both must take the rows in the same order, so that one waits for the other instead of deadlocking."""
    project = post(clara, "Django shop")
    make_due()
    holding = threading.Barrier(2, timeout=2)
    fire, apply = services._fire, services.transition

    def fire_after_claiming(timer: ProjectTimer) -> None:
        _meet(holding)  # the worker has claimed (locked) the timer, not yet the project
        fire(timer)

    def close_after_locking(**kwargs: Any) -> Any:
        if kwargs["action"] == "close":
            _meet(holding)  # the client holds what she locked first
        return apply(**kwargs)

    monkeypatch.setattr(services, "_fire", fire_after_claiming)
    monkeypatch.setattr(services, "transition", close_after_locking)

    def work(n: int) -> Any:
        if n == 0:
            return services.projects_expire_due()
        return services.project_close(project_id=project.pk, by=clara)

    expired, closed = in_threads(work, 2)

    assert expired in (0, 1), expired
    assert closed == Project.objects.get(pk=project.pk) or isinstance(closed, Conflict), closed
    events = list(ProjectEvent.objects.filter(project=project).values_list("action", flat=True))
    assert events == ["post", "expire" if expired else "close"]
    assert Project.objects.get(pk=project.pk).status == ("expired" if expired else "closed")


def _meet(barrier: threading.Barrier) -> None:
    # A broken barrier means the other side is already waiting for a lock we hold: go on.
    with contextlib.suppress(threading.BrokenBarrierError):
        barrier.wait()
