"""The daily check: levels earned through real work, lost with the reason, taken at once by a sanction, run at
most once a day by the timers, and in a fixed number of queries however many freelancers there are."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from openhour.contracts.models import Milestone
from openhour.jobs.management.commands.run_timers import DUE_TIMERS
from openhour.reviews.integrity.models import Sanction
from openhour.reviews.levels.models import FreelancerLevel, LevelChange, LevelsRun
from openhour.reviews.levels.services import levels_refresh, levels_refresh_due
from openhour.reviews.levels.tests import kit
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

pytestmark = pytest.mark.django_db


def level_of(person) -> str:
    row = FreelancerLevel.objects.filter(user=person).first()
    return row.level if row else ""


def test_a_first_paid_and_well_reviewed_contract_earns_rising_talent(clara, fred, ledger_ok):
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 5))
    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 5))

    assert levels_refresh_due() == 1

    assert level_of(fred) == "rising_talent"
    change = LevelChange.objects.get(user=fred)
    assert (change.from_level, change.to_level, change.reasons) == ("", "rising_talent", [])
    assert level_of(clara) == ""  # clients hold no freelancer level
    ledger_ok()


def test_work_owed_past_its_due_date_loses_the_level_and_says_why(clara, fred):
    kit.contracts(clara, fred, 1)
    kit.reputation(fred, score="4.80", reviews=1)
    levels_refresh()
    assert level_of(fred) == "rising_talent"
    (contract,) = kit.contracts(clara, fred, 1)
    kit.milestone(contract, due_on=timezone.localdate() - timedelta(days=1))  # funded, never delivered

    levels_refresh()

    row = FreelancerLevel.objects.get(user=fred)
    assert (row.level, row.since) == ("", None)
    lost = LevelChange.objects.filter(user=fred).first()
    assert (lost.from_level, lost.to_level) == ("rising_talent", "")
    assert lost.reason_texts == ["On-time delivery fell below 80% (0%)"]


def test_a_level_is_given_back_once_the_criteria_are_met_again(clara, fred):
    kit.contracts(clara, fred, 1)
    rep = kit.reputation(fred, score="3.90", reviews=1)
    levels_refresh()
    assert level_of(fred) == ""
    rep.score = "4.10"
    rep.save()
    levels_refresh()
    assert level_of(fred) == "rising_talent"


def test_a_sanction_takes_the_level_at_the_next_beat_not_the_next_night(clara, fred, operator):
    kit.contracts(clara, fred, 1)
    kit.reputation(fred, score="4.80", reviews=1)
    levels_refresh_due()  # the daily check ran: Rising talent
    assert level_of(fred) == "rising_talent"
    now = timezone.now()
    Sanction.objects.create(
        user=fred,
        kind="warning",
        reason="Swapped reviews",
        starts_at=now,
        ends_at=now + timedelta(days=90),
        appeal_until=now + timedelta(days=14),
        created_by=operator,
    )

    levels_refresh_due()  # a minute later: not yet a day since the check

    assert level_of(fred) == ""
    assert LevelChange.objects.filter(user=fred).first().reason_texts == [
        "A warning or suspension for manipulating reviews is in force"
    ]
    with time_machine.travel(now + timedelta(days=2)):
        levels_refresh_due()
        assert level_of(fred) == ""  # still in force: the daily check gives nothing back
    with time_machine.travel(now + timedelta(days=91)):
        levels_refresh_due()
        assert level_of(fred) == "rising_talent"  # the warning ended


def test_the_timers_run_the_check_at_most_once_a_day(clara, fred):
    assert levels_refresh_due in DUE_TIMERS
    kit.contracts(clara, fred, 1)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        levels_refresh_due()
    first = LevelsRun.objects.get()
    assert first.finished_at is not None and first.changed == 0
    kit.reputation(fred, score="4.80", reviews=1)  # now he qualifies

    with time_machine.travel(start + timedelta(hours=23, minutes=59), tick=False):
        assert levels_refresh_due() == 0  # not a day yet: nothing computed
    assert level_of(fred) == ""

    with time_machine.travel(start + timedelta(days=1), tick=False):
        assert levels_refresh_due() == 1
        assert levels_refresh_due() == 0  # the next beat the same minute finds it claimed
    assert level_of(fred) == "rising_talent"
    assert LevelsRun.objects.get().started_at == start + timedelta(days=1)


def test_a_closed_account_holds_no_level(clara, fred):
    kit.contracts(clara, fred, 1)
    kit.reputation(fred, score="4.80", reviews=1)
    levels_refresh()
    fred.is_active = False
    fred.save(update_fields=["is_active"])
    levels_refresh()
    assert level_of(fred) == ""


def market(clara, size: int, offset: int) -> None:
    """`size` freelancers, each with the full record the rules read: contracts, a score, replies, milestones,
    a dispute; a third lose a dispute, so some levels change."""
    today = timezone.localdate()
    for n in range(offset, offset + size):
        person = make_user(f"worker{n}", name=f"Worker {n}", freelancer=True)
        contracts = kit.contracts(clara, person, 2)
        kit.reputation(person, score="4.90", reviews=2)
        kit.replies(person, minutes=30, sample=3)
        kit.milestone(contracts[0], due_on=today - timedelta(days=5), delivered_on=today - timedelta(days=6))
        kit.dispute(contracts[1], held=1_000, release=0 if n % 3 == 0 else 1_000)
        if n % 2:
            kit.holding(person, "top_rated")  # held before: lost now (too few contracts)


def queries_to_refresh() -> int:
    with CaptureQueriesContext(connection) as queries:
        levels_refresh()
    return len(queries)


def test_the_check_costs_the_same_queries_for_many_freelancers_as_for_few(clara):
    market(clara, 4, 0)
    few = queries_to_refresh()
    FreelancerLevel.objects.all().delete()
    market(clara, 30, 4)

    many = queries_to_refresh()

    assert many == few
    assert FreelancerLevel.objects.filter(level="rising_talent").count() == 22  # 34 less the 12 who lost a dispute
    assert LevelChange.objects.filter(from_level="top_rated", to_level="").exists()


def test_milestones_of_hourly_contracts_do_not_count(clara, fred):
    (contract,) = kit.contracts(clara, fred, 1)
    kit.milestone(contract, due_on=timezone.localdate() - timedelta(days=2), release_on_funding=True)
    kit.reputation(fred, score="4.80", reviews=1)
    assert Milestone.objects.filter(freelancer=fred).count() == 1
    levels_refresh()
    assert level_of(fred) == "rising_talent"


def test_operators_can_run_the_check_now_and_read_levels_but_not_award_them(clara, fred, operator, client_for):
    from django.core.management import call_command

    kit.contracts(clara, fred, 1)
    kit.reputation(fred, score="4.80", reviews=1)
    out = StringIO()
    call_command("levels_refresh", stdout=out)
    assert out.getvalue() == "1 level(s) changed\n"
    assert level_of(fred) == "rising_talent"

    admin = client_for(operator)
    assert "Fred Freelancer" in admin.get("/admin/levels/freelancerlevel/").content.decode()
    assert admin.get("/admin/levels/freelancerlevel/add/").status_code == 403
