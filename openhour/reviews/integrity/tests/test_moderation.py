"""The moderation queue and case pages (operators only), blind to star ratings by default, and decisions:
keep, remove (citing a rule) or redact personal data, each with a written reason sent to both parties and
recorded in the audit log."""

import pytest

from openhour.messaging.models import Notification
from openhour.reviews.integrity.models import Case, RiskSignal
from openhour.reviews.integrity.services import moderation
from openhour.reviews.integrity.tests.moderation_kit import decided, flagged, published
from openhour.reviews.models import Reputation, Review
from openhour.reviews.services import reviews as services
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db

PAGES = ["/operations/moderation", "/operations/moderation/log", "/operations/moderation/{case}"]


def test_operator_pages_are_404_to_everyone_else(clara, fred, olga, operator, client_for, client, ledger_ok):
    case = flagged(published(clara, fred), olga)
    for page in PAGES:
        url = page.format(case=case.pk)
        assert client.get(url).status_code == 302, url  # to sign in
        for person in (clara, fred, olga):
            assert client_for(person).get(url).status_code == 404, (url, person)
        assert client_for(operator).get(url).status_code == 200, url
    refused = client_for(fred).post(f"/operations/moderation/{case.pk}/decide", {"outcome": "remove", "reason": "x"})
    assert refused.status_code == 404
    api = client_for(fred).post(
        f"/api/v1/operations/moderation/{case.pk}/decide",
        {"outcome": "keep", "reason": "x"},
        content_type="application/json",
    )
    assert api.status_code == 404
    assert client_for(olga).get("/api/v1/operations/moderation").status_code == 404
    assert Case.objects.get().status == "open"
    ledger_ok()


def test_the_queue_lists_open_and_appealed_cases_oldest_first(clara, fred, olga, operator, client_for, ledger_ok):
    first = flagged(published(clara, fred, went_well="The first one."), olga)
    second = flagged(published(clara, olga, went_well="The second one."), fred)
    done = flagged(published(fred, olga, went_well="Done already."), clara)
    decided(done, operator, outcome="keep", reason="Within the rules.")
    html = client_for(operator).get("/operations/moderation").content.decode()
    assert html.index(f"/operations/moderation/{first.pk}") < html.index(f"/operations/moderation/{second.pk}")
    assert f'/operations/moderation/{done.pk}"' not in html
    assert "out of 5" not in html and "★" not in html
    api = client_for(operator).get("/api/v1/operations/moderation").json()
    assert [c["id"] for c in api["items"]] == [str(first.pk), str(second.pk)]
    ledger_ok()


def test_the_case_page_shows_evidence_but_hides_the_ratings_by_default(
    clara, fred, olga, operator, client_for, ledger_ok
):
    contract = finished(clara, fred)
    note = "He asked me for five stars in exchange for a discount."
    review = services.review_submit(
        contract_id=contract.pk,
        by=clara,
        data=body("client", 2, went_well="Delivered the site.", could_improve="Slow answers.", private_note=note),
    )
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 4))
    RiskSignal.objects.update_or_create(
        review=review,
        kind="incentive",
        defaults={"score": 0.7, "evidence": {"message": "five stars and I'll refund you"}},
    )
    case = flagged(review, olga, reason="conflict", text="They are flatmates.")
    page = client_for(operator).get(f"/operations/moderation/{case.pk}").content.decode()
    for shown in (
        "Delivered the site.",
        "Slow answers.",
        note,
        "Private note to the platform",
        "Incentive or threat",
        "five stars and I&#x27;ll refund you",
        "Conflict of interest",
        "They are flatmates.",
        "Budget",
        "Show the ratings",
        "Olga Outsider",
    ):
        assert shown in page, shown
    for hidden in ("out of 5", "★", "Overall", "Quality of work", "Would work together again"):
        assert hidden not in page, hidden
    with_ratings = client_for(operator).get(f"/operations/moderation/{case.pk}?ratings=1").content.decode()
    assert "2 out of 5" in with_ratings and "Quality of work" in with_ratings and "Hide the ratings" in with_ratings
    api = client_for(operator).get(f"/api/v1/operations/moderation/{case.pk}").json()
    assert "ratings" not in api and "overall" not in str(api) and api["signals"][0]["kind"] == "incentive"
    assert (
        client_for(operator).get(f"/api/v1/operations/moderation/{case.pk}?ratings=true").json()["ratings"]["overall"]
        == 2
    )
    ledger_ok()


def test_remove_cites_a_rule_refreshes_the_score_and_tells_both_parties(
    clara, fred, olga, operator, client_for, ledger_ok
):
    review = published(clara, fred)
    assert Reputation.objects.get(user=fred, role="freelancer").reviews == 1
    case = flagged(review, olga)
    no_rule = client_for(operator).post(
        f"/operations/moderation/{case.pk}/decide", {"outcome": "remove", "reason": "Insulting."}
    )
    assert no_rule.status_code == 400 and "Cite the content rule" in no_rule.content.decode()
    no_reason = client_for(operator).post(f"/operations/moderation/{case.pk}/decide", {"outcome": "keep", "reason": ""})
    assert no_reason.status_code == 400
    decision = {"outcome": "remove", "reason": "Calls him names.", "rule": "offensive"}
    done = client_for(operator).post(f"/operations/moderation/{case.pk}/decide", decision)
    assert done.status_code == 302
    review.refresh_from_db()
    case.refresh_from_db()
    assert review.status == "removed" and case.status == "decided" and case.rule == "offensive"
    assert case.decided_by == operator and case.appeal_until is not None
    assert (case.appeal_until - case.decided_at).days == 14
    assert Reputation.objects.get(user=fred, role="freelancer").reviews == 0
    for person in (clara, fred):
        note = Notification.objects.get(user=person, kind="review_moderated")
        assert "Calls him names." in note.body and note.url == f"/moderation/{case.pk}"
    assert not Notification.objects.filter(user=olga, kind="review_moderated").exists()
    assert review.events.last().action == "remove" and review.events.last().by == operator
    ledger_ok()


