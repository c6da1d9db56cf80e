"""Writing a review on the pages: a party of a contract that ended with money released reviews the other from
the contract page; the review stays sealed (the other side sees only that it exists) until both are in or the
window closes; bad input comes back with its errors and stores nothing; nobody else gets the form."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhour.reviews import selectors
from openhour.reviews.criteria import CRITERIA
from openhour.reviews.models import Review
from openhour.reviews.panel import panel
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

SECRET = "Only the platform may read this note."


def form(role: str = "client", overall: str = "4", **changes: Any) -> dict[str, str]:
    """What a browser posts for a complete review by someone in `role`."""
    data = {"overall": overall, "would_work_again": "yes", "went_well": "Fast, careful work.", "could_improve": ""}
    data |= {name: overall for name, _label in CRITERIA[role]} | {"private_note": SECRET}
    return {key: value for key, value in (data | changes).items() if value is not None}


def url(contract: Any) -> str:
    return f"/contracts/{contract.pk}/review"


def test_the_form_rates_the_authors_criteria_and_states_the_rules(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    page = client_for(clara).get(url(contract)).content.decode()
    for _name, label in CRITERIA["client"]:
        assert f"<legend>{label}</legend>" in page
    assert "<legend>Overall</legend>" in page and "<legend>Would hire again</legend>" in page
    assert "Payment promptness" not in page  # a freelancer's criterion
    assert "Nobody may offer you anything for a review, or ask you for a particular rating." in page
    assert "whatever their rating" in page and contract.review_round.closes_at.strftime("%b %Y") in page
    assert 'href="/trust/reviews"' in page and "never shown publicly" in page
    theirs = client_for(fred).get(url(contract)).content.decode()
    assert "<legend>Clarity of the brief</legend>" in theirs and "<legend>Would work for again</legend>" in theirs
    ledger_ok()


def test_a_review_is_sealed_from_the_other_side_until_both_are_in(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    assert "Write your review" in client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    sent = client_for(clara).post(url(contract), form(went_well="Sealed words from Clara."), follow=True)
    assert sent.redirect_chain == [(f"/contracts/{contract.pk}", 302)]
    shown = sent.content.decode()
    assert "Your review is sealed until" in shown and "Your review is sealed — edit it" in shown
    assert Review.objects.get().status == Review.Status.SEALED

    other = client_for(fred).get(f"/contracts/{contract.pk}").content.decode()
    assert "has written a review: it is sealed" in other and "Write your review" in other
    assert "Sealed words from Clara." not in other and SECRET not in other

    done = client_for(fred).post(
        url(contract), form("freelancer", "3", went_well="Clear brief from Fred's side."), follow=True
    )
    assert "Both reviews are in: they are published now." in done.content.decode()
    for person in (clara, fred):
        page = client_for(person).get(f"/contracts/{contract.pk}").content.decode()
        assert "Sealed words from Clara." in page and "Clear brief from Fred" in page
        panel_html = page.split('id="reviews-title"')[1].split("</section>")[0]
        assert "Verified contract" in panel_html and "£250–£1,000" in panel_html and "£300" not in panel_html
        assert SECRET not in page
        assert "Write your review" not in page and "edit it" not in page
    ledger_ok()


def test_a_sealed_review_is_edited_not_duplicated(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    client_for(clara).post(url(contract), form(went_well="First words."))
    again = client_for(clara).get(url(contract)).content.decode()
    assert "Edit your review of Fred Freelancer" in again and "First words." in again
    assert 'id="id_quality_3" required checked' in again
    assert client_for(clara).post(url(contract), form(overall="2", went_well="Second words.")).status_code == 302
    review = Review.objects.get()
    assert (review.went_well, review.overall, review.quality) == ("Second words.", 2, 2)
    ledger_ok()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"overall": "6"}, "overall", "Select a valid choice"),
        ({"overall": "0"}, "overall", "Select a valid choice"),
        ({"quality": "-1"}, "quality", "Select a valid choice"),
        ({"timeliness": None}, "timeliness", "This field is required"),
        ({"went_well": "   "}, "went_well", "This field is required"),
        ({"would_work_again": "maybe"}, "would_work_again", "Select a valid choice"),
        ({"could_improve": "x" * 3001}, "could_improve", "at most 3000 characters"),
    ],
)
def test_bad_input_shows_its_errors_and_stores_nothing(clara, fred, client_for, ledger_ok, changes, field, message):
    contract = finished(clara, fred)
    refused = client_for(clara).post(url(contract), form(**changes))
    page = refused.content.decode()
    assert refused.status_code == 400 and message in page and "Please correct the review" in page
    assert f'name="{field}"' in page  # the form comes back to fix
    assert not Review.objects.exists()
    ledger_ok()


def test_a_cancelled_contract_cannot_be_reviewed(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred, released=False)
    page = client_for(clara).get(url(contract))
    assert page.status_code == 409 and "Only a contract that ended with money released" in page.content.decode()
    assert client_for(clara).post(url(contract), form()).status_code == 409
    assert not Review.objects.exists()
    assert 'id="reviews-title"' not in client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    ledger_ok()


def test_a_published_review_cannot_be_written_again(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    client_for(clara).post(url(contract), form())
    client_for(fred).post(url(contract), form("freelancer"))
    page = client_for(clara).get(url(contract))
    assert page.status_code == 409 and "Your review is published: it can no longer change." in page.content.decode()
    refused = client_for(clara).post(url(contract), form(went_well="Rewriting history."))
    assert refused.status_code == 409 and "Rewriting history." not in Review.objects.values_list("went_well", flat=True)
    assert Review.objects.count() == 2
    ledger_ok()


def test_after_the_window_nobody_writes_or_edits(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    client_for(clara).post(url(contract), form(went_well="Before the close."))
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        page = client_for(fred).get(url(contract))
        assert page.status_code == 409 and "The review window for this contract closed on" in page.content.decode()
        assert client_for(fred).post(url(contract), form("freelancer")).status_code == 409
        assert client_for(clara).post(url(contract), form(went_well="After the close.")).status_code == 409
        assert "The review window has closed" in client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert list(Review.objects.values_list("went_well", flat=True)) == ["Before the close."]
    ledger_ok()


def test_nobody_else_reviews_or_sees_the_form(clara, fred, olga, operator, client, client_for, ledger_ok):
    contract = finished(clara, fred)
    for person in (olga, operator):
        assert client_for(person).get(url(contract)).status_code == 404
        assert client_for(person).post(url(contract), form()).status_code == 404
    assert client_for(olga).get(f"/contracts/{contract.pk}").status_code == 404
    assert "Write your review" not in client_for(operator).get(f"/contracts/{contract.pk}").content.decode()
    signed_out = client.post(url(contract), form())
    assert signed_out.status_code == 302 and "/accounts/login" in signed_out["Location"]
    assert client_for(clara).get("/contracts/999999/review").status_code == 404
    assert not Review.objects.exists()
    ledger_ok()


def test_the_other_side_never_sees_a_sealed_reviews_content(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    client_for(clara).post(url(contract), form(went_well="Nobody else reads this yet.", could_improve="Nor this."))
    review = Review.objects.get()
    for path in (f"/contracts/{contract.pk}", f"/reviews/{review.pk}", url(contract)):
        seen = client_for(fred).get(path).content.decode()
        assert "Nobody else reads this yet." not in seen and "Nor this." not in seen and SECRET not in seen
    ledger_ok()


def test_the_panel_reads_in_two_queries_and_shows_the_reviewer_by_short_name(clara, fred, client_for, ledger_ok):
    contract = finished(clara, fred)
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer"))
    services.review_submit(contract_id=contract.pk, by=clara, data=body("client"))
    with CaptureQueriesContext(connection) as queries:
        found = panel(contract=contract, user=clara)
    assert len(queries) <= 2 and found["review_state"].theirs is not None
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert f"By {selectors.short_name(fred)}" in page and "By Fred F." in page
    assert f"By {selectors.short_name(clara)}" in page  # her own, published
    ledger_ok()
