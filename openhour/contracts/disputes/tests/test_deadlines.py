"""Deadlines of a dispute: at the response deadline a side that stayed silent loses by default (with a
written decision saying why); when both have spoken, an operator decides; when the appeal window ends, the
decision is carried out. Timers of the milestone stay paused throughout."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.services import disputes_fire_due
from openhour.contracts.disputes.tests.kit import appeal, funded, open_dispute, state
from openhour.contracts.services.delivery import milestones_fire_due
from openhour.money import ledger

pytestmark = pytest.mark.django_db


def _later(days: float) -> time_machine.travel:
    return time_machine.travel(timezone.now() + timedelta(days=days))


@pytest.mark.parametrize(("opener", "silent", "status"), [("clara", "fred", "refunded"), ("fred", "clara", "released")])
def test_the_side_that_stays_silent_loses_by_default(
    opener, silent, status, clara, fred, client_for, ledger_ok, mailoutbox, django_capture_on_commit_callbacks
):
    people = {"clara": clara, "fred": fred}
    milestone = funded(clara, fred, delivered=True)
    pk = int(open_dispute(client_for(people[opener]), milestone).json()["id"])
    with _later(1.9):
        assert disputes_fire_due() == 0
    mailoutbox.clear()
    with _later(2.9), django_capture_on_commit_callbacks(execute=True):
        assert disputes_fire_due() == 1  # a day's warning, to the silent side only
    assert [m.to for m in mailoutbox] == [[people[silent].email]]
    assert "decided against you by default" in mailoutbox[0].body
    with _later(3.01):
        assert disputes_fire_due() == 1
    dispute = Dispute.objects.get(pk=pk)
    assert dispute.status == "decided" and dispute.decided_by is None
    assert dispute.release == (30_000 if opener == "fred" else 0)
    assert f"the {'freelancer' if silent == 'fred' else 'client'} did not answer" in dispute.decision
    seen = client_for(people[silent]).get(f"/disputes/{pk}").content.decode()
    assert "Decided by default" in seen and "Appeal the decision" in seen  # the loser may still appeal
    with _later(3.5):
        assert milestones_fire_due() == 0 and disputes_fire_due() == 0
    with _later(6.1):
        assert disputes_fire_due() == 1
    milestone.refresh_from_db()
    assert milestone.status == status
    winner_wallet = ledger.wallet(owner=people[opener], currency="GBP").balance
    assert winner_wallet == (24_000 if opener == "fred" else 31_500)
    ledger_ok()


def test_when_both_sides_have_spoken_an_operator_decides(clara, fred, client_for, ledger_ok):
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(clara), milestone).json()["id"])
    state(client_for(fred), pk, "It was finished on time.")
    with _later(3.01):
        assert disputes_fire_due() == 2  # the day-before warning finds nobody silent, then the deadline
    dispute = Dispute.objects.get(pk=pk)
    assert dispute.status == "awaiting_decision" and dispute.release is None and dispute.due_at is None
    with _later(60):
        assert disputes_fire_due() == 0  # waits for an operator, however long
    assert Dispute.objects.get(pk=pk).status == "awaiting_decision"
    ledger_ok()


def test_an_appeal_after_the_window_is_refused_even_before_the_timer_runs(clara, fred, operator, client_for, ledger_ok):
    from openhour.contracts.disputes.tests.kit import decide

    pk = int(open_dispute(client_for(clara), funded(clara, fred)).json()["id"])
    decide(client_for(operator), pk, 10_000)
    with _later(3.01):
        late = appeal(client_for(fred), pk)
    assert (late.status_code, late.json()["error"]["code"]) == (409, "appeal_window_closed")
    assert Dispute.objects.get(pk=pk).status == "decided"
    ledger_ok()


def test_the_side_given_everything_has_nothing_to_appeal(clara, fred, operator, client_for, ledger_ok):
    from openhour.contracts.disputes.tests.kit import decide

    pk = int(open_dispute(client_for(clara), funded(clara, fred)).json()["id"])
    decide(client_for(operator), pk, 0)
    refused = appeal(client_for(clara), pk)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "nothing_to_appeal")
    assert appeal(client_for(fred), pk).status_code == 200
    ledger_ok()
