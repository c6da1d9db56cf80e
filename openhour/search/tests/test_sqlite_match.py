"""On SQLite the FTS5 table drives a search: each MATCH in a search's SQL runs once, however many documents
there are (a plan that probes the FTS5 table once per document took minutes at 100k projects).

The check counts real executions: the test wraps each MATCH's search text in a function SQLite must call
every time it starts that MATCH (a non-deterministic one, so it cannot be computed once and reused)."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection

from openhour.accounts.selectors import freelancer_search
from openhour.accounts.services import profile_update
from openhour.jobs.selectors.projects import project_search
from openhour.search.tests.test_search import post

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's")

MATCH = "search_fts MATCH %s"


class Matches:
    """How often SQLite started a MATCH, and how many MATCHes the statements hold."""

    def __init__(self) -> None:
        self.runs = 0
        self.written = 0

    def counted(self, text: str) -> str:
        self.runs += 1
        return text

    def wrap(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        self.written += sql.count(MATCH)
        return execute(sql.replace(MATCH, "search_fts MATCH counted_match(%s)"), params, many, context)


@pytest.fixture
def matches(db: Any) -> Iterator[Matches]:
    counter = Matches()
    connection.ensure_connection()
    connection.connection.create_function("counted_match", 1, counter.counted, deterministic=False)
    with connection.execute_wrapper(counter.wrap):
        yield counter


def runs(matches: Matches, search: Callable[[], list[Any]]) -> tuple[int, int, int]:
    matches.runs = matches.written = 0
    found = len(search())
    return found, matches.runs, matches.written


@pytest.mark.parametrize("sort", ["newest", "relevance", "budget"])
def test_a_project_search_starts_each_match_once_however_many_documents(clara, matches, sort):
    def search() -> list[Any]:
        return list(project_search(q="logo", sort=sort))

    post(clara, "Logo for a bakery")
    post(clara, "Menu for a cafe")
    few = runs(matches, search)
    for n in range(30):
        post(clara, f"Logo number {n}")
        post(clara, f"Flyer number {n}")
    many = runs(matches, search)

    assert (few[0], many[0]) == (1, 31)
    assert few[1] == few[2] and many[1] == many[2] == few[2]  # each MATCH written ran once, at both sizes


def test_a_freelancer_search_starts_each_match_once(fred, olga, matches):
    profile_update(user=olga, bio="Sometimes I help with Django projects too.")

    found, started, written = runs(matches, lambda: list(freelancer_search(q="django")))

    assert found == 2
    assert started == written, (started, written)
