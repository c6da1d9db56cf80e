"""The dashboard and the contracts list cost the same number of queries for one contract as for five."""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.contracts.dashboard.tests.kit import ask_for_changes, deliver, fund, started
from openhour.contracts.dashboard.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def _contracts(clara, fred, count: int) -> None:
    """Each contract with a milestone in every state the dashboard reads."""
    for n in range(count):
        _unfunded, delivered, revising = started(clara, fred, 10_000, 20_000, 30_000, title=f"Job {n}").milestones.all()
        for milestone in (delivered, revising):
            fund(milestone, clara)
            deliver(milestone, fred)
        ask_for_changes(revising, clara)


def _queries(browser, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("path", ["/dashboard?as=client", "/dashboard?as=freelancer", "/contracts"])
def test_the_query_count_does_not_grow_with_contracts(clara, fred, client_for, path, ledger_ok):
    fred.is_client = clara.is_freelancer = True  # both may look from either side
    fred.save(update_fields=["is_client"])
    clara.save(update_fields=["is_freelancer"])
    _contracts(clara, fred, 1)
    one = {who.username: _queries(client_for(who), path) for who in (clara, fred)}
    _contracts(clara, fred, 4)
    five = {who.username: _queries(client_for(who), path) for who in (clara, fred)}
    assert five == one, (one, five)
    ledger_ok()


def _owing(clara, fred, start: int, stop: int) -> None:
    """Contracts numbered start..stop-1, each with a milestone to fund and a funded one to deliver."""
    for n in range(start, stop):
        _unfunded, owed = started(clara, fred, 10_000, 20_000, title=f"Job {n}").milestones.all()
        fund(owed, clara)


def test_the_query_count_is_the_same_for_3_contracts_as_for_30(clara, fred, client_for, ledger_ok):
    """More contracts than the dashboard lists: its steps, deadlines and cards are cut in the database."""
    paths = {clara: "/dashboard?as=client", fred: "/dashboard?as=freelancer"}
    _owing(clara, fred, 0, 3)
    few = {who.username: _queries(client_for(who), path) for who, path in paths.items()}
    _owing(clara, fred, 3, 30)
    many = {who.username: _queries(client_for(who), path) for who, path in paths.items()}
    assert many == few, (few, many)
    ledger_ok()


def test_an_older_page_of_the_list_costs_what_the_first_does(clara, fred, client_for):
    browser = client_for(clara)

    def first_and_older() -> tuple[int, int]:
        first = browser.get("/contracts").content.decode()
        older = html.unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
        return _queries(browser, "/contracts"), _queries(browser, f"/contracts{older}")

    for n in range(PAGE_SIZE + 1):
        started(clara, fred, 10_000, title=f"Job {n}")
    few = first_and_older()
    for n in range(2 * PAGE_SIZE):
        started(clara, fred, 10_000, title=f"More {n}")
    many = first_and_older()
    assert few[0] == few[1] == many[0] == many[1], (few, many)
