"""The reviews API: Clara and Fred review each other after a paid contract; the first review stays sealed, the
second publishes both; the public reads published reviews with their labels and the reputation behind them;
Fred answers a review about him once. Every refusal is a clear error and leaves nothing stored."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from openhour.lib.process import FREELANCER
from openhour.reviews.models import Reply, Review
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished

JSON = "application/json"
PUBLIC_FIELDS = {
    "id",
    "overall",
    "ratings",
    "would_work_again",
    "went_well",
    "could_improve",
    "reviewer",
    "author_role",
    "labels",
    "published_at",
    "reply",
}


@pytest.fixture
def paid(clara, fred, ledger_ok):
    """Clara's contract with Fred: £300 released, then ended, so both may review."""
    contract = finished(clara, fred)
    yield contract
    ledger_ok()


def reviews_url(contract: Any) -> str:
    return f"/api/v1/contracts/{contract.pk}/reviews"


def submit(browser: Client, contract: Any, data: Any) -> Any:
    return browser.post(reviews_url(contract), data, content_type=JSON)


def edit(browser: Client, contract: Any, data: Any) -> Any:
    return browser.put(reviews_url(contract) + "/mine", data, content_type=JSON)


def refused(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    return error


def both_reviewed(contract: Any, clara: Any, fred: Any) -> Review:
    """Clara's review of Fred, published because Fred reviewed her too."""
    mine = services.review_submit(contract_id=contract.pk, by=clara, data=body(overall=4))
    services.review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, 5))
    return Review.objects.get(pk=mine.pk)


# ---- writing and reading one's own -----------------------------------------------------------------------


def test_the_first_review_is_sealed_and_only_its_author_sees_it(paid, clara, fred, client_for):
    response = submit(client_for(clara), paid, body(overall=4, private_note="Slow to invoice."))

    assert response.status_code == 201, response.content
    review = response.json()
    assert review["status"] == "sealed"
    assert review["overall"] == 4
    assert review["ratings"] == {"quality": 4, "communication": 4, "expertise": 4, "timeliness": 4, "value": 4}
    assert review["private_note"] == "Slow to invoice."
    assert review["labels"] == {
        "verified_contract": True,
        "category": "",
        "budget_band": "£250–£1,000",
        "duration_band": "less than a week",
    }
    assert review["published_at"] is None
    mine = client_for(clara).get(reviews_url(paid)).json()
    assert mine["mine"]["private_note"] == "Slow to invoice."
    assert (mine["theirs"], mine["may_review"], mine["may_edit"]) == (None, False, True)
    theirs = client_for(fred).get(reviews_url(paid)).json()
    assert theirs["mine"] is None
    assert theirs["theirs"] == {"status": "sealed"}
    assert (theirs["may_review"], theirs["may_edit"]) == (True, False)
    assert theirs["window_closes_at"]


def test_the_second_review_publishes_both_without_the_private_notes(paid, clara, fred, client_for):
    submit(client_for(clara), paid, body(private_note="Clara's note to the platform."))

    response = submit(client_for(fred), paid, body(FREELANCER, 3, went_well="Paid on time."))

    assert response.status_code == 201, response.content
    assert response.json()["status"] == "published"
    seen = client_for(clara).get(reviews_url(paid)).json()
    assert seen["mine"]["status"] == "published"
    assert (seen["may_review"], seen["may_edit"]) == (False, False)
    assert seen["theirs"]["went_well"] == "Paid on time."
    assert seen["theirs"]["ratings"] == {
        "clarity": 3,
        "communication": 3,
        "payment_promptness": 3,
        "scope_stability": 3,
    }
    assert "private_note" not in seen["theirs"]
    assert "Clara's note" not in client_for(fred).get(reviews_url(paid)).content.decode()


def test_a_sealed_review_can_be_edited_but_not_once_published(paid, clara, fred, client_for):
    submit(client_for(clara), paid, body(overall=2))

    response = edit(client_for(clara), paid, body(overall=4, went_well="Better than I first said."))

    assert response.status_code == 200, response.content
    assert (response.json()["overall"], response.json()["status"]) == (4, "sealed")
    submit(client_for(fred), paid, body(FREELANCER))
    refused(edit(client_for(clara), paid, body(overall=1)), 409, "review_window_closed")
    review = Review.objects.get(author=clara)
    assert (review.overall, review.went_well) == (4, "Better than I first said.")


