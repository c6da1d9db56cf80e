"""Double-blind rounds: a review stays sealed (its author alone sees it, and may edit it) until the other side
has reviewed too or the window closes; then what is in publishes together and nothing changes any more. The
platform invites both parties when a contract ends and reminds, about day 7 and day 13, only whoever has not
reviewed yet."""

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
import time_machine
from django.conf import settings

from openhour.contracts.models import Contract
from openhour.lib.errors import DomainError, NotFound
from openhour.messaging.models import Notification
from openhour.reviews import selectors
from openhour.reviews.models import Review, ReviewEvent, ReviewRound
from openhour.reviews.services.reviews import review_edit, review_submit
from openhour.reviews.services.rounds import rounds_fire_due
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db


def day(contract: Contract, days: float) -> datetime:
    """A moment `days` after the contract ended (and its review window opened)."""
    assert contract.ended_at is not None
    return contract.ended_at + timedelta(days=days)


def fire_at(moment: datetime) -> int:
    """Run the timer worker at `moment`."""
    with time_machine.travel(moment, tick=False):
        return rounds_fire_due()


def invitations(user: Any) -> list[Notification]:
    return list(Notification.objects.filter(user=user, kind="review_due").order_by("pk"))


def refused_code(call: Any) -> str:
    with pytest.raises(DomainError) as refused:
        call()
    return refused.value.code


# ---- sealing --------------------------------------------------------------------------------------------


def test_a_submitted_review_stays_sealed_from_the_counterpart_and_everyone(clara, fred, olga, operator, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 2, went_well="Little went well."))

    assert not selectors.published_reviews_of(user=fred).exists()
    assert not selectors.published_reviews_of(user=fred, role="freelancer").exists()
    his_view = selectors.contract_reviews(contract=contract, viewer=fred)
    assert his_view.theirs is None and his_view.theirs_status == "sealed"
    assert his_view.mine is None and his_view.may_review
    her_view = selectors.contract_reviews(contract=contract, viewer=clara)
    assert her_view.mine is not None and her_view.mine.status == "sealed" and her_view.may_edit
    assert her_view.theirs is None and her_view.theirs_status == "none" and not her_view.may_review
    for outsider in (olga, operator):  # an operator is no party: the review page of a contract is for parties
        with pytest.raises(NotFound):
            selectors.contract_reviews(contract=contract, viewer=outsider)
    with pytest.raises(NotFound):
        selectors.published_review_or_404(her_view.mine.pk)
    ledger_ok()


def test_a_sealed_review_can_be_edited_by_its_author_only(clara, fred, olga, ledger_ok):
    contract = finished(clara, fred)
    review = review_submit(contract_id=contract.pk, by=clara, data=body("client", 3))

    edited = review_edit(contract_id=contract.pk, by=clara, data=body("client", 4, could_improve="Faster replies."))

    assert (edited.pk, edited.status, edited.overall, edited.quality) == (review.pk, "sealed", 4, 4)
    assert edited.could_improve == "Faster replies."
    assert list(edited.events.values_list("action", flat=True)) == ["submit", "edit"]
    assert refused_code(lambda: review_edit(contract_id=contract.pk, by=fred, data=body("freelancer"))) == "not_found"
    assert refused_code(lambda: review_edit(contract_id=contract.pk, by=olga, data=body("client"))) == "not_found"
    assert Review.objects.get().overall == 4
    ledger_ok()


def test_a_bad_edit_changes_nothing(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 3))

    assert refused_code(lambda: review_edit(contract_id=contract.pk, by=clara, data=body("client", 9))) == "invalid"

    assert Review.objects.get().overall == 3
    assert not ReviewEvent.objects.filter(action="edit").exists()
    ledger_ok()


# ---- reveal ---------------------------------------------------------------------------------------------


