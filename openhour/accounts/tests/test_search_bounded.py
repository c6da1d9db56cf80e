"""Best match ranks a bounded set: the most recently updated matches, up to search.RANKED, best match first, so a
word that half the market uses costs what a rare one does (the other matches are there in the browse orders)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.accounts.selectors import freelancer_search
from openhour.accounts.tests.test_pages_search import freelancer, names
from openhour.search import query

pytestmark = pytest.mark.django_db


def found(**args) -> list[str]:
    return [person.name for person in freelancer_search(**args)]


@pytest.fixture
def djangonauts():
    """Ann and Cy say Django in their headlines; Bob, who updated his profile last, only mentions it."""
    ann = freelancer("ann", "Ann Early", headline="Django developer", skills=["django"])
    cy = freelancer("cy", "Cy Strong", headline="Django developer", skills=["django"])
    bob = freelancer("bob", "Bob Passing", headline="Copywriter", bio="I once wrote a page about Django.")
    return [ann, cy, bob]


def test_the_best_match_comes_first_within_the_bound(djangonauts):
    assert found(q="django", ranked=2) == ["Cy Strong", "Bob Passing"]  # Ann updated first: beyond the bound
    assert found(q="django")[-1] == "Bob Passing"
    assert set(found(q="django")) == {"Ann Early", "Cy Strong", "Bob Passing"}


def test_the_other_orders_still_list_every_match(djangonauts):
    for sort in ("newest", "rate", "-rate", "rating"):
        assert len(found(q="django", ranked=2, sort=sort)) == 3, sort


def test_queries_and_rows_ranked_do_not_grow_with_the_matches(db):
    def search() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            rows = list(freelancer_search(q="django", ranked=2))
        return len(queries), len(rows)

    for n in range(3):
        freelancer(f"few{n}", f"Few {n}", headline=f"Django developer {n}", skills=["django", "python"])
    few = search()
    for n in range(12):
        freelancer(f"many{n}", f"Many {n}", headline=f"Django developer {n}", skills=["django", "python"])

    assert search() == few
    assert few[1] == 2


def test_the_page_and_the_api_show_the_bounded_set(client, djangonauts, monkeypatch):
    monkeypatch.setattr(query, "RANKED", 2)

    assert names(client.get("/freelancers?q=django")) == {"Cy Strong", "Bob Passing"}
    items = client.get("/api/v1/freelancers", {"q": "django"}).json()["items"]
    assert [item["username"] for item in items] == ["cy", "bob"]
    assert names(client.get("/freelancers?q=django&sort=newest")) == {"Ann Early", "Cy Strong", "Bob Passing"}
