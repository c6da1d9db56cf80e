"""Search ranks freelancers by reputation: "Best rated" sorts by the stored score (people without reviews at
the platform mean, where the formula starts them), and the default order for a text search multiplies how well
the words match by that score."""

from typing import Any

import pytest

from conftest import make_user
from openhour.accounts.services import profile_update
from openhour.reviews.tests.test_public_reputation import reviewed

TWIN = {"headline": "Django developer", "bio": "I build web applications.", "skills": ["python", "django"]}


def twin(username: str, name: str) -> Any:
    """A freelancer whose profile reads exactly like Fred's, so text relevance cannot tell them apart."""
    user = make_user(username, name=name, freelancer=True)
    profile_update(user=user, hourly_rate=4500, rate_currency="GBP", country="GB", **TWIN)
    return user


@pytest.fixture
def rated(clara, fred):
    """Fred reviewed 5 stars, Finn 2 stars, Nia never reviewed; Finn and Nia updated their profiles last."""
    finn = twin("finn", "Finn Fair")
    reviewed(clara, fred, by_client=5)
    reviewed(clara, finn, by_client=2)
    nia = twin("nia", "Nia New")
    return {"fred": fred, "finn": finn, "nia": nia}


def usernames(client: Any, **params: Any) -> list[str]:
    response = client.get("/api/v1/freelancers", params)
    assert response.status_code == 200
    return [item["username"] for item in response.json()["items"]]


def page_order(client: Any, query: str, names: list[str]) -> list[str]:
    html = client.get(f"/freelancers?{query}").content.decode()
    return sorted(names, key=lambda name: html.index(name))


def test_best_rated_puts_the_higher_score_first_and_newcomers_at_the_mean(client, rated, ledger_ok):
    assert usernames(client, sort="rating") == ["fred", "nia", "finn"]
    assert page_order(client, "sort=rating", ["Fred Freelancer", "Finn Fair", "Nia New"]) == [
        "Fred Freelancer",
        "Nia New",
        "Finn Fair",
    ]
    ledger_ok()


def test_the_default_text_search_blends_relevance_with_reputation(client, clara, fred, ledger_ok):
    finn = twin("finn", "Finn Fair")
    assert usernames(client, q="django developer") == ["finn", "fred"]  # equal matches: recently updated first

    reviewed(clara, fred, by_client=5)
    reviewed(clara, finn, by_client=2)

    assert usernames(client, q="django developer") == ["fred", "finn"]
    assert page_order(client, "q=django+developer", ["Fred Freelancer", "Finn Fair"]) == [
        "Fred Freelancer",
        "Finn Fair",
    ]
    ledger_ok()


def test_search_results_carry_the_score_they_are_ranked_by(client, rated):
    items = {item["username"]: item for item in client.get("/api/v1/freelancers", {"sort": "rating"}).json()["items"]}

    assert items["fred"]["reputation"] == {"score": 5.0, "reviews": 1}  # stored when the mean was his own 5
    assert items["nia"]["reputation"] == {"score": None, "reviews": 0}
    html = client.get("/freelancers?sort=rating").content.decode()
    assert "5.0 out of 5 from 1 review" in html and "2.0 out of 5 from 1 review" in html  # the plain averages


def test_min_rating_keeps_only_people_scored_at_least_that(client, rated):
    assert usernames(client, min_rating=4) == ["fred"]
    assert client.get("/api/v1/freelancers", {"min_rating": 9}).status_code in (400, 422)


def test_the_listing_offers_best_rated(client, db):
    assert '<option value="rating">Best rated</option>' in client.get("/freelancers").content.decode()
