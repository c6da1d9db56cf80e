"""Nobody reads a sealed review through the API: not Fred (the other party) before he has reviewed, not Olga,
not a signed-out visitor, not a person who is merely signed in but unverified. Private notes to the
platform are never shown to anyone but their author, before or after publication."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from openhour.lib.process import FREELANCER
from openhour.reviews.models import Review
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished

JSON = "application/json"
SEALED_TEXTS = ("Sealed: great code, shipped early.", "Sealed: more tests next time.", "Sealed-note: overcharged?")
FRED_NOTE = "Fred-note: please check her payment method."


@pytest.fixture
def sealed(clara, fred, ledger_ok) -> Iterator[tuple[Any, Review]]:
    """Clara has reviewed Fred (sealed, with a private note); Fred has not reviewed Clara yet."""
    contract = finished(clara, fred)
    went_well, could_improve, note = SEALED_TEXTS
    review = services.review_submit(
        contract_id=contract.pk,
        by=clara,
        data=body(overall=2, went_well=went_well, could_improve=could_improve, private_note=note),
    )
    yield contract, review
    ledger_ok()


def walk(browser: Client, contract: Any, review: Review) -> list[Any]:
    """Every reviews endpoint (and the pages of the contract and the people around it), reads and writes."""
    reviews = f"/api/v1/contracts/{contract.pk}/reviews"
    reply = f"/api/v1/reviews/{review.pk}/reply"
    reads = [
        reviews,
        "/api/v1/users/fred/reviews",
        "/api/v1/users/clara/reviews",
        "/api/v1/users/fred/reviews?sort=rating",
        "/api/v1/users/fred/reviews?role=freelancer",
        "/api/v1/users/fred/reputation",
        "/api/v1/users/fred/reputation?role=freelancer",
        "/api/v1/users/clara/reputation",
        "/api/v1/users/fred",
        "/api/v1/users/clara",
        f"/api/v1/contracts/{contract.pk}",
        "/api/v1/contracts",
        "/api/v1/notifications",
    ]
    return [
        *(browser.get(path) for path in reads),
        browser.put(reviews + "/mine", body(FREELANCER), content_type=JSON),
        browser.post(reply, {"text": "Thanks!"}, content_type=JSON),
        browser.put(reply, {"text": "Thanks!"}, content_type=JSON),
    ]


def assert_hidden(responses: list[Any], *texts: str) -> None:
    for response in responses:
        assert response.status_code < 500, response.content
        content = response.content.decode()
        for text in texts:
            assert text not in content, (response.request["PATH_INFO"], text)


@pytest.mark.parametrize("who", ["fred", "olga", "una", "signed_out"])
def test_nobody_but_the_author_reads_a_sealed_review(sealed, client_for, request, who):
    contract, review = sealed
    browser = Client() if who == "signed_out" else client_for(request.getfixturevalue(who))

    responses = walk(browser, contract, review)

    assert_hidden(responses, *SEALED_TEXTS, '"overall": 2', '"overall":2')
    assert Review.objects.get(pk=review.pk).status == Review.Status.SEALED


def test_the_other_party_learns_only_that_a_review_is_sealed(sealed, fred, client_for):
    contract, _review = sealed

    seen = client_for(fred).get(f"/api/v1/contracts/{contract.pk}/reviews").json()

    assert seen["theirs"] == {"status": "sealed"}
    assert seen["mine"] is None


def test_a_sealed_review_does_not_move_the_score(sealed, client):
    summary = client.get("/api/v1/users/fred/reputation", {"role": "freelancer"}).json()

    assert (summary["reviews"], summary["score"], summary["positive"]) == (0, None, 0)
    assert set(summary["distribution"].values()) == {0}
    assert summary["criteria"] == {}
    assert client.get("/api/v1/users/fred/reviews").json()["items"] == []


def test_the_author_reads_the_whole_of_her_sealed_review(sealed, clara, client_for):
    contract, _review = sealed

    mine = client_for(clara).get(f"/api/v1/contracts/{contract.pk}/reviews").json()["mine"]

    assert (mine["went_well"], mine["could_improve"], mine["private_note"]) == SEALED_TEXTS


@pytest.mark.parametrize("who", ["clara", "fred", "olga", "una", "signed_out"])
def test_after_publication_private_notes_stay_private(sealed, fred, client_for, request, who):
    contract, review = sealed
    services.review_submit(contract_id=contract.pk, by=fred, data=body(FREELANCER, private_note=FRED_NOTE))
    browser = Client() if who == "signed_out" else client_for(request.getfixturevalue(who))

    responses = walk(browser, contract, review)

    notes = {"clara": SEALED_TEXTS[2], "fred": FRED_NOTE}
    assert_hidden(responses, *[note for author, note in notes.items() if author != who])
    public = Client().get("/api/v1/users/fred/reviews").content.decode()
    assert SEALED_TEXTS[0] in public and SEALED_TEXTS[1] in public  # the reviews themselves are now public
