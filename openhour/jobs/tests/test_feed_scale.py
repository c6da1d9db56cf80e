"""The job feed reads a bounded number of candidates, however large the market, and still ranks well.

`CANDIDATES` is shrunk to 3 here so a dozen projects stand for a market far larger than the feed (and skills are
then looked for among the newest 3 * `HORIZON` = 60 open projects). Fred (Python
and Django, £45/hr) is the typical freelancer; Olga has no skills; Clara posts everything. Ranking every open
project (a `CANDIDATES` larger than the market) is the reference the bounded feed is held to.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhour.jobs import feed
from openhour.jobs.feed import job_feed
from openhour.jobs.models import Project
from openhour.jobs.services.projects import invitation_send, project_post

pytestmark = pytest.mark.django_db

FEW = 3


def posted(client, days_ago: float = 0, **fields: Any) -> Project:
    defaults: dict[str, Any] = {
        "title": "Django shop",
        "description": "Details to follow.",
        "category": "web-software",
        "skills": ["django", "python"],
        "budget_min": 50_000,
        "budget_max": 150_000,
    }
    with time_machine.travel(timezone.now() - timedelta(days=days_ago)):
        return project_post(client=client, **(defaults | fields))


def logo(client, days_ago: float = 0, **fields: Any) -> Project:
    fields = {"title": "Logo", "category": "design", "skills": ["logo-design"], "budget_max": 60_000} | fields
    return posted(client, days_ago, **fields)


def titles(freelancer, candidates: int, monkeypatch) -> list[str]:
    monkeypatch.setattr(feed, "CANDIDATES", candidates)
    return [item.project.title for item in job_feed(freelancer=freelancer)]


def test_the_first_page_is_the_one_ranking_every_open_project_gives(clara, fred, monkeypatch):
    """A typical market: Fred's kind of work keeps coming among logos and other web work; a market smaller than
    the cap was ranked whole before the feed read its candidates from indexes, so this is also the old order."""
    posted(clara, days_ago=20, title="Python script", skills=["python"])
    for n in range(4):
        posted(clara, days_ago=7.5 - 2 * n, title=f"Django {n}")
        logo(clara, days_ago=6.5 - 2 * n, title=f"Logo {n}")
        posted(clara, days_ago=6 - 2 * n, title=f"Node {n}", skills=["nodejs"])

    everything = titles(fred, 1000, monkeypatch)
    bounded = titles(fred, FEW, monkeypatch)

    assert bounded == everything[:FEW] == ["Django 3", "Django 2", "Django 1"]


def test_an_older_matching_project_beats_newer_unrelated_ones(clara, fred, monkeypatch):
    django = posted(clara, days_ago=20, title="Old Django")
    for n in range(5):
        logo(clara, days_ago=n, title=f"Logo {n}")

    monkeypatch.setattr(feed, "CANDIDATES", FEW)

    items = job_feed(freelancer=fred)

    assert [item.project.title for item in items] == ["Old Django", "Logo 0", "Logo 1"]
    assert items[0].project == django
    assert items[0].reasons[0] == "Matches 2 of your skills: Django, Python"


def test_an_older_project_in_the_freelancers_category_beats_newer_unrelated_ones(clara, fred, monkeypatch):
    posted(clara, days_ago=20, title="Old Node API", skills=["nodejs"])
    for n in range(5):
        logo(clara, days_ago=n, title=f"Logo {n}")

    assert titles(fred, FEW, monkeypatch)[0] == "Old Node API"


def test_skills_are_matched_only_as_far_back_as_the_horizon(clara, fred, monkeypatch):
    """However rare a freelancer's skills, their search stops `CANDIDATES * HORIZON` open projects down."""
    posted(clara, days_ago=20, title="Old Django")
    for n in range(4):
        logo(clara, days_ago=n, title=f"Logo {n}")
    monkeypatch.setattr(feed, "HORIZON", 2)  # six projects back: Old Django is the fifth
    assert titles(fred, FEW, monkeypatch)[0] == "Old Django"

    for n in range(2):
        logo(clara, days_ago=10 + n, title=f"Older logo {n}")

    assert "Old Django" not in titles(fred, FEW, monkeypatch)


