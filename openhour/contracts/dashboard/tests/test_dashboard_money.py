"""This year's money by month, from the ledger: the client's spend (funding with fees, less refunds) and the
freelancer's earnings (what was released to them, after the fee), each month as it really moved."""

from datetime import UTC, datetime

import pytest
import time_machine

from openhour.contracts.dashboard.selectors import money_by_month
from openhour.contracts.dashboard.tests.kit import fund, started
from openhour.contracts.services import contracts
from openhour.money import ledger
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


def at(month: int, day: int = 10) -> time_machine.travel:
    return time_machine.travel(datetime(2026, month, day, 12, tzinfo=UTC), tick=False)


def amounts(series) -> list[int]:
    return [month.amount for month in series.months]


@pytest.fixture
def moved(clara, fred):
    """March: Clara funds £300 and £200 (+5% fee). April: she releases the £300. May: Fred refunds the £200."""
    with at(3):
        kept, returned = started(clara, fred, 30_000, 20_000).milestones.all()
        fund(kept, clara)
        fund(returned, clara)
    with at(4):
        contracts.milestone_release(milestone_id=kept.pk, by=clara)
    with at(5):
        contracts.milestone_refund(milestone_id=returned.pk, by=fred)


def test_the_clients_spend_is_what_left_her_wallet_by_month(clara, fred, moved, ledger_ok):
    with at(11):
        [spend] = money_by_month(user=clara, role="client", year=2026)
    assert spend.currency == "GBP"
    assert amounts(spend) == [0, 0, 52_500, 0, -21_000] + [0] * 7  # £500 + £25 in fees; £200 + £10 back
    deposited = 52_500
    assert spend.total == deposited - ledger.wallet(owner=clara, currency="GBP").balance
    ledger_ok()


def test_the_freelancers_earnings_are_what_reached_his_wallet_by_month(clara, fred, moved, ledger_ok):
    with at(11):
        [earned] = money_by_month(user=fred, role="freelancer", year=2026)
    assert amounts(earned) == [0, 0, 0, 24_000] + [0] * 8  # £300 less the 20% fee
    assert earned.total == ledger.wallet(owner=fred, currency="GBP").balance
    assert money_by_month(user=fred, role="freelancer", year=2025) == []
    ledger_ok()


def test_a_deposit_is_not_spend_and_others_money_is_not_mine(clara, fred, olga, moved, ledger_ok):
    with at(6):
        top_up(clara, 10_000)
        top_up(olga, 10_000, "EUR")
        [spend] = money_by_month(user=clara, role="client", year=2026)
    assert spend.total == 31_500
    assert money_by_month(user=olga, role="client", year=2026) == []
    assert money_by_month(user=clara, role="freelancer", year=2026) == []
    ledger_ok()


def test_the_dashboard_draws_the_chart_and_lists_each_month(clara, fred, client_for, moved, ledger_ok):
    with at(11):
        page = client_for(clara).get("/dashboard").content.decode()
        freds = client_for(fred).get("/dashboard").content.decode()
    assert "Spend in 2026" in page and 'role="img"' in page
    assert "Bar chart of your spend by month in 2026, in GBP: £315 in all." in page
    assert '<th scope="row">March</th><td class="num">£525</td>' in page
    assert '<th scope="row">May</th><td class="num">-£210</td>' in page
    assert '<th scope="row">February</th><td class="num">£0</td>' in page
    assert "Earnings in 2026" in freds and '<th scope="row">April</th><td class="num">£240</td>' in freds
    ledger_ok()


def test_nothing_moved_yet_says_so(clara, client_for):
    page = client_for(clara).get("/dashboard").content.decode()
    assert "Nothing spent yet this year." in page and 'role="img"' not in page
