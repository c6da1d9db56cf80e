"""After one 5-star review a profile says "5.0 out of 5 from 1 review" and "1 of 1 client would hire them again";
the score of the published formula is labelled as the ranking score, and the API gains the plain average."""

import pytest

from openhour.reviews.tests.test_public_reputation import reviewed

pytestmark = pytest.mark.django_db


def test_one_five_star_review_reads_as_five_stars(client, clara, fred, olga):
    reviewed(clara, olga, by_client=4)  # the platform mean starts below 5
    reviewed(clara, fred, by_client=5)
    html = client.get("/u/fred").content.decode()

    assert "5.0 out of 5 from 1 review" in html
    assert "1 of 1 client would hire them again." in html
    assert "Ranking score: 4." in html  # pulled towards the mean, and called what it is
    assert "95% sure" not in html and "at least 20%" not in html


def test_the_api_adds_the_plain_average_beside_the_score(client, clara, fred, olga):
    reviewed(clara, olga, by_client=4)
    reviewed(clara, fred, by_client=5)
    found = client.get("/api/v1/users/fred/reputation?role=freelancer").json()

    assert found["average"] == 5.0 and found["reviews"] == 1
    assert 4 < found["score"] < 5  # unchanged: the published formula
    assert found["would_again_lower_bound"] < 0.25  # unchanged, explained on /trust/reviews


def test_the_trust_page_explains_the_ranking_score_and_the_lower_bound(client):
    html = client.get("/trust/reviews").content.decode()

    assert "name this score “ranking score”" in html
    assert "Profiles show the plain count (“1 of 1 client would hire them again”)" in html


def test_search_cards_lead_with_the_plain_average(client, clara, fred, olga):
    reviewed(clara, olga, by_client=4)
    reviewed(clara, fred, by_client=5)
    html = client.get("/freelancers").content.decode()

    assert "5.0 out of 5 from 1 review" in html  # Fred
    assert "4.0 out of 5 from 1 review" in html  # Olga
