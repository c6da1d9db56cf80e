"""The market's figures against the small market of `market.build`, worked out by hand: per week and per month,
either side of a week's and a month's first moment, in two currencies never added together."""

from datetime import date, timedelta

import pytest
import time_machine

from openhour.jobs.tests.proposal_kit import post
from openhour.operations.analytics import selectors
from openhour.operations.analytics.periods import window
from openhour.operations.analytics.selectors import MoneyFigures, WaitingPayouts
from openhour.operations.tests.market import LATER, SUNDAY_LATE, a_client, build

pytestmark = pytest.mark.django_db

# Paid into escrow on 1 December: two GBP milestones of 30,000 and one EUR milestone of 10,000.
GBP = MoneyFigures(
    currency="GBP",
    gmv=60_000,
    client_fee=1_500,  # 5% of 60,000 charged, the 1,500 of the refunded milestone given back
    freelancer_fee=6_000,  # 20% of the 30,000 released
    conversion_fee=0,
    refunded=30_000,
)
EUR = MoneyFigures(currency="EUR", gmv=10_000, client_fee=500, freelancer_fee=0, conversion_fee=294, refunded=0)


@pytest.fixture
def market(clara, fred, olga, ledger_ok):
    made = build(clara, fred, olga)
    yield made
    ledger_ok()


def test_the_window_is_twelve_weeks_from_monday_or_twelve_months_from_the_first():
    weeks, months = window("week", now=LATER), window("month", now=LATER)
    assert (weeks.starts[0], weeks.starts[-1], len(weeks.starts)) == (date(2026, 9, 14), date(2026, 11, 30), 12)
    assert (months.starts[0], months.starts[-1], len(months.starts)) == (date(2026, 1, 1), date(2026, 12, 1), 12)
    assert window("month", now=LATER, count=13).starts[0] == date(2025, 12, 1)


def test_a_week_holds_its_money_per_currency_with_each_fees_share(market):
    week = selectors.market_figures(period="week", now=LATER).periods[-1]

    assert (week.start, week.end) == (date(2026, 11, 30), date(2026, 12, 7))
    assert week.money == [EUR, GBP]  # in code order, never summed together
    assert (GBP.take_rate, GBP.client_fee_rate, GBP.freelancer_fee_rate, GBP.refund_rate) == (12.5, 2.5, 10.0, 50.0)
    assert (EUR.take_rate, EUR.client_fee_rate, EUR.conversion_fee_rate, EUR.refund_rate) == (7.94, 5.0, 2.94, 0.0)
    assert (week.milestones_funded, week.disputes_opened, week.dispute_rate) == (3, 1, 33.33)
    assert (week.active_clients, week.active_freelancers) == (1, 1)  # Clara paid in; only Fred was paid out


def test_hiring_figures_follow_the_week_each_project_was_posted_in(market):
    *_, before, week = selectors.market_figures(period="week", now=LATER).periods

    # The shop, posted on Sunday night: a proposal 2 h later, a hire 6 h later.
    assert before.start == date(2026, 11, 23)
    assert (before.projects_posted, before.projects_hired, before.fill_rate) == (1, 1, 100.0)
    assert (before.first_proposal_hours, before.hire_hours) == (2.0, 6.0)
    assert before.money == [] and before.hires == 0  # the hire happened on Monday
    # The logo, posted on Monday's first moment, has had no proposal.
    assert (week.projects_posted, week.projects_hired, week.fill_rate) == (1, 0, 0.0)
    assert (week.first_proposal_hours, week.hire_hours) == (None, None)
    # Three contracts started this week: Fred hired, then Olga (Clara had hired before), then Fred again.
    assert (week.hires, week.repeat_hires, week.repeat_hires_same) == (3, 2, 1)
    assert (week.repeat_hire_rate, week.repeat_same_rate) == (66.67, 33.33)


def test_a_month_starts_on_the_first_at_midnight_utc(market):
    *_, november, december = selectors.market_figures(period="month", now=LATER).periods

    assert (november.start, december.start, december.end) == (date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1))
    # Both projects were posted in November (the logo on the 30th), and the first hire was made there.
    assert (november.projects_posted, november.projects_hired, november.fill_rate) == (2, 1, 50.0)
    assert (november.first_proposal_hours, november.hire_hours) == (2.0, 6.0)
    assert (november.hires, november.repeat_hires, november.money) == (1, 0, [])
    # The money moved from 1 December 00:00 on.
    assert december.money == [EUR, GBP] and december.milestones_funded == 3
    assert (december.hires, december.repeat_hire_rate, december.repeat_same_rate) == (2, 100.0, 50.0)
    assert december.projects_posted == 0 and december.fill_rate is None


def test_payouts_waiting_are_counted_and_summed_per_currency(market, fred):
    report = selectors.market_figures(period="month", now=LATER)

    assert report.payouts_waiting == [WaitingPayouts(currency="GBP", count=1, amount=20_000)]
    assert report.currencies == ["EUR", "GBP"]


def test_an_empty_market_has_zeros_and_no_rates(db):
    report = selectors.market_figures(period="week", now=LATER)

    assert len(report.periods) == 12 and report.currencies == [] and report.payouts_waiting == []
    assert all(p.projects_posted == 0 and p.fill_rate is None and p.dispute_rate is None for p in report.periods)


def test_the_number_of_queries_does_not_grow_with_the_market(market, clara, fred, django_assert_num_queries):
    with django_assert_num_queries(6):
        selectors.market_figures(period="week", now=LATER)
    from openhour.operations.tests.market import DECEMBER, at

    with at(DECEMBER, hours=40):  # more clients, contracts and money in both currencies
        for n in range(3):
            build_more(a_client(f"client{n}"), fred)
    with django_assert_num_queries(6):
        report = selectors.market_figures(period="week", now=LATER)
    assert report.periods[-1].active_clients == 4


def build_more(client, fred) -> None:
    from openhour.contracts.dashboard.tests.kit import fund
    from openhour.money.tests.kit import contract_between

    for currency in ("GBP", "EUR"):
        fund(contract_between(client, fred, 4_000, currency=currency).milestones.get(), client)


def test_the_cached_report_reads_past_weeks_again_daily_and_this_week_every_five_minutes(market, clara):
    posted = {"past": SUNDAY_LATE - timedelta(days=7), "now": LATER + timedelta(minutes=6)}
    with time_machine.travel(LATER, tick=False):
        before = selectors.market_figures_cached(period="week")
        assert before.periods == selectors.market_figures(period="week", now=LATER).periods
    with time_machine.travel(posted["past"], tick=False):
        post(clara, title="A late entry into a past week")
    with time_machine.travel(posted["now"], tick=False):
        post(clara, title="Posted this week")
        soon = selectors.market_figures_cached(period="week")  # five minutes on: the report is computed again
    with time_machine.travel(LATER + timedelta(days=1, minutes=10), tick=False):
        next_day = selectors.market_figures_cached(period="week")

    assert [p.projects_posted for p in before.periods[-3:]] == [0, 1, 1]
    assert [p.projects_posted for p in soon.periods[-3:]] == [0, 1, 2]  # this week's new project, not the past one
    assert [p.projects_posted for p in next_day.periods[-3:]] == [1, 1, 2]  # a day on, the past week too
