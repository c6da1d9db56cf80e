"""Reputation and published reviews in public: the profile's blocks, /u/<username>/reviews, the client's
reputation on project pages and the API's summary. Sealed reviews and private notes are never shown.

The worked example (`market`): Clara gives Fred 5 stars and would hire him again, Carl gives him 3 and would
not, and Clara gives Finn 2. The platform mean of clients' ratings is m = (5 + 3 + 2) / 3 = 3.33; with C = 7
phantom reviews and weights of 1 (published just now), Fred's score is (7 × 3.33 + 5 + 3) / (7 + 2) = 3.48,
shown as 3.5. One of his three completed contracts got a positive review: 33% (Sam's review is still sealed,
so that contract counts as not positive). Would hire again, 1 of 2: the
Wilson lower bound with z = 1.96 is (0.5 + 0.9604 − 1.1843) / (1 + 1.9208) = 0.0945, "at least 9%".
"""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.jobs.tests.proposal_kit import post
from openhour.lib.process import CLIENT, FREELANCER
from openhour.reviews.services.reviews import reply_post, review_submit
from openhour.reviews.tests.kit import body, finished
from openhour.reviews.views import public as views_public

PRIVATE = "Private words for the platform only"
SEALED = "Sealed words nobody may read yet"


def reviewed(client: Any, freelancer: Any, *, by_client: int = 5, by_freelancer: int = 5, **changes: Any) -> Any:
    """A finished contract both parties reviewed: both reviews are published. `changes` go into the client's."""
    contract = finished(client, freelancer)
    review_submit(contract_id=contract.pk, by=client, data=body(CLIENT, by_client, **changes))
    review_submit(contract_id=contract.pk, by=freelancer, data=body(FREELANCER, by_freelancer))
    return contract


def sealed(client: Any, freelancer: Any) -> None:
    """A finished contract only the client reviewed: the review stays sealed while the window is open."""
    contract = finished(client, freelancer)
    review_submit(contract_id=contract.pk, by=client, data=body(CLIENT, 1, went_well=SEALED))


@pytest.fixture
def market(clara, fred):
    carl = make_user("carl", name="Carl Customer", client=True)
    finn = make_user("finn", name="Finn Other", freelancer=True)
    reviewed(clara, fred, by_client=5, by_freelancer=4, private_note=PRIVATE, went_well="Lovely clean code.")
    reviewed(carl, fred, by_client=3, would_work_again=False, went_well="Late but it worked.")
    reviewed(clara, finn, by_client=2)
    sealed(make_user("sam", name="Sam Sealed", client=True), fred)
    return {"carl": carl, "finn": finn}


def test_a_profile_without_reviews_says_so_and_explains_reviews(client, fred, ledger_ok):
    html = client.get("/u/fred").content.decode()

    assert "Reputation as a freelancer" in html
    assert "No reviews yet" in html
    assert 'href="/trust/reviews">How reviews work</a>' in html
    assert "Reputation as a client" not in html  # a freelancer who never hired: no empty client block
    ledger_ok()


def test_the_profile_shows_the_score_and_why(client, market, ledger_ok):
    html = client.get("/u/fred").content.decode()

    assert "4.0 out of 5 from 2 reviews" in html  # the plain average first: 5 and 3 stars
    assert "Ranking score: 3.5 out of 5. Search sorts by it." in html
    assert "Every profile starts at the platform average of 3.3" in html
    assert 'href="/trust/reviews#formula-title">How the score is worked out</a>' in html
    assert "<dt>Quality of work</dt><dd>4.0 out of 5</dd>" in html
    assert '<th scope="row">5 stars</th>' in html and '<th scope="row">3 stars</th>' in html
    assert "2 reviews in total, 2 in the last 12 months." in html
    assert "33% of 3 completed contracts got a positive review" in html
    assert "1 of 2 clients would hire them again." in html
    assert "95% sure" not in html  # the cautious lower bound is explained on /trust/reviews, not used as a verdict
    ledger_ok()


def test_the_profile_lists_the_latest_reviews_whatever_their_rating(client, market):
    html = client.get("/u/fred").content.decode()

    assert "Lovely clean code." in html and "Late but it worked." in html
    assert 'href="/u/fred/reviews?sort=recent&amp;role=freelancer">Read all 2 reviews</a>' in html
    assert 'href="/trust/reviews">How reviews work</a>' in html


def test_nobody_sees_private_notes_or_sealed_reviews(client, client_for, market, olga, clara):
    pages = ["/u/fred", "/u/fred/reviews", "/u/fred/reviews?sort=rating", "/u/clara", "/api/v1/users/fred"]
    for browser in (client, client_for(olga), client_for(clara)):
        for page in pages:
            html = browser.get(page).content.decode()
            assert PRIVATE not in html, page
            assert SEALED not in html, page
    assert "Lovely clean code." in client.get("/u/fred/reviews").content.decode()  # published ones are public