def test_the_second_review_publishes_both_together(clara, fred, olga, ledger_ok):
    contract = finished(clara, fred)
    with time_machine.travel(day(contract, 2), tick=False):
        review_submit(contract_id=contract.pk, by=clara, data=body("client", 5))
    with time_machine.travel(day(contract, 5), tick=False):
        review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 4))

    hers, his = Review.objects.get(author=clara), Review.objects.get(author=fred)
    assert hers.status == his.status == "published"
    assert hers.published_at == his.published_at == day(contract, 5)
    assert [r.pk for r in selectors.published_reviews_of(user=fred)] == [hers.pk]
    assert [r.pk for r in selectors.published_reviews_of(user=clara, role="client")] == [his.pk]
    his_view = selectors.contract_reviews(contract=contract, viewer=fred)
    assert his_view.theirs == hers and his_view.theirs_status == "published" and not his_view.may_edit
    round_ = ReviewRound.objects.get(contract=contract)
    assert round_.status == "closed" and round_.closed_at == day(contract, 5)
    assert not round_.timers.filter(fired_at=None, cancelled_at=None).exists()  # no reminder, no close left
    for review in (hers, his):
        assert review.events.filter(action="publish", actor="system").count() == 1
    # Published: neither may change their review any more.
    with time_machine.travel(day(contract, 6), tick=False):
        code = refused_code(lambda: review_edit(contract_id=contract.pk, by=clara, data=body("client", 1)))
    assert code == "review_window_closed" and Review.objects.get(author=clara).overall == 5
    ledger_ok()


def test_a_lone_review_publishes_when_the_window_closes(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    with time_machine.travel(day(contract, 1), tick=False):
        review_submit(contract_id=contract.pk, by=clara, data=body("client", 4))

    fire_at(day(contract, settings.REVIEW_WINDOW_DAYS) - timedelta(seconds=1))
    assert Review.objects.get().status == "sealed"

    fire_at(day(contract, settings.REVIEW_WINDOW_DAYS))

    review = Review.objects.get()
    assert review.status == "published" and review.published_at == day(contract, 14)
    assert list(selectors.published_reviews_of(user=fred)) == [review]
    assert ReviewRound.objects.get(contract=contract).status == "closed"
    with time_machine.travel(day(contract, 14.5), tick=False):
        edit = refused_code(lambda: review_edit(contract_id=contract.pk, by=clara, data=body("client", 1)))
        late = refused_code(lambda: review_submit(contract_id=contract.pk, by=fred, data=body("freelancer")))
    assert edit == late == "review_window_closed"
    assert Review.objects.get().overall == 4 and Review.objects.count() == 1
    assert fire_at(day(contract, 30)) == 0  # nothing left to fire
    ledger_ok()


def test_a_window_nobody_used_closes_quietly(clara, fred, ledger_ok):
    contract = finished(clara, fred)

    fire_at(day(contract, 14))

    assert ReviewRound.objects.get(contract=contract).status == "closed"
    assert not Review.objects.exists()
    ledger_ok()


def test_a_sealed_review_cannot_be_edited_once_the_window_has_passed_even_before_the_timer(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 4))

    with time_machine.travel(day(contract, 14), tick=False):  # the worker has not run yet
        code = refused_code(lambda: review_edit(contract_id=contract.pk, by=clara, data=body("client", 1)))
        assert not selectors.contract_reviews(contract=contract, viewer=clara).may_edit

    assert code == "review_window_closed" and Review.objects.get().overall == 4
    ledger_ok()


# ---- invitations and reminders --------------------------------------------------------------------------


