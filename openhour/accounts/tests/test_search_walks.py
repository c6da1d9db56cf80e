"""Every order of /freelancers pages by keyset through short index walks: "Best rated" with people without reviews
at the platform mean, the rates with people without a rate last. Paging forward and back gives the whole order,
the pages cost as many queries with many freelancers as with few, and the count says when there are more."""

import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhour.accounts.models import Profile, User
from openhour.accounts.selectors import freelancer_search
from openhour.accounts.tests.test_pages_search import freelancer
from openhour.lib.pagination import Page, paginate
from openhour.lib.process import FREELANCER
from openhour.reviews.models import PlatformMean, Reputation
from openhour.search import query

pytestmark = pytest.mark.django_db


def scored(user: User, score: str | None, reviews: int) -> None:
    """The stored reputation of a freelancer, as openhour.reviews.scoring keeps it on the row and the profile."""
    value = Decimal(score) if score is not None else None
    Reputation.objects.create(user=user, role=FREELANCER, score=value, reviews=reviews, computed_at=timezone.now())
    Profile.objects.filter(user=user).update(freelancer_score=value, freelancer_reviews=reviews)


@pytest.fixture
def rated():
    """The platform mean is 4.5. In the order "Best rated" promises: Ada 4.9, Ben and Bea 4.6 (Ben with more
    reviews), Mo exactly at the mean with reviews, the two newcomers at the mean (Nell updated last), Gil whose
    reviews left the public (no score: at the mean too, with none counted), then Lou 4.1 and Lee 3.0."""
    PlatformMean.objects.create(role=FREELANCER, reviews=2, total=9, computed_at=timezone.now())
    people = {}
    for username, score, reviews in [
        ("lee", "3.00", 4),
        ("bea", "4.60", 2),
        ("ada", "4.90", 9),
        ("gil", None, 0),
        ("mo", "4.50", 3),
        ("ben", "4.60", 5),
        ("lou", "4.10", 7),
        ("nat", None, None),
        ("nell", None, None),
    ]:
        people[username] = freelancer(username, username.title(), headline="Web developer")
        if reviews is not None:
            scored(people[username], score, reviews)
    return people


BEST_RATED = ["ada", "ben", "bea", "mo", "nell", "nat", "gil", "lou", "lee"]


def walk(rows, size: int) -> tuple[list[str], list[Page]]:
    """Every row, page after page by the cursors given out, and the pages."""
    pages = [paginate(rows, cursor=None, size=size)]
    while pages[-1].older:
        pages.append(paginate(rows, cursor=pages[-1].older, size=size))
    return [person.username for page in pages for person in page.rows], pages


def test_best_rated_keeps_its_order_page_after_page(rated):
    rows = freelancer_search(sort="rating")

    assert [person.username for person in rows] == BEST_RATED
    for size in (1, 2, 4, 20):
        found, pages = walk(rows, size)
        assert found == BEST_RATED, size
        for before, after in itertools.pairwise(pages):  # and back again
            assert paginate(rows, cursor=after.newer, size=size).rows == before.rows


def test_best_rated_with_a_word_and_no_reviews_yet(rated):
    PlatformMean.objects.all().delete()  # before any review: everyone unscored sits at 1.0

    everyone_scored_first = ["ada", "ben", "bea", "mo", "lou", "lee", "nell", "nat", "gil"]
    assert walk(freelancer_search(q="web", sort="rating"), 2)[0] == everyone_scored_first
    assert walk(freelancer_search(q="nobody", sort="rating"), 2)[0] == []


def test_rates_keep_people_without_a_rate_last_page_after_page(db):
    for username, rate in [("a", 5000), ("b", None), ("c", 3000), ("d", 5000), ("e", None), ("f", 9000)]:
        freelancer(username, username.upper(), headline="Writer", **({"hourly_rate": rate} if rate else {}))

    for size in (1, 2, 5):
        assert walk(freelancer_search(sort="rate"), size)[0] == ["c", "a", "d", "f", "b", "e"]
        assert walk(freelancer_search(sort="-rate"), size)[0] == ["f", "a", "d", "c", "b", "e"]
    assert [person.username for person in freelancer_search(sort="-rate")] == ["f", "a", "d", "c", "b", "e"]


def test_a_page_of_any_order_costs_a_bounded_number_of_queries(rated):
    def pages() -> dict[str, int]:
        spent = {}
        for sort in ("relevance", "rating", "rate", "-rate", "newest"):
            for q in ("", "developer"):
                rows = freelancer_search(q=q, sort=sort)
                first = paginate(rows, cursor=None, size=2)
                with CaptureQueriesContext(connection) as captured:
                    paginate(rows, cursor=first.older, size=2, count=True)
                spent[f"{sort} {q}"] = len(captured)
        return spent

    # A page that crosses parts of "Best rated" (four) walks each: a row query and its skills per part, and the count.
    most = 2 * 4 + 1
    assert max(pages().values()) <= most
    for n in range(20):
        person = freelancer(f"many{n}", f"Many {n}", headline="Web developer", hourly_rate=4000 + n)
        scored(person, f"{3 + n / 10:.2f}", n)

    assert max(pages().values()) <= most


def test_the_count_says_when_best_match_stopped_at_its_bound(client, rated, monkeypatch):
    monkeypatch.setattr(query, "RANKED", 4)

    assert b"4+ freelancers" in client.get("/freelancers?q=developer").content
    assert b"9 freelancers" in client.get("/freelancers?q=developer&sort=rating").content
    assert b"9 freelancers" in client.get("/freelancers").content
    monkeypatch.setattr(query, "RANKED", 9)
    assert b"9 freelancers" in client.get("/freelancers?q=developer").content  # all of them were ranked