def test_editing_before_reviewing_is_not_found(paid, fred, client_for):
    refused(edit(client_for(fred), paid, body(FREELANCER)), 404, "not_found")
    assert not Review.objects.exists()


def test_an_edit_is_checked_like_a_review(paid, clara, client_for):
    submit(client_for(clara), paid, body(overall=3))

    error = refused(edit(client_for(clara), paid, body(overall=9)), 400, "invalid")

    assert "overall" in error["fields"]
    assert Review.objects.get().overall == 3


# ---- bad input: a clear error, nothing stored ------------------------------------------------------------


def _without(field: str) -> dict[str, Any]:
    data = body()
    del data[field]
    return data


def _ratings(**changes: Any) -> dict[str, Any]:
    return body(ratings=body()["ratings"] | changes)


def _missing_criterion() -> dict[str, Any]:
    data = body()
    del data["ratings"]["expertise"]
    return data


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (body(overall=0), "overall"),
        (body(overall=6), "overall"),
        (body(overall="five"), "overall"),
        (body(overall=4.5), "overall"),
        (_without("overall"), "overall"),
        (_ratings(quality=0), "ratings.quality"),
        (_ratings(timeliness=6), "ratings.timeliness"),
        (_ratings(value="great"), "ratings.value"),
        (_ratings(communication=None), "ratings.communication"),
        (_missing_criterion(), "ratings.expertise"),
        (_ratings(charm=5), "ratings.charm"),
        (_ratings(clarity=5), "ratings.clarity"),  # a freelancer's criterion in a client's review
        (body(ratings="all fives"), "ratings.quality"),
        (body(went_well=""), "went_well"),
        (body(went_well="   "), "went_well"),
        (_without("went_well"), "went_well"),
        (body(went_well="x" * 3001), "went_well"),
        (body(private_note="x" * 3001), "private_note"),
        (_without("would_work_again"), "would_work_again"),
        (body(would_work_again="yes"), "would_work_again"),
        (body(went_well="null\x00byte"), "went_well"),
        (body(stars=5), "stars"),  # a field the API does not know
    ],
)
def test_bad_reviews_are_refused_field_by_field(paid, clara, client_for, data, field):
    error = refused(submit(client_for(clara), paid, data), 400, "invalid")

    assert field in error["fields"], error
    assert not Review.objects.exists()


@pytest.mark.parametrize("raw", ["[1, 2, 3]", '"five stars"', "{not json"])
def test_a_body_that_is_not_a_review_is_a_clean_400(paid, clara, client_for, raw):
    response = client_for(clara).post(reviews_url(paid), raw, content_type=JSON)

    refused(response, 400, "invalid")
    assert not Review.objects.exists()


def test_reviewing_twice_is_a_conflict_and_keeps_the_first(paid, clara, client_for):
    submit(client_for(clara), paid, body(overall=5))

    refused(submit(client_for(clara), paid, body(overall=1)), 409, "review_exists")

    assert [review.overall for review in Review.objects.all()] == [5]


def test_after_the_window_nobody_may_review(paid, clara, client_for):
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        refused(submit(client_for(clara), paid, body()), 409, "review_window_closed")
    assert not Review.objects.exists()


def test_a_contract_without_released_money_cannot_be_reviewed(clara, fred, client_for, ledger_ok):
    refunded = finished(clara, fred, released=False)

    refused(submit(client_for(clara), refunded, body()), 409, "contract_not_reviewable")

    assert client_for(clara).get(reviews_url(refunded)).json()["may_review"] is False
    assert not Review.objects.exists()
    ledger_ok()


@pytest.mark.parametrize("who", ["olga", "operator"])
def test_someone_elses_contract_is_not_found(paid, client_for, request, who):
    outsider = client_for(request.getfixturevalue(who))

    refused(submit(outsider, paid, body()), 404, "not_found")
    refused(outsider.get(reviews_url(paid)), 404, "not_found")
    refused(edit(outsider, paid, body()), 404, "not_found")
    assert not Review.objects.exists()