def test_both_parties_are_invited_in_the_name_of_the_counterpart(
    clara, fred, mailoutbox, django_capture_on_commit_callbacks, ledger_ok
):
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go once the contract's end commits
        contract = finished(clara, fred)

    (hers,), (his,) = invitations(clara), invitations(fred)
    assert "Fred Freelancer" in hers.title and "Clara Client" not in hers.title + hers.body
    assert "Clara Client" in his.title and "Fred Freelancer" not in his.title + his.body
    for note in (hers, his):
        words = len(f"{note.title} {note.body}".split())
        assert words < 90, words
        assert note.url == f"/contracts/{contract.pk}/review"
        assert "http" not in note.body and "/contracts/" not in note.body  # the one link is the notification's
        assert "offer" in note.body and "whatever their rating" in note.body  # no incentives; all are published
    mails = {mail.to[0]: mail for mail in mailoutbox if "/review" in mail.body}
    assert set(mails) == {clara.email, fred.email}
    for mail in mails.values():
        before_signature = mail.body.split("\n-- \n")[0]
        assert re.findall(r"https?://\S+", before_signature) == [f"{settings.SITE_URL}/contracts/{contract.pk}/review"]
    ledger_ok()


def test_reminders_go_about_day_7_and_13_only_to_who_has_not_reviewed(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    with time_machine.travel(day(contract, 1), tick=False):
        review_submit(contract_id=contract.pk, by=clara, data=body("client"))

    fire_at(day(contract, 6.9))
    assert (len(invitations(clara)), len(invitations(fred))) == (1, 1)  # only the invitations so far
    fire_at(day(contract, 7))
    assert (len(invitations(clara)), len(invitations(fred))) == (1, 2)
    fire_at(day(contract, 13))
    assert (len(invitations(clara)), len(invitations(fred))) == (1, 3)
    fire_at(day(contract, 14))
    assert (len(invitations(clara)), len(invitations(fred))) == (1, 3)  # the close reminds nobody
    reminder = invitations(fred)[-1]
    assert "Clara Client" in reminder.title and reminder.url == f"/contracts/{contract.pk}/review"
    ledger_ok()


def test_reminders_stop_once_the_review_is_in(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    fire_at(day(contract, 7))
    assert (len(invitations(clara)), len(invitations(fred))) == (2, 2)  # nobody reviewed: both reminded
    with time_machine.travel(day(contract, 8), tick=False):
        review_submit(contract_id=contract.pk, by=fred, data=body("freelancer"))

    fire_at(day(contract, 13))
    assert (len(invitations(clara)), len(invitations(fred))) == (3, 2)  # Fred has reviewed: only Clara
    with time_machine.travel(day(contract, 13.5), tick=False):
        review_submit(contract_id=contract.pk, by=clara, data=body("client"))
    assert fire_at(day(contract, 20)) == 0  # the round closed with both in: no timer is left
    assert (len(invitations(clara)), len(invitations(fred))) == (3, 2)
    ledger_ok()


def test_a_timer_worker_run_twice_reminds_once(clara, fred, ledger_ok):
    contract = finished(clara, fred)

    fire_at(day(contract, 7))
    fire_at(day(contract, 7.01))

    assert (len(invitations(clara)), len(invitations(fred))) == (2, 2)
    ledger_ok()


def test_a_cancelled_contract_opens_no_round(clara, fred, mailoutbox, django_capture_on_commit_callbacks, ledger_ok):
    with django_capture_on_commit_callbacks(execute=True):
        contract = finished(clara, fred, released=False)

    assert contract.outcome == "cancelled"
    assert not ReviewRound.objects.filter(contract=contract).exists()
    assert invitations(clara) == invitations(fred) == []
    assert mailoutbox and not [mail for mail in mailoutbox if "/review" in mail.body]  # the refund was mailed
    view = selectors.contract_reviews(contract=contract, viewer=clara)
    assert view.round is None and not view.may_review
    ledger_ok()


def test_a_completed_contract_opens_one_round_with_its_timers(clara, fred, ledger_ok):
    contract = finished(clara, fred)

    round_ = ReviewRound.objects.get(contract=contract)
    assert round_.status == "open" and round_.opened_at == contract.ended_at
    assert round_.closes_at == day(contract, settings.REVIEW_WINDOW_DAYS)
    timers = sorted((timer.action, timer.due_at) for timer in round_.timers.all())
    assert timers == [("close", day(contract, 14)), ("remind", day(contract, 7)), ("remind", day(contract, 13))]
    ledger_ok()
