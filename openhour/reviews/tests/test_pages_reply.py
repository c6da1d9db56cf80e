"""One published review on its own page, and the reviewed person's public reply: posted once, edited (never
duplicated) for REPLY_EDIT_DAYS, then fixed. A sealed review has no page for anyone; only the person reviewed
may reply."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.utils import timezone

from openhour.reviews import selectors
from openhour.reviews.models import Reply, Review
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db


def published(clara: Any, fred: Any) -> Review:
    """Clara's review of Fred, published because both have reviewed."""
    contract = finished(clara, fred)
    mine = services.review_submit(
        contract_id=contract.pk, by=clara, data=body("client", 3, went_well="Good code, slow replies.")
    )
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 5))
    mine.refresh_from_db()
    assert mine.status == Review.Status.PUBLISHED
    return mine


def test_a_published_review_has_a_public_page(clara, fred, client, ledger_ok):
    review = published(clara, fred)
    page = client.get(f"/reviews/{review.pk}")
    html = page.content.decode()
    assert page.status_code == 200 and "A review of Fred Freelancer" in html and "Good code, slow replies." in html
    assert "Verified contract" in html and "By Clara C." in html and "3 out of 5" in html
    assert "Would hire again" in html and "Quality of work" in html and 'href="/trust/reviews"' in html
    assert "£300" not in html and "Clara Client" not in html  # a band, never the amount; a short name only
    assert "Reply in public" not in html and 'name="text"' not in html
    ledger_ok()


def test_the_reviewed_person_replies_once_then_edits(clara, fred, client_for, ledger_ok):
    review = published(clara, fred)
    page = client_for(fred).get(f"/reviews/{review.pk}").content.decode()
    assert "Reply in public" in page and "Publish your reply" in page
    posted = client_for(fred).post(f"/reviews/{review.pk}/reply", {"text": "Thanks, I reply within a day now."})
    assert posted.status_code == 302 and posted["Location"] == f"/reviews/{review.pk}"
    shown = client_for(clara).get(f"/reviews/{review.pk}").content.decode()
    assert "The freelancer’s reply" in shown and "Thanks, I reply within a day now." in shown
    again = client_for(fred).get(f"/reviews/{review.pk}").content.decode()
    assert "Update your reply" in again and "You may edit your reply until" in again
    edited = client_for(fred).post(f"/reviews/{review.pk}/reply", {"text": "Thanks: I now reply within hours."})
    assert edited.status_code == 302
    assert list(Reply.objects.values_list("text", flat=True)) == ["Thanks: I now reply within hours."]
    assert (
        "Thanks: I now reply within hours."
        in client_for(clara).get(f"/contracts/{review.contract_id}").content.decode()
    )
    ledger_ok()


@pytest.mark.parametrize("text", ["", "   ", "x" * 3001])
def test_an_empty_or_overlong_reply_is_refused(clara, fred, client_for, ledger_ok, text):
    review = published(clara, fred)
    refused = client_for(fred).post(f"/reviews/{review.pk}/reply", {"text": text})
    assert refused.status_code == 400 and "field-errors" in refused.content.decode()
    assert not Reply.objects.exists()
    ledger_ok()


def test_a_reply_is_fixed_after_the_edit_window(clara, fred, client_for, ledger_ok, settings):
    review = published(clara, fred)
    client_for(fred).post(f"/reviews/{review.pk}/reply", {"text": "First answer."})
    with time_machine.travel(timezone.now() + timedelta(days=settings.REPLY_EDIT_DAYS + 1)):
        page = client_for(fred).get(f"/reviews/{review.pk}").content.decode()
        assert "A reply can be edited for 30 days" in page and "Update your reply" not in page
        late = client_for(fred).post(f"/reviews/{review.pk}/reply", {"text": "Second thoughts."})
        assert late.status_code == 409 and "A reply can be edited for 30 days only." in late.content.decode()
    assert list(Reply.objects.values_list("text", flat=True)) == ["First answer."]
    ledger_ok()


def test_nobody_but_the_reviewed_person_replies(clara, fred, olga, operator, client, client_for, ledger_ok):
    review = published(clara, fred)
    for person in (clara, olga, operator):
        assert 'name="text"' not in client_for(person).get(f"/reviews/{review.pk}").content.decode()
        assert client_for(person).post(f"/reviews/{review.pk}/reply", {"text": "Not mine to say."}).status_code == 403
    signed_out = client.post(f"/reviews/{review.pk}/reply", {"text": "Anonymous."})
    assert signed_out.status_code == 302 and "/accounts/login" in signed_out["Location"]
    assert not Reply.objects.exists()
    ledger_ok()


def test_a_sealed_review_has_no_page_for_anyone(clara, fred, olga, operator, client, client_for, ledger_ok):
    contract = finished(clara, fred)
    sealed = services.review_submit(contract_id=contract.pk, by=clara, data=body("client", 2, went_well="Hidden."))
    for browser in (client_for(fred), client_for(clara), client_for(olga), client_for(operator), client):
        page = browser.get(f"/reviews/{sealed.pk}")
        assert page.status_code == 404 and "Hidden." not in page.content.decode()
    assert client_for(fred).post(f"/reviews/{sealed.pk}/reply", {"text": "Early."}).status_code == 404
    assert client.get("/reviews/999999").status_code == 404 and client.get("/reviews/0").status_code == 404
    assert not Reply.objects.exists()
    ledger_ok()


@pytest.mark.parametrize("name", ["Cher", "Ana María de la Cruz", ""])
def test_the_reviewer_is_shown_by_first_name_and_initial_only(clara, fred, client, ledger_ok, name):
    review = published(clara, fred)
    clara.name = name
    clara.save(update_fields=["name"])
    html = client.get(f"/reviews/{review.pk}").content.decode()
    assert f"By {selectors.short_name(clara)}" in html
    assert name == "" or "de la Cruz" not in html
    ledger_ok()
