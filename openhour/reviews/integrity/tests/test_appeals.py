"""Appeals: either party (the review's author or subject) appeals a decision once, before `appeal_until`;
a different operator decides the appeal, finally. Reinstating a removed review goes through "reinstate"."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.messaging.models import Notification
from openhour.reviews.integrity.tests.moderation_kit import decided, flagged, published, second_operator
from openhour.reviews.models import Reputation

pytestmark = pytest.mark.django_db


def appeal(client_for, user, case_id, reason="The review was fair."):
    return client_for(user).post(
        f"/api/v1/moderation/{case_id}/appeal", {"reason": reason}, content_type="application/json"
    )


def test_a_party_appeals_once_and_a_different_operator_reinstates(clara, fred, olga, operator, client_for, ledger_ok):
    review = published(clara, fred)
    case = decided(flagged(review, olga), operator)
    answer = appeal(client_for, clara, case.pk)
    assert answer.status_code == 200 and answer.json()["status"] == "appealed"
    again = appeal(client_for, fred, case.pk, "Me too.")
    assert again.status_code == 409 and again.json()["error"]["code"] == "appeal_exists"
    same = client_for(operator).post(
        f"/api/v1/operations/moderation/{case.pk}/decide",
        {"outcome": "keep", "reason": "On reflection."},
        content_type="application/json",
    )
    assert same.status_code == 403 and "different operator" in same.json()["error"]["message"]
    page = client_for(operator).get(f"/operations/moderation/{case.pk}").content.decode()
    assert "a different operator decides the appeal" in page and "Record the decision" not in page
    otto = second_operator()
    final = client_for(otto).post(
        f"/operations/moderation/{case.pk}/decide", {"outcome": "keep", "reason": "Harsh but about the work."}
    )
    assert final.status_code == 302
    case.refresh_from_db()
    review.refresh_from_db()
    assert case.status == "closed" and case.final_outcome == "keep" and case.final_decided_by == otto
    assert case.outcome == "remove" and case.decided_by == operator  # the first decision stays on record
    assert review.status == "published" and [e.action for e in review.events.all()][-2:] == ["remove", "reinstate"]
    assert Reputation.objects.get(user=fred, role="freelancer").reviews == 1
    assert [e.action for e in case.events.all()] == ["open", "flag", "decide", "appeal", "decide_appeal"]
    assert case.events.get(action="decide_appeal").by == otto
    for person, told in ((clara, 2), (fred, 3)):  # Fred also heard that Clara appealed
        notes = Notification.objects.filter(user=person, kind="review_moderated")
        assert notes.count() == told and "Harsh but about the work." in notes.first().body
    titles = [note.title for note in Notification.objects.filter(user=fred)]
    assert "Clara Client appealed a moderation decision about a review" in titles
    assert appeal(client_for, fred, case.pk).status_code == 409  # closed: nothing more to appeal
    ledger_ok()


def test_outsiders_cannot_appeal_and_undecided_cases_cannot_be_appealed(
    clara, fred, olga, operator, client_for, ledger_ok
):
    case = flagged(published(clara, fred), olga)
    assert appeal(client_for, clara, case.pk).status_code == 404  # nothing decided yet: no party view either
    decided(case, operator)
    assert appeal(client_for, olga, case.pk).status_code == 404  # the flagger is no party
    assert appeal(client_for, operator, case.pk).status_code == 404
    empty = appeal(client_for, fred, case.pk, "  ")
    assert empty.status_code == 400 and "reason" in empty.json()["error"]["fields"]
    assert appeal(client_for, fred, 999999).status_code == 404
    ledger_ok()


def test_the_appeal_window_closes_after_14_days(clara, fred, olga, operator, client_for, ledger_ok):
    case = decided(flagged(published(clara, fred), olga), operator)
    with time_machine.travel(timezone.now() + timedelta(days=14, minutes=1)):
        late = appeal(client_for, fred, case.pk)
        assert late.status_code == 409 and late.json()["error"]["code"] == "appeal_window_closed"
        assert "Appeal the decision" not in client_for(fred).get(f"/moderation/{case.pk}").content.decode()
    ledger_ok()


def test_the_appeal_page(clara, fred, olga, operator, client_for, ledger_ok):
    case = decided(flagged(published(clara, fred), olga), operator)
    page = client_for(clara).get(f"/moderation/{case.pk}").content.decode()
    assert "The review is removed." in page and "Insults the freelancer." in page and "Offensive" in page
    assert "Appeal the decision" in page
    empty = client_for(clara).post(f"/moderation/{case.pk}/appeal", {"reason": ""})
    assert empty.status_code == 400
    sent = client_for(clara).post(f"/moderation/{case.pk}/appeal", {"reason": "My words were fair."})
    assert sent.status_code == 302 and sent["Location"] == f"/moderation/{case.pk}"
    twice = client_for(fred).post(f"/moderation/{case.pk}/appeal", {"reason": "Me too."})
    assert twice.status_code == 409 and "already been appealed" in twice.content.decode()
    assert client_for(olga).post(f"/moderation/{case.pk}/appeal", {"reason": "x"}).status_code == 404
    ledger_ok()


def test_the_timers_close_a_case_nobody_appealed_once_its_window_ends(
    clara, fred, olga, operator, client_for, ledger_ok
):
    from openhour.reviews.integrity.services.moderation import cases_close_due

    quiet = decided(flagged(published(clara, fred), olga), operator)
    assert cases_close_due() == 0  # still appealable
    later = timezone.now() + timedelta(days=14, minutes=1)
    assert cases_close_due(now=later) == 1
    quiet.refresh_from_db()
    assert quiet.status == "closed" and quiet.events.last().label == "Closed: the time to appeal passed"
    assert cases_close_due(now=later) == 0
    ledger_ok()