def test_an_old_invitation_stays_on_top_of_a_full_feed(clara, fred, monkeypatch):
    secret = logo(clara, days_ago=30, title="Secret", visibility="invite_only")
    invitation_send(project_id=secret.pk, freelancer_username="fred", by=clara)
    for n in range(5):
        posted(clara, days_ago=n, title=f"Django {n}")

    assert titles(fred, FEW, monkeypatch) == ["Secret", "Django 0", "Django 1"]


def test_invite_only_projects_sharing_a_skill_stay_hidden_from_the_uninvited(clara, fred, olga, monkeypatch):
    posted(clara, title="Secret Django", visibility="invite_only")
    logo(clara, days_ago=1)

    assert titles(fred, FEW, monkeypatch) == ["Logo"]
    assert titles(olga, FEW, monkeypatch) == ["Logo"]


def test_without_skills_the_newest_public_work_comes_first(clara, olga, monkeypatch):
    for n in range(5):
        posted(clara, days_ago=n, title=f"Django {n}")
        logo(clara, days_ago=n + 0.5, title=f"Logo {n}")

    assert titles(olga, FEW, monkeypatch) == ["Django 0", "Logo 0", "Django 1"]


def test_the_query_count_is_the_same_below_and_above_the_candidate_cap(clara, fred, monkeypatch):
    monkeypatch.setattr(feed, "CANDIDATES", FEW)
    posted(clara)
    logo(clara)
    with CaptureQueriesContext(connection) as few:
        job_feed(freelancer=fred)
    for n in range(10):
        posted(clara, title=f"Django {n}")
        logo(clara, title=f"Logo {n}")
    with CaptureQueriesContext(connection) as many:
        assert len(job_feed(freelancer=fred)) == FEW

    assert len(many) == len(few)


def at_one_moment(clara, djangos: int) -> None:
    """`djangos` Django projects, then six logos, all posted in the same second of a busy day: by (posted, id)
    the logos are the newest six, the Django ones after them."""
    with time_machine.travel(timezone.now() - timedelta(hours=1), tick=False):
        for n in range(djangos):
            posted(clara, title=f"Django {n}")
        for n in range(6):
            logo(clara, title=f"Logo {n}")


def test_projects_posted_at_one_moment_do_not_stretch_the_horizon(clara, fred, monkeypatch):
    """The horizon is a place, not a time: the Django work posted with the six logos is seventh or later."""
    monkeypatch.setattr(feed, "HORIZON", 2)  # the newest six open projects
    at_one_moment(clara, djangos=3)

    assert titles(fred, FEW, monkeypatch) == ["Logo 5", "Logo 4", "Logo 3"]


@contextmanager
def steps_counted(connection: BaseDatabaseWrapper) -> Iterator[list[int]]:
    """SQLite's virtual-machine steps (in hundreds) while the block runs: the work its queries do."""
    counted = [0]

    def step() -> int:
        counted[0] += 1
        return 0  # go on

    connection.ensure_connection()
    connection.connection.set_progress_handler(step, 100)
    try:
        yield counted
    finally:
        connection.connection.set_progress_handler(None, 0)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="counts SQLite's own steps")
def test_the_feed_reads_as_much_with_thirty_matches_past_the_horizon_as_with_three(clara, fred, monkeypatch):
    """Fred's skills are looked for among the newest six projects only, however many older ones match."""
    monkeypatch.setattr(feed, "CANDIDATES", FEW)
    monkeypatch.setattr(feed, "HORIZON", 2)
    for n in range(6):
        logo(clara, days_ago=n / 10, title=f"Logo {n}")

    def read(djangos: int) -> tuple[int, int]:
        for n in range(djangos):
            posted(clara, days_ago=1 + n / 10, title=f"Django {n}")
        job_feed(freelancer=fred)
        with CaptureQueriesContext(connection) as queries, steps_counted(connection) as steps:
            assert [item.project.title for item in job_feed(freelancer=fred)] == ["Logo 0", "Logo 1", "Logo 2"]
        return len(queries), steps[0]

    (few_queries, few_steps), (many_queries, many_steps) = read(3), read(27)

    assert many_queries == few_queries
    assert many_steps <= few_steps * 1.2
