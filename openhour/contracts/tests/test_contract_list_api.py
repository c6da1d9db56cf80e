"""GET /api/v1/contracts: a person's contracts on both sides, newest first, page after page by a cursor that
holds the last row's place, so new contracts never repeat or skip a row; a page costs the same queries for 3
contracts as for 30, and cursors given out before (offsets) still work."""

from typing import Any

import pytest
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.api.pagination import SALT
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


def _someone(n: int) -> Any:
    return make_user(f"party{n}", name=f"Party {n}", client=True, freelancer=True)


def _contracts(fred: Any, start: int, stop: int) -> list[str]:
    """Fred's contracts numbered start..stop-1, every third one with him as the client; their ids, newest first."""
    made = []
    for n in range(start, stop):
        other = _someone(n)
        client, freelancer = (fred, other) if n % 3 == 0 else (other, fred)
        made.append(str(contract_between(client, freelancer, 10_000 + n).pk))
    return made[::-1]


def _walk(browser: Client, limit: int) -> list[str]:
    seen, cursor = [], ""
    while True:
        page = browser.get("/api/v1/contracts", {"limit": limit, "cursor": cursor}).json()
        seen += [item["id"] for item in page["items"]]
        if not page["next_cursor"]:
            return seen
        cursor = page["next_cursor"]


@pytest.fixture
def fred_api(fred, bearer) -> Client:
    fred.is_client = True
    fred.save(update_fields=["is_client"])
    return Client(headers=bearer(fred))


def test_pages_walk_both_sides_newest_first(fred, fred_api):
    newest_first = _contracts(fred, 0, 7)

    for limit in (1, 2, 3, 7, 20):
        assert _walk(fred_api, limit) == newest_first, limit


def test_a_new_contract_neither_repeats_nor_skips_a_row_on_the_next_page(fred, fred_api):
    newest_first = _contracts(fred, 0, 5)
    first = fred_api.get("/api/v1/contracts", {"limit": 2}).json()

    _contracts(fred, 5, 6)  # arrives at the top while Fred reads on
    after = fred_api.get("/api/v1/contracts", {"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [item["id"] for item in first["items"]] == newest_first[:2]
    assert [item["id"] for item in after["items"]] == newest_first[2:4]


def test_an_offset_cursor_given_out_before_still_works(fred, fred_api):
    newest_first = _contracts(fred, 0, 5)
    old = signing.dumps(2, salt=SALT)

    page = fred_api.get("/api/v1/contracts", {"limit": 2, "cursor": old}).json()
    rest = fred_api.get("/api/v1/contracts", {"limit": 2, "cursor": page["next_cursor"]}).json()

    assert [item["id"] for item in page["items"]] == newest_first[2:4]
    assert [item["id"] for item in rest["items"]] == newest_first[4:]
    assert rest["next_cursor"] is None


def test_a_forged_cursor_is_refused(fred_api):
    assert fred_api.get("/api/v1/contracts", {"cursor": "forged"}).status_code == 400


def _queries(browser: Client, cursor: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get("/api/v1/contracts", {"limit": 2, "cursor": cursor}).status_code == 200
    return len(captured)


def test_a_page_costs_the_same_queries_for_3_contracts_as_for_30(fred, fred_api):
    def pages() -> tuple[int, int]:
        second = fred_api.get("/api/v1/contracts", {"limit": 2}).json()["next_cursor"]
        return _queries(fred_api, ""), _queries(fred_api, second)

    _contracts(fred, 0, 3)
    few = pages()
    _contracts(fred, 3, 30)

    assert pages() == few