def test_keep_clears_hidden_and_links_to_the_review(clara, fred, olga, operator, client, ledger_ok):
    review = published(clara, fred, went_well="Mail him at fred.home@gmail.com")
    case = flagged(review, olga, reason="personal_data", text="His private address.")
    review.refresh_from_db()
    assert review.hidden_while_checked
    decided(case, operator, outcome="keep", reason="A business address he published himself.")
    review.refresh_from_db()
    assert review.status == "published" and not review.hidden_while_checked
    assert client.get(f"/reviews/{review.pk}").status_code == 200
    assert Notification.objects.get(user=fred, kind="review_moderated").url == f"/reviews/{review.pk}"
    ledger_ok()


def test_redact_replaces_the_texts_and_keeps_the_originals_in_the_log(
    clara, fred, olga, operator, client_for, ledger_ok
):
    review = published(clara, fred, went_well="Good work. Call him on +44 7700 900123.")
    case = flagged(review, olga, reason="personal_data", text="A phone number.")
    no_text = {"outcome": "redact", "reason": "A phone number.", "went_well": ""}
    missing = client_for(operator).post(f"/operations/moderation/{case.pk}/decide", no_text)
    assert missing.status_code == 400
    decided(
        case,
        operator,
        outcome="redact",
        reason="A phone number.",
        went_well="Good work. Call him on [removed].",
        could_improve="",
    )
    review.refresh_from_db()
    assert review.went_well == "Good work. Call him on [removed]." and review.status == "published"
    assert not review.hidden_while_checked
    decide_event = case.events.get(action="decide")
    assert "+44 7700 900123" in decide_event.note and decide_event.by == operator
    ledger_ok()


def test_keeping_a_held_review_publishes_it(clara, fred, operator, client, ledger_ok):
    contract = finished(clara, fred)
    review = services.review_submit(contract_id=contract.pk, by=clara, data=body("client", 1))
    Review.objects.filter(pk=review.pk).update(risk_decision="hold")  # as the checks decide for a clear fake
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 5))
    review.refresh_from_db()
    assert review.status == "held" and review.published_at is None
    case = moderation.case_open(review=review, source=Case.Source.AUTOMATIC)
    assert case.events.get().action == "open" and case.events.get().by is None
    decided(case, operator, outcome="keep", reason="A real customer; the signal was a shared office network.")
    review.refresh_from_db()
    assert review.status == "published" and review.published_at is not None
    assert client.get(f"/reviews/{review.pk}").status_code == 200
    assert Reputation.objects.get(user=fred, role="freelancer").reviews == 1
    ledger_ok()


def test_operators_never_decide_about_their_own_reviews(clara, olga, operator, client_for, ledger_ok):
    review = published(clara, operator)  # the operator freelanced for Clara
    case = flagged(review, olga)
    page = client_for(operator).get(f"/operations/moderation/{case.pk}").content.decode()
    assert "another operator must decide it" in page and "Record the decision" not in page
    refused = client_for(operator).post(
        f"/api/v1/operations/moderation/{case.pk}/decide",
        {"outcome": "remove", "reason": "No.", "rule": "fake"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and "another operator" in refused.json()["error"]["message"]
    case.refresh_from_db()
    assert case.status == "open"
    ledger_ok()


def test_the_audit_log_lists_every_step_newest_first(clara, fred, olga, operator, client_for, ledger_ok):
    case = flagged(published(clara, fred), olga)
    decided(case, operator, outcome="keep", reason="Honest if harsh.")
    moderation.case_appeal(case_id=case.pk, by=clara, reason="It was insulting.")
    actions = [e.action for e in case.events.all()]
    assert actions == ["open", "flag", "decide", "appeal"]
    assert [e.by for e in case.events.all()] == [olga, olga, operator, clara]
    log = client_for(operator).get("/operations/moderation/log").content.decode()
    assert log.index("It was insulting.") < log.index("Honest if harsh.") < log.index("Insulting wording.")
    page = client_for(operator).get(f"/operations/moderation/{case.pk}").content.decode()
    assert "Honest if harsh." in page and "It was insulting." in page
    ledger_ok()


def test_a_case_on_a_sealed_review_waits_for_publication(clara, fred, operator, client_for, ledger_ok):
    contract = finished(clara, fred)
    review = services.review_submit(contract_id=contract.pk, by=clara, data=body("client", 3))
    case = moderation.case_open(review=review, source=Case.Source.AUTOMATIC)
    assert (
        f'/operations/moderation/{case.pk}"' not in client_for(operator).get("/operations/moderation").content.decode()
    )
    page = client_for(operator).get(f"/operations/moderation/{case.pk}").content.decode()
    assert "still sealed" in page and "Record the decision" not in page
    services.review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 5))
    assert f'/operations/moderation/{case.pk}"' in client_for(operator).get("/operations/moderation").content.decode()
    ledger_ok()