def test_a_clients_profile_shows_their_reputation_as_a_client(client, market):
    html = client.get("/u/clara").content.decode()

    assert "Reputation as a client" in html
    assert "Reputation as a freelancer" not in html
    assert "2 of 2 freelancers would work for them again." in html
    assert 'href="/u/clara/reviews?sort=recent&amp;role=client"' in html


def test_someone_who_also_hires_shows_both_reputations(client, fred, ledger_ok):
    dana = make_user("dana", name="Dana Both", client=True, freelancer=True)
    assert "Reputation as a client" not in client.get("/u/dana").content.decode()

    reviewed(dana, fred, by_freelancer=4)
    html = client.get("/u/dana").content.decode()

    assert "Reputation as a freelancer" in html and "No reviews yet" in html
    assert "Reputation as a client" in html and "4.0 out of 5 from 1 review" in html
    ledger_ok()


# ---- all reviews: /u/<username>/reviews ------------------------------------------------------------------


def test_all_reviews_sorted_by_rating_or_date(client, market):
    by_rating = client.get("/u/fred/reviews?sort=rating&role=freelancer").content.decode()
    recent = client.get("/u/fred/reviews?sort=recent").content.decode()

    assert by_rating.index("Lovely clean code.") < by_rating.index("Late but it worked.")
    assert recent.index("Late but it worked.") < recent.index("Lovely clean code.")
    assert 'aria-current="page">highest rating first</a>' in by_rating
    assert "<h1>Reviews of Fred Freelancer</h1>" in recent, recent
    assert "3.5 out of 5" in recent
    assert 'href="/trust/reviews">How reviews work</a>' in recent


def test_reviews_as_a_client_are_a_separate_list(client, market):
    html = client.get("/u/fred/reviews?role=client").content.decode()

    assert "Reputation as a client" in html and "No reviews yet" in html
    assert "Lovely clean code." not in html


def test_reviews_are_paged(client, market, monkeypatch):
    monkeypatch.setattr(views_public, "PER_PAGE", 1)

    first = client.get("/u/fred/reviews").content.decode()
    second = client.get("/u/fred/reviews?sort=recent&role=freelancer&page=2").content.decode()

    assert "Page 1 of 2" in first and "Late but it worked." in first and "Lovely clean code." not in first
    assert "Lovely clean code." in second
    assert 'href="?sort=recent&amp;role=freelancer&amp;page=2"' in first


def test_nobody_by_that_name(client, db):
    assert client.get("/u/nobody/reviews").status_code == 404


def queries_for(client: Any, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_review_list_takes_as_many_queries_for_one_review_as_for_five(client, clara, fred, ledger_ok):
    first = reviewed(clara, fred)
    one = queries_for(client, "/u/fred/reviews")
    for _n in range(4):
        reviewed(clara, fred)
    reply_post(review_id=first.reviews.get(author=clara).pk, by=fred, text="Thank you, Clara!")

    five = queries_for(client, "/u/fred/reviews")

    assert five == one
    assert queries_for(client, "/u/fred") == queries_for(client, "/u/fred")  # and the profile is stable too
    ledger_ok()


# ---- the client's reputation on project pages -----------------------------------------------------------


def test_freelancers_see_the_clients_reputation_before_they_propose(client_for, market, fred):
    project = post(market["carl"])
    html = client_for(fred).get(f"/projects/{project.pk}").content.decode()

    assert "Reputation as a client" in html
    assert "5.0 out of 5 from 1 review" in html  # Carl's one review, as given
    assert "ranking score 4.7" in html  # (7 × 4.67 + 5) / 8: freelancers gave 4, 5 and 5 (Carl)
    assert "1 of 1 freelancer would work for them again." in html
    assert 'href="/u/carl/reviews?sort=recent&amp;role=client"' in html
    assert 'href="/trust/reviews">How reviews work</a>' in html


def test_a_new_clients_project_says_no_reviews_yet(client, olga, db):
    newcomer = make_user("nia", name="Nia New", client=True)
    html = client.get(f"/projects/{post(newcomer).pk}").content.decode()

    assert "Reputation as a client" in html and "No reviews yet" in html


# ---- the API's summary on GET /users/{username} ---------------------------------------------------------


def test_the_api_profile_carries_a_real_reputation_summary(client, market):
    reputation = client.get("/api/v1/users/fred").json()["reputation"]

    assert reputation["role"] == "freelancer"
    assert reputation["score"] == pytest.approx(3.48, abs=0.01)
    assert reputation["reviews"] == 2
    assert reputation["effective_percent_positive"] == 33.3
    assert reputation["would_work_again_lower_bound"] == pytest.approx(0.0945, abs=0.001)


def test_the_api_profile_of_someone_without_reviews(client, clara):
    assert client.get("/api/v1/users/clara").json()["reputation"] == {
        "role": "client",
        "score": None,
        "reviews": 0,
        "last_12_months": 0,
        "would_work_again_lower_bound": None,
        "effective_percent_positive": None,
    }
