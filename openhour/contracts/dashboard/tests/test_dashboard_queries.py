"""The dashboard and the contracts list cost the same number of queries for one contract as for five."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.contracts.dashboard.tests.kit import ask_for_changes, deliver, fund, started

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
