"""Keyset pages: Older and Newer walk every row exactly once in both directions, on ties, with filters and NULLs;
orders that are not keyset-able page by a bounded offset; cursors cannot be forged or reused for another order;
the total stops counting at its bound."""

import re
from typing import Any

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.accounts.models import User
from openhour.accounts.selectors import freelancer_search
from openhour.accounts.services import profile_update
from openhour.jobs.models import Project
from openhour.jobs.selectors.projects import project_search
from openhour.jobs.selectors.proposals import proposals_for_project
from openhour.jobs.tests.proposal_kit import post, send
from openhour.lib.pagination import BadCursor, Total, keys_of, paginate, total

pytestmark = pytest.mark.django_db
SIZE = 3


def walk(rows: QuerySet[Any]) -> tuple[list[int], list[int]]:
    """Every page from the first by Older links, then back from the last by Newer links: the ids seen each way."""
    page = paginate(rows, cursor=None, size=SIZE)
    assert page.newer is None
    pages = [page]
    while pages[-1].older:
        pages.append(paginate(rows, cursor=pages[-1].older, size=SIZE))
    forward = [row.pk for p in pages for row in p.rows]
    back = [pages[-1]]
    while back[-1].newer:
        back.append(paginate(rows, cursor=back[-1].newer, size=SIZE))
    assert [[r.pk for r in p.rows] for p in back] == [[r.pk for r in p.rows] for p in reversed(pages)]
    return forward, [row.pk for p in reversed(back) for row in p.rows]


@pytest.fixture
def projects(clara) -> list[Project]:
    """Eleven projects posted in the same instant, four budgets between them; two want React."""
    with time_machine.travel("2026-03-02 10:00", tick=False):
        return [
            post(
                clara,
                title=f"Shop {n}",
                budget_min=10_000 * (n % 4 + 1),
                budget_max=10_000 * (n % 4 + 2),
                skills=skills,
            )
            for n, skills in enumerate([["django"]] * 9 + [["react"]] * 2)
        ]


@pytest.mark.parametrize("sort", ["newest", "budget", "-budget"])
def test_older_and_newer_walk_every_project_once_on_tied_times_and_budgets(projects, sort):
    rows = project_search(sort=sort)

    forward, back = walk(rows)

    assert forward == back == [p.pk for p in rows]
    assert len(forward) == 11


def test_a_filter_holds_on_every_page(projects):
    rows = project_search(skill="django", sort="budget")

    forward, back = walk(rows)

    assert forward == back == [p.pk for p in rows]
    assert len(forward) == 9


def test_people_without_a_rate_are_walked_once_after_those_with_one(db):
    for n in range(8):
        person = make_user(f"person{n}", name=f"Person {n}", freelancer=True)
        rate = None if n % 3 == 0 else 4000 + 100 * (n % 2)  # three without a rate, and ties
        profile_update(user=person, headline="Developer", hourly_rate=rate, rate_currency="GBP")

    for sort in ("rate", "-rate", "newest", ""):
        rows = freelancer_search(sort=sort)
        assert keys_of(rows) is not None, sort  # by keyset, on the profile's key: no offset past the first pages
        forward, back = walk(rows)
        assert forward == back == [p.pk for p in rows]
        assert len(forward) == 8
    # Without the filter a person might have no profile, so the profile's key no longer tells the rows apart.
    assert keys_of(User.objects.order_by("-profile__updated_at", "-profile__user_id")) is None


def test_proposals_ranked_by_skills_in_common_are_walked_once(clara):
    project = post(clara, skills=["django", "python"])
    for n in range(7):
        freelancer = make_user(f"free{n}", name=f"Free {n}", freelancer=True)
        profile_update(user=freelancer, headline="Developer", skills=["django", "python", "react"][: n % 3])
        send(project, freelancer, price=60_000 + 1000 * (n % 2))
    rows = proposals_for_project(project_id=project.pk, viewer=clara, sort="best")
    assert rows is not None

    forward, back = walk(rows)

    assert forward == back == [p.pk for p in rows]


def test_a_relevance_order_pages_by_offset_through_every_row(projects):
    rows = project_search(q="shop", sort="relevance")
    assert keys_of(rows) is None  # a float rank: not keyset-able

    forward, back = walk(rows)

    assert forward == back == [p.pk for p in rows]


@pytest.mark.parametrize("cursor", ["forged", signing.dumps({"k": "-created_at,-id", "v": [1, 2], "d": "o"})])
def test_a_forged_cursor_is_refused(projects, cursor):
    with pytest.raises(BadCursor):
        paginate(project_search(), cursor=cursor, size=SIZE)


def test_a_cursor_of_another_order_is_refused(projects):
    by_budget = paginate(project_search(sort="budget"), cursor=None, size=SIZE).older

    with pytest.raises(BadCursor):
        paginate(project_search(sort="newest"), cursor=by_budget, size=SIZE)


def test_the_total_stops_counting_at_its_bound(projects):
    assert total(project_search(), bound=5) == Total(5, capped=True)
    assert str(total(project_search(), bound=5)) == "5+"
    assert total(project_search(), bound=11) == Total(11, capped=False)
    assert str(Total(12345, capped=False)) == "12,345"


def test_the_api_still_reads_an_offset_cursor_it_gave_out_before(client, projects):
    ids = [str(p.pk) for p in project_search()]
    old = signing.dumps(2, salt="openhour.api.cursor")

    page = client.get("/api/v1/projects", {"limit": 4, "cursor": old}).json()
    after = client.get("/api/v1/projects", {"limit": 4, "cursor": page["next_cursor"]}).json()

    assert [str(p["id"]) for p in page["items"]] == ids[2:6]
    assert [str(p["id"]) for p in after["items"]] == ids[6:10]


def test_a_forged_api_cursor_is_a_400(client, projects):
    response = client.get("/api/v1/projects", {"cursor": "forged"})

    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_a_deep_page_makes_the_queries_the_first_does(client, clara, projects):
    for n in range(10):
        post(clara, title=f"Bakery {n}")
    first = client.get("/projects?sort=budget")
    older = re.search(r'<a rel="next" href="([^"]+)"', first.content.decode())
    assert older is not None

    with CaptureQueriesContext(connection) as at_first:
        client.get("/projects?sort=budget")
    with CaptureQueriesContext(connection) as deeper:
        assert client.get("/projects" + older.group(1).replace("&amp;", "&")).status_code == 200

    assert len(deeper) == len(at_first)
