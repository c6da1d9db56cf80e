"""Sanctions with due process: reason, evidence, public warning, removal of manipulated reviews, suspension of
repeat offenders with an appeal deadline and a funds release date, one appeal decided by a different operator.
Only operators impose or decide; only the sanctioned person (signed in, or through the signed link) reads
and appeals; everyone else gets a 404."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.utils import timezone

from conftest import make_user
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.messaging.models import Notification
from openhour.money.tests.kit import top_up
from openhour.reviews.integrity.models import Case, Sanction
from openhour.reviews.integrity.services import sanctions
from openhour.reviews.models import Review

pytestmark = pytest.mark.django_db


@pytest.fixture
def judge(db: Any) -> Any:
    """A second operator, to decide appeals against the first one's sanctions."""
    return make_user("judge", name="Jude Judge", is_staff=True)


@pytest.fixture
def oncommit(django_capture_on_commit_callbacks: Any) -> Any:
    return django_capture_on_commit_callbacks


def impose(by: Any, user: Any, case: Case, kind: str = "warning", reason: str = "Copied reviews.") -> Sanction:
    return sanctions.sanction_impose(user=user, kind=kind, reason=reason, evidence_case_ids=[case.pk], by=by)


def test_a_warning_is_public_removes_the_written_review_and_tells_the_person(
    operator: Any, fred: Any, clara: Any, evidence: Case, mailoutbox: list[Any], settings: Any, oncommit: Any
) -> None:
    settings.SANCTION_WARNING_DAYS = 60
    with oncommit(execute=True):
        sanction = impose(operator, fred, evidence)
    assert sanction.kind == "warning" and sanction.funds_release_on is None
    assert sanction.appeal_until - sanction.starts_at == timedelta(days=14)
    assert sanction.ends_at - sanction.starts_at == timedelta(days=60)
    item = sanction.evidence[0]
    assert item["case"] == evidence.pk and item["role"] == "author" and item["removed"] is True
    assert item["signals"] == [{"kind": "duplicate", "label": "Near-duplicate text", "score": 0.93}]
    assert "ip" not in str(sanction.evidence)  # raw signal evidence (others' addresses) is never copied out
    assert Review.objects.get(author=fred).status == "removed"
    assert Review.objects.get(author=clara).status == "published"  # only what Fred wrote goes
    removal = Review.objects.get(author=fred).events.get(action="remove")
    assert removal.by == operator and "Copied reviews." in removal.note
    fred.refresh_from_db()
    assert fred.is_active
    note = Notification.objects.get(user=fred, kind="sanction")
    assert "Copied reviews." in note.body and "case" in note.body and "appeal" in note.body
    assert [m.to for m in mailoutbox] == [["fred@example.com"]]
    warning = sanctions.active_warning(fred)
    assert warning is not None and warning.reason == "Copied reviews."
    assert LogEntry.objects.filter(object_id=str(sanction.pk), user=operator).exists()


def test_the_profile_warning_ends_after_the_set_period(operator: Any, fred: Any, evidence: Case) -> None:
    impose(operator, fred, evidence)
    with time_machine.travel(timezone.now() + timedelta(days=91)):
        assert sanctions.active_warning(fred) is None
    assert sanctions.active_warning(make_user("nina", name="Nina None")) is None


def test_a_second_sanction_within_a_year_suspends_with_due_process_fields(
    operator: Any, fred: Any, evidence: Case, mailoutbox: list[Any], oncommit: Any
) -> None:
    top_up(fred, 12_345)
    impose(operator, fred, evidence)
    with oncommit(execute=True):
        second = impose(operator, fred, evidence, reason="Again.")
    assert second.kind == "suspension"
    assert second.reason == "Again." and second.evidence[0]["case"] == evidence.pk
    assert second.funds_release_on == second.ends_at.date()
    assert second.ends_at - second.starts_at == timedelta(days=30)
    assert second.appeal_until > timezone.now()
    fred.refresh_from_db()
    assert not fred.is_active
    assert not Client().login(username="fred", password="correct-horse-battery-staple")
    note = Notification.objects.get(user=fred, source=f"sanction:{second.pk}")
    assert "(£363.45) is held until" in note.body  # £240 earned on the contract + £123.45, and the release date
    assert "?token=" in note.url
    assert mailoutbox[-1].to == ["fred@example.com"]  # mailed although the account is suspended