@pytest.mark.parametrize("contract_id", ["999999", "abc"])
def test_a_missing_contract_is_not_found(clara, client_for, contract_id):
    browser = client_for(clara)

    refused(browser.get(f"/api/v1/contracts/{contract_id}/reviews"), 404, "not_found")
    refused(browser.post(f"/api/v1/contracts/{contract_id}/reviews", body(), content_type=JSON), 404, "not_found")


def test_signed_out_visitors_may_not_write(paid, client):
    refused(submit(client, paid, body()), 401, "unauthenticated")
    refused(client.get(reviews_url(paid)), 401, "unauthenticated")
    assert not Review.objects.exists()


# ---- public reviews and reputation -----------------------------------------------------------------------


def test_anyone_reads_published_reviews_with_their_labels(paid, clara, fred, client):
    review = both_reviewed(paid, clara, fred)

    response = client.get("/api/v1/users/fred/reviews")

    assert response.status_code == 200, response.content
    page = response.json()
    assert page["next_cursor"] is None
    [item] = page["items"]
    assert set(item) == PUBLIC_FIELDS
    assert (item["id"], item["overall"], item["reviewer"], item["author_role"]) == (
        str(review.pk),
        4,
        "Clara C.",
        "client",
    )
    assert item["labels"]["verified_contract"] is True
    assert item["labels"]["budget_band"] == "£250–£1,000"
    assert item["reply"] is None
    assert "30000" not in response.content.decode() and "300.00" not in response.content.decode()
    assert client.get("/api/v1/users/fred/reviews", {"role": "client"}).json()["items"] == []
    assert [r["author_role"] for r in client.get("/api/v1/users/clara/reviews").json()["items"]] == ["freelancer"]


def test_reviews_sort_by_rating_and_page(clara, fred, client, ledger_ok):
    for stars in (3, 5, 4):
        contract = finished(clara, fred)
        services.review_submit(contract_id=contract.pk, by=clara, data=body(overall=stars))
        services.review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER))

    by_rating = client.get("/api/v1/users/fred/reviews", {"sort": "rating"}).json()["items"]
    first = client.get("/api/v1/users/fred/reviews", {"limit": 2}).json()
    rest = client.get("/api/v1/users/fred/reviews", {"limit": 2, "cursor": first["next_cursor"]}).json()

    assert [r["overall"] for r in by_rating] == [5, 4, 3]
    assert len(first["items"]) == 2 and len(rest["items"]) == 1 and rest["next_cursor"] is None
    refused(client.get("/api/v1/users/fred/reviews", {"sort": "worst"}), 400, "invalid")
    refused(client.get("/api/v1/users/fred/reviews", {"role": "boss"}), 400, "invalid")
    ledger_ok()


def test_the_reputation_shows_the_score_and_how_it_was_made(paid, clara, fred, client):
    both_reviewed(paid, clara, fred)

    response = client.get("/api/v1/users/fred/reputation", {"role": "freelancer"})

    assert response.status_code == 200, response.content
    summary = response.json()
    assert (summary["role"], summary["reviews"], summary["last_12_months"]) == ("freelancer", 1, 1)
    # One 4-star review at weight 1 and 7 phantoms at the platform mean, 4: (7·4 + 4) / 8 = 4.
    assert (summary["score"], summary["prior_mean"], summary["prior_reviews"]) == (4.0, 4.0, 7)
    assert summary["half_life_months"] == 12
    assert summary["distribution"] == {"5": 0, "4": 1, "3": 0, "2": 0, "1": 0}
    assert summary["criteria"]["quality"] == 4.0
    assert (summary["completed_contracts"], summary["positive"], summary["effective_percent_positive"]) == (1, 1, 100)
    assert summary["would_again_yes"] == 1 and 0 < summary["would_again_lower_bound"] < 1
    both = client.get("/api/v1/users/fred/reputation").json()
    assert set(both) == {"freelancer", "client"}
    assert both["client"]["reviews"] == 0 and both["client"]["score"] is None


def test_unknown_people_are_not_found_and_unverified_people_may_read(paid, clara, fred, una, client, client_for):
    both_reviewed(paid, clara, fred)

    for path in ("/api/v1/users/nobody/reviews", "/api/v1/users/nobody/reputation"):
        refused(client.get(path), 404, "not_found")
    assert len(client_for(una).get("/api/v1/users/fred/reviews").json()["items"]) == 1
    assert client_for(una).get("/api/v1/users/fred/reputation").status_code == 200


