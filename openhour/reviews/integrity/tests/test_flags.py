"""Flags: any signed-in verified person reports a published review once, with a reason code and a text. A
flag opens (or joins) the review's case; the review stays visible unless the report is clearly harmful."""

import pytest

from openhour.reviews.integrity.models import Case, Flag
from openhour.reviews.integrity.tests.moderation_kit import published
from openhour.reviews.models import Review
from openhour.reviews.scoring import reputation_of

pytestmark = pytest.mark.django_db


def flag(client_for, user, review_id, **data):
    return client_for(user).post(f"/api/v1/reviews/{review_id}/flag", data, content_type="application/json")


def test_a_flag_opens_a_case_and_the_review_stays_visible(clara, fred, olga, client_for, client, ledger_ok):
    review = published(clara, fred)
    answer = flag(client_for, olga, review.pk, reason="fake", text="I know this person; they never worked together.")
    assert answer.status_code == 201, answer.content
    assert answer.json()["reason"] == "fake" and "case" not in answer.json()
    case = Case.objects.get(review=review)
    assert case.source == "flag" and case.status == "open" and case.flags.count() == 1
    assert [e.action for e in case.events.all()] == ["open", "flag"]
    assert all(e.by == olga for e in case.events.all())
    review.refresh_from_db()
    assert not review.hidden_while_checked
    assert client.get(f"/reviews/{review.pk}").status_code == 200
    ledger_ok()


def test_a_second_persons_flag_joins_the_open_case(clara, fred, olga, client_for, ledger_ok):
    review = published(clara, fred)
    assert flag(client_for, olga, review.pk, reason="fake", text="Not real.").status_code == 201
    assert flag(client_for, fred, review.pk, reason="off_topic", text="About another job.").status_code == 201
    case = Case.objects.get(review=review)
    assert case.flags.count() == 2 and [e.action for e in case.events.all()] == ["open", "flag", "flag"]
    ledger_ok()


def test_bad_flags_are_field_errors(clara, fred, olga, client_for, ledger_ok):
    review = published(clara, fred)
    for data, field in (
        ({"text": "No reason given."}, "reason"),
        ({"reason": "boring", "text": "Unknown reason."}, "reason"),
        ({"reason": "fake", "text": "   "}, "text"),
        ({"reason": "fake"}, "text"),
        ({"reason": "fake", "text": "x" * 2001}, "text"),
    ):
        answer = flag(client_for, olga, review.pk, **data)
        assert answer.status_code == 400 and field in answer.json()["error"]["fields"], (data, answer.content)
    assert not Flag.objects.exists() and not Case.objects.exists()
    ledger_ok()


def test_flagging_twice_is_a_conflict(clara, fred, olga, client_for, ledger_ok):
    review = published(clara, fred)
    assert flag(client_for, olga, review.pk, reason="fake", text="Not real.").status_code == 201
    again = flag(client_for, olga, review.pk, reason="offensive", text="And rude.")
    assert again.status_code == 409 and again.json()["error"]["code"] == "flag_exists"
    assert Flag.objects.count() == 1
    ledger_ok()


def test_sealed_missing_and_signed_out(clara, fred, olga, una, client_for, client, ledger_ok):
    from openhour.reviews.services import reviews as services
    from openhour.reviews.tests.kit import body, finished

    contract = finished(clara, fred)
    sealed = services.review_submit(contract_id=contract.pk, by=clara, data=body("client", 2))
    assert flag(client_for, olga, sealed.pk, reason="fake", text="x").status_code == 404
    assert flag(client_for, olga, 999999, reason="fake", text="x").status_code == 404
    assert flag(client_for, olga, "nope", reason="fake", text="x").status_code == 404
    signed_out = client.post(
        f"/api/v1/reviews/{sealed.pk}/flag", {"reason": "fake", "text": "x"}, content_type="application/json"
    )
    assert signed_out.status_code == 401
    review = published(clara, olga)
    unverified = flag(client_for, una, review.pk, reason="fake", text="x")
    assert unverified.status_code == 403 and unverified.json()["error"]["code"] == "email_unverified"
    assert flag(client_for, clara, review.pk, reason="fake", text="Mine.").status_code == 403  # its own author
    assert not Flag.objects.exists()
    ledger_ok()


@pytest.mark.parametrize(
    ("reason", "went_well", "hidden"),
    [
        ("personal_data", "Call his wife on +44 7700 900123 if he is late.", True),
        ("personal_data", "Write to fred.private@gmail.com for the files.", True),
        ("extortion", "Fine work. Refund me or I'll leave a 1 star review everywhere.", True),
        ("personal_data", "Clear, quick and friendly.", False),  # the claim is not borne out by the text
        ("offensive", "Call his wife on +44 7700 900123 if he is late.", False),  # not a harmful reason code
    ],
)
def test_clearly_harmful_reviews_are_hidden_while_checked(
    reason, went_well, hidden, clara, fred, olga, client_for, client, ledger_ok
):
    review = published(clara, fred, went_well=went_well)
    assert flag(client_for, olga, review.pk, reason=reason, text="Please check this.").status_code == 201
    review.refresh_from_db()
    assert review.hidden_while_checked is hidden
    assert Review.objects.shown().filter(pk=review.pk).exists() is not hidden
    assert client.get(f"/reviews/{review.pk}").status_code == (404 if hidden else 200)
    assert reputation_of(user=fred, role="freelancer").reviews == (0 if hidden else 1)  # the stored row follows
    ledger_ok()


def test_the_flag_page(clara, fred, olga, client_for, client, ledger_ok):
    review = published(clara, fred)
    assert client.get(f"/reviews/{review.pk}/flag").status_code == 302  # to sign in
    page = client_for(olga).get(f"/reviews/{review.pk}/flag")
    html = page.content.decode()
    assert page.status_code == 200 and "Report a review" in html and 'value="personal_data"' in html
    empty = client_for(olga).post(f"/reviews/{review.pk}/flag", {"reason": "", "text": ""})
    assert empty.status_code == 400 and "field-errors" in empty.content.decode()
    sent = client_for(olga).post(f"/reviews/{review.pk}/flag", {"reason": "fake", "text": "Never a client."})
    assert sent.status_code == 302 and sent["Location"] == f"/reviews/{review.pk}"
    again = client_for(olga).get(f"/reviews/{review.pk}/flag")
    assert again.status_code == 409 and "already reported" in again.content.decode()
    assert Flag.objects.filter(review=review, by=olga).count() == 1
    ledger_ok()