def test_a_suspension_is_mailed_even_when_the_kind_is_kept_in_the_app(
    operator: Any, fred: Any, evidence: Case, mailoutbox: list[Any], oncommit: Any
) -> None:
    from openhour.messaging.notifications.services import preferences_set

    preferences_set(user=fred, channels={"sanction": "in_app"})
    with oncommit(execute=True):
        impose(operator, fred, evidence, kind="suspension")
    assert len(mailoutbox) == 1 and "Reason: Copied reviews." in mailoutbox[0].body


def test_a_suspension_ends_by_itself(operator: Any, fred: Any, evidence: Case) -> None:
    impose(operator, fred, evidence, kind="suspension")
    assert sanctions.sanctions_expire_due() == 0
    assert sanctions.sanctions_expire_due(now=timezone.now() + timedelta(days=31)) == 1
    fred.refresh_from_db()
    assert fred.is_active


def test_a_lifted_sanction_does_not_count_as_a_first_offence(
    operator: Any, judge: Any, fred: Any, evidence: Case
) -> None:
    first = impose(operator, fred, evidence)
    sanctions.sanction_appeal(sanction_id=first.pk, viewer=fred, text="It was my own text.")
    sanctions.sanction_decide_appeal(sanction_id=first.pk, outcome="lift", reason="Own words.", by=judge)
    assert impose(operator, fred, evidence).kind == "warning"