def test_the_public_list_costs_the_same_queries_for_one_review_or_five(clara, fred, client, ledger_ok):
    def review_fred(count: int) -> None:
        for index in range(count):
            contract = finished(clara, fred)
            review = services.review_submit(contract_id=contract.pk, by=clara, data=body())
            services.review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER))
            if index % 2 == 0:
                services.reply_post(review_id=review.pk, by=fred, text="Thank you!")

    review_fred(1)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/users/fred/reviews").json()["items"]) == 1
    review_fred(4)
    with CaptureQueriesContext(connection) as five:
        assert len(client.get("/api/v1/users/fred/reviews").json()["items"]) == 5
    assert len(five) == len(one)
    ledger_ok()


# ---- replies ---------------------------------------------------------------------------------------------


def reply_url(review: Review) -> str:
    return f"/api/v1/reviews/{review.pk}/reply"


def test_the_reviewed_person_replies_once_and_may_edit(paid, clara, fred, client_for, client):
    review = both_reviewed(paid, clara, fred)

    posted = client_for(fred).post(reply_url(review), {"text": "Thanks, Clara!"}, content_type=JSON)

    assert posted.status_code == 201, posted.content
    assert posted.json()["text"] == "Thanks, Clara!"
    edited = client_for(fred).put(reply_url(review), {"text": "Thanks again, Clara!"}, content_type=JSON)
    assert edited.status_code == 200, edited.content
    [item] = client.get("/api/v1/users/fred/reviews").json()["items"]
    assert item["reply"]["text"] == "Thanks again, Clara!"
    again = client_for(fred).post(reply_url(review), {"text": "One more thing."}, content_type=JSON)
    refused(again, 409, "reply_exists")
    assert [reply.text for reply in Reply.objects.all()] == ["Thanks again, Clara!"]


@pytest.mark.parametrize("who", ["clara", "olga"])
def test_only_the_person_reviewed_may_reply(paid, clara, fred, client_for, request, who):
    review = both_reviewed(paid, clara, fred)
    browser = client_for(request.getfixturevalue(who))

    refused(browser.post(reply_url(review), {"text": "Not mine to answer."}, content_type=JSON), 403, "forbidden")
    refused(browser.put(reply_url(review), {"text": "Not mine to answer."}, content_type=JSON), 403, "forbidden")
    assert not Reply.objects.exists()


def test_a_sealed_review_cannot_be_replied_to(paid, clara, fred, client_for):
    sealed = services.review_submit(contract_id=paid.pk, by=clara, data=body())

    refused(client_for(fred).post(reply_url(sealed), {"text": "Thanks!"}, content_type=JSON), 404, "not_found")
    assert not Reply.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 3001, 42, None])
def test_a_reply_needs_some_text(paid, clara, fred, client_for, text):
    review = both_reviewed(paid, clara, fred)

    error = refused(client_for(fred).post(reply_url(review), {"text": text}, content_type=JSON), 400, "invalid")

    assert "text" in error["fields"]
    assert not Reply.objects.exists()


def test_a_reply_can_no_longer_change_after_thirty_days(paid, clara, fred, client_for):
    review = both_reviewed(paid, clara, fred)
    services.reply_post(review_id=review.pk, by=fred, text="Thanks!")

    with time_machine.travel(timezone.now() + timedelta(days=31)):
        late = client_for(fred).put(reply_url(review), {"text": "Changed my mind."}, content_type=JSON)

    refused(late, 409, "reply_locked")
    assert Reply.objects.get().text == "Thanks!"


def test_editing_a_reply_that_was_never_posted_is_not_found(paid, clara, fred, client_for):
    review = both_reviewed(paid, clara, fred)

    refused(client_for(fred).put(reply_url(review), {"text": "Hello"}, content_type=JSON), 404, "not_found")


def test_a_stranger_with_the_same_name_shows_only_as_first_name_and_initial(fred, client, ledger_ok):
    buyer = make_user("mira", name="Mira Anne Buyer", client=True)
    contract = finished(buyer, fred)
    both_reviewed(contract, buyer, fred)

    [item] = client.get("/api/v1/users/fred/reviews").json()["items"]

    assert item["reviewer"] == "Mira B."
    assert "Buyer" not in client.get("/api/v1/users/fred/reviews").content.decode()
    ledger_ok()