@pytest.mark.parametrize(("reason", "field"), [("", "reason"), ("   ", "reason")])
def test_a_sanction_needs_a_reason(operator: Any, fred: Any, evidence: Case, reason: str, field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        impose(operator, fred, evidence, reason=reason)
    assert field in refused.value.fields
    assert not Sanction.objects.exists()


def test_evidence_must_be_cases_about_the_person(operator: Any, fred: Any, olga: Any, evidence: Case) -> None:
    for ids in ([], ["999999"], ["x"]):
        with pytest.raises(InvalidInput) as refused:
            sanctions.sanction_impose(user=fred, kind="warning", reason="R", evidence_case_ids=ids, by=operator)
        assert "evidence" in refused.value.fields
    with pytest.raises(InvalidInput):  # a real case, but about Fred and Clara, not Olga
        impose(operator, olga, evidence)
    with pytest.raises(InvalidInput):
        sanctions.sanction_impose(user=fred, kind="ban", reason="R", evidence_case_ids=[evidence.pk], by=operator)
    assert not Sanction.objects.exists()


def test_a_case_about_a_review_received_counts_but_removes_nothing(operator: Any, clara: Any, evidence: Case) -> None:
    sanction = impose(operator, clara, evidence)
    assert sanction.evidence[0]["role"] == "subject" and not sanction.evidence[0]["removed"]
    assert not Review.objects.filter(status="removed").exists()


def test_only_operators_impose_and_not_on_themselves(operator: Any, fred: Any, olga: Any, evidence: Case) -> None:
    with pytest.raises(NotAllowed):
        impose(olga, fred, evidence)
    with pytest.raises(NotAllowed):
        impose(operator, operator, evidence)
    with pytest.raises(NotFound):
        sanctions.sanction_impose(user=None, kind="warning", reason="R", evidence_case_ids=[evidence.pk], by=operator)


def test_appeal_once_before_the_deadline(operator: Any, fred: Any, evidence: Case) -> None:
    sanction = impose(operator, fred, evidence)
    with pytest.raises(InvalidInput):
        sanctions.sanction_appeal(sanction_id=sanction.pk, viewer=fred, text=" ")
    sanctions.sanction_appeal(sanction_id=sanction.pk, viewer=fred, text="I wrote it myself.")
    with pytest.raises(Conflict) as twice:
        sanctions.sanction_appeal(sanction_id=sanction.pk, viewer=fred, text="Again.")
    assert twice.value.code == "sanction_appealed"
    late = impose(operator, fred, evidence)
    with time_machine.travel(timezone.now() + timedelta(days=15)), pytest.raises(Conflict) as after:
        sanctions.sanction_appeal(sanction_id=late.pk, viewer=fred, text="Late.")
    assert after.value.code == "sanction_appeal_closed"


def test_nobody_else_appeals_or_reads(operator: Any, fred: Any, olga: Any, evidence: Case) -> None:
    sanction = impose(operator, fred, evidence)
    for viewer, token in ((olga, ""), (operator, ""), (None, ""), (None, "forged:token"), (olga, "x")):
        with pytest.raises(NotFound):
            sanctions.sanction_appeal(sanction_id=sanction.pk, viewer=viewer, token=token, text="Mine.")
    other = impose(operator, fred, evidence)
    with pytest.raises(NotFound):  # a link for one sanction does not open another
        sanctions.sanction_for(sanction_id=other.pk, token=sanctions.appeal_token(sanction))


def test_a_different_operator_lifts_a_suspension_and_the_account_is_back(
    operator: Any, judge: Any, fred: Any, evidence: Case
) -> None:
    sanction = impose(operator, fred, evidence, kind="suspension")
    token = sanctions.appeal_token(sanction)
    sanctions.sanction_appeal(sanction_id=sanction.pk, token=token, text="My own words, see my drafts.")
    with pytest.raises(NotAllowed):
        sanctions.sanction_decide_appeal(sanction_id=sanction.pk, outcome="lift", reason="Fine.", by=operator)
    with pytest.raises(NotAllowed):
        sanctions.sanction_decide_appeal(sanction_id=sanction.pk, outcome="lift", reason="Fine.", by=fred)
    with pytest.raises(InvalidInput):
        sanctions.sanction_decide_appeal(sanction_id=sanction.pk, outcome="lift", reason="", by=judge)
    sanctions.sanction_decide_appeal(sanction_id=sanction.pk, outcome="lift", reason="Drafts prove it.", by=judge)
    fred.refresh_from_db()
    sanction.refresh_from_db()
    assert fred.is_active and sanction.lifted_at is not None and sanction.appeal_decision == "Drafts prove it."
    assert Review.objects.get(author=fred).status == "published"  # the removed review is back
    assert sanctions.active_warning(fred) is None
    assert Notification.objects.filter(user=fred, source=f"sanction:{sanction.pk}:appeal").exists()
    with pytest.raises(Conflict):
        sanctions.sanction_decide_appeal(sanction_id=sanction.pk, outcome="confirm", reason="No.", by=judge)


def test_a_confirmed_sanction_stays(operator: Any, judge: Any, fred: Any, evidence: Case) -> None:
    sanction = impose(operator, fred, evidence)
    with pytest.raises(Conflict):  # nothing to decide before an appeal
        sanctions.sanction_decide_appeal(sanction_id=sanction.pk, outcome="confirm", reason="R.", by=judge)
    sanctions.sanction_appeal(sanction_id=sanction.pk, viewer=fred, text="Please.")
    sanctions.sanction_decide_appeal(sanction_id=sanction.pk, outcome="confirm", reason="The copies match.", by=judge)
    sanction.refresh_from_db()
    assert sanction.lifted_at is None and sanction.appeal_decision == "The copies match."
    assert sanction.appeal_decided_by == judge and sanction.appeal_decided_at is not None  # attributable
    assert sanctions.active_warning(fred) is not None


# ---- pages ---------------------------------------------------------------------------------------------


def test_the_operator_page_imposes_a_sanction(client_for: Any, operator: Any, fred: Any, evidence: Case) -> None:
    browser = client_for(operator)
    page = browser.get("/operations/sanctions/new?user=fred")
    assert page.status_code == 200 and f"Case #{evidence.pk}: Fred Freelancer about Clara Client" in page.text
    empty = browser.post("/operations/sanctions/new?user=fred", {"kind": "warning", "reason": "", "evidence": []})
    assert empty.status_code == 400
    foreign = browser.post(
        "/operations/sanctions/new?user=fred", {"kind": "warning", "reason": "R", "evidence": ["424242"]}
    )
    assert foreign.status_code == 400 and "424242" in foreign.text
    done = browser.post(
        "/operations/sanctions/new?user=fred", {"kind": "warning", "reason": "Copied.", "evidence": [str(evidence.pk)]}
    )
    sanction = Sanction.objects.get()
    assert done.status_code == 302 and done["Location"] == f"/operations/sanctions/{sanction.pk}"
    assert browser.get(done["Location"]).status_code == 200
    assert browser.get("/operations/sanctions/new?user=nobody").status_code == 404


def test_operator_pages_are_404_for_everyone_else(
    client_for: Any, operator: Any, fred: Any, olga: Any, evidence: Case
) -> None:
    sanction = impose(operator, fred, evidence)
    for browser in (Client(), client_for(olga), client_for(fred)):
        assert browser.get("/operations/sanctions/new?user=fred").status_code == 404
        assert (
            browser.post("/operations/sanctions/new?user=olga", {"kind": "warning", "reason": "R"}).status_code == 404
        )
        assert browser.get(f"/operations/sanctions/{sanction.pk}").status_code == 404
        assert browser.get("/operations/sanctions").status_code == 404
    assert Sanction.objects.count() == 1


def test_the_person_reads_and_appeals_signed_in(client_for: Any, operator: Any, fred: Any, evidence: Case) -> None:
    sanction = impose(operator, fred, evidence)
    browser = client_for(fred)
    page = browser.get(f"/me/sanctions/{sanction.pk}")
    assert page.status_code == 200 and "Copied reviews." in page.text and "Appeal" in page.text
    assert browser.post(f"/me/sanctions/{sanction.pk}", {"text": ""}).status_code == 400
    assert browser.post(f"/me/sanctions/{sanction.pk}", {"text": "Mine."}).status_code == 302
    assert browser.post(f"/me/sanctions/{sanction.pk}", {"text": "Twice."}).status_code == 409


def test_a_suspended_person_appeals_through_the_signed_link(operator: Any, fred: Any, evidence: Case) -> None:
    sanction = impose(operator, fred, evidence, kind="suspension")
    path = sanctions.appeal_path(sanction)
    browser = Client()
    page = browser.get(path)
    assert page.status_code == 200 and "Your account is suspended" in page.text and "Held money" in page.text
    token = path.split("token=")[1]
    assert browser.post(f"/me/sanctions/{sanction.pk}", {"text": "Mine.", "token": token}).status_code == 302
    sanction.refresh_from_db()
    assert sanction.appeal_text == "Mine."
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert browser.get(path).status_code == 200  # the notice is still readable, the appeal closed
    with time_machine.travel(timezone.now() + timedelta(days=60)):
        assert browser.get(path).status_code == 404  # the link expired


def test_the_notice_is_404_for_others(client_for: Any, operator: Any, fred: Any, olga: Any, evidence: Case) -> None:
    sanction = impose(operator, fred, evidence)
    for browser in (Client(), client_for(olga), client_for(operator)):
        assert browser.get(f"/me/sanctions/{sanction.pk}").status_code == 404
        assert browser.post(f"/me/sanctions/{sanction.pk}", {"text": "x"}).status_code == 404
    assert Client().get(f"/me/sanctions/{sanction.pk}?token=tampered").status_code == 404
    sanction.refresh_from_db()
    assert sanction.appealed_at is None


def test_the_second_operator_decides_on_the_page(
    client_for: Any, operator: Any, judge: Any, fred: Any, evidence: Case
) -> None:
    sanction = impose(operator, fred, evidence)
    sanctions.sanction_appeal(sanction_id=sanction.pk, viewer=fred, text="Mine.")
    assert "Decide the appeal" not in client_for(operator).get(f"/operations/sanctions/{sanction.pk}").text
    refused = client_for(operator).post(f"/operations/sanctions/{sanction.pk}", {"outcome": "lift", "reason": "x"})
    assert refused.status_code == 403
    listing = client_for(judge).get("/operations/sanctions")
    assert f"/operations/sanctions/{sanction.pk}" in listing.text
    page = client_for(judge).get(f"/operations/sanctions/{sanction.pk}")
    assert "Decide the appeal" in page.text
    done = client_for(judge).post(f"/operations/sanctions/{sanction.pk}", {"outcome": "confirm", "reason": "Match."})
    assert done.status_code == 302


def test_the_profile_fragment_shows_the_warning_but_keeps_the_reason_for_the_person(
    operator: Any, fred: Any, evidence: Case
) -> None:
    from django.template.loader import render_to_string

    assert (
        render_to_string("integrity/_profile_warning.html", {"warning": sanctions.active_warning(fred)}).strip() == ""
    )
    sanction = impose(operator, fred, evidence)
    html = render_to_string("integrity/_profile_warning.html", {"warning": sanctions.active_warning(fred)})
    until = sanctions.day(sanction.starts_at + timedelta(days=90))
    assert f"Warning: this account manipulated reviews (until {until})" in html and "Copied reviews." not in html


def test_the_appeals_list_costs_the_same_for_many(
    client_for: Any, operator: Any, judge: Any, fred: Any, evidence: Case, django_assert_max_num_queries: Any
) -> None:
    for _n in range(4):
        sanction = impose(operator, fred, evidence)
        sanctions.sanction_appeal(sanction_id=sanction.pk, viewer=fred, text="Mine.")
    browser = client_for(judge)
    with django_assert_max_num_queries(8):
        page = browser.get("/operations/sanctions")
    assert page.text.count("/operations/sanctions/") == 4


def test_a_suspension_ends_an_open_session(client_for: Any, operator: Any, fred: Any, evidence: Case) -> None:
    browser = client_for(fred)
    assert browser.get("/me/profile").status_code == 200
    impose(operator, fred, evidence, kind="suspension")
    assert browser.get("/me/profile").status_code == 302  # signed out: back to the sign-in page
