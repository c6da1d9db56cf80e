"""The yearly figures per seller: gross paid (before the freelancer fee), fees, net, payments and contracts, per
quarter and currency, read from the ledger; sellers below both thresholds are not reportable."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.money.reporting import selectors
from openhour.money.reporting.tests.kit import YEAR, at, paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def thresholds(settings):
    settings.REPORTING_MIN_TRANSACTIONS = 4
    settings.REPORTING_MIN_AMOUNT = 500_000
    return settings


def test_a_seller_over_the_threshold_appears_with_each_quarters_sums(clara, fred, thresholds, ledger_ok):
    march = paid(clara, fred, 10_000, 20_000, when=at(3))
    july = paid(clara, fred, 30_000, when=at(7))
    december = paid(clara, fred, 40_000, when=at(12, 31))
    paid(clara, fred, 99_000, when=at(1, 2, year=YEAR + 1))  # the next year: not counted

    (seller,) = selectors.reportable_sellers(year=YEAR)

    assert seller.user == fred and seller.details is None
    (gbp,) = seller.years
    assert gbp.currency == "GBP"
    assert gbp.gross == [30_000, 0, 30_000, 40_000]
    assert gbp.fees == [
        sum(one.freelancer_fee for one in march),
        0,
        july[0].freelancer_fee,
        december[0].freelancer_fee,
    ]
    assert all(fee > 0 for fee in (gbp.fees[0], gbp.fees[2], gbp.fees[3]))
    assert gbp.net == [gross - fee for gross, fee in zip(gbp.gross, gbp.fees, strict=True)]
    assert gbp.activities == [2, 0, 1, 1]
    assert gbp.contracts == 3
    assert (gbp.total_gross, gbp.total_activities) == (100_000, 4)
    ledger_ok()


def test_a_seller_under_both_thresholds_is_not_reported(clara, fred, olga, thresholds, ledger_ok):
    paid(clara, fred, 10_000, 10_000, 10_000, 10_000, when=at(5))  # four payments: enough
    paid(clara, olga, 10_000, 20_000, when=at(5))  # two small payments: below both

    reported = selectors.reportable_sellers(year=YEAR)

    assert [seller.user for seller in reported] == [fred]
    ledger_ok()


def test_the_amount_alone_makes_a_seller_reportable(clara, olga, thresholds, ledger_ok):
    paid(clara, olga, 500_000, when=at(2))

    (seller,) = selectors.reportable_sellers(year=YEAR)

    assert seller.user == olga and seller.activities == 1
    ledger_ok()


def test_currencies_are_kept_apart(clara, fred, thresholds, ledger_ok):
    paid(clara, fred, 300_000, when=at(4))
    paid(clara, fred, 250_000, when=at(10), currency="EUR")
    assert selectors.reportable_sellers(year=YEAR) == []  # neither currency reaches the amount: never added up

    paid(clara, fred, 1_000, 1_000, when=at(11), currency="EUR")  # four payments in all: reportable
    (seller,) = selectors.reportable_sellers(year=YEAR)

    assert [(one.currency, one.total_gross) for one in seller.years] == [("EUR", 252_000), ("GBP", 300_000)]
    assert [one.activities for one in seller.years] == [[0, 0, 0, 3], [0, 1, 0, 0]]
    ledger_ok()


def test_the_report_costs_the_same_queries_for_one_seller_as_for_three(clara, fred, olga, thresholds, ledger_ok):
    from conftest import make_user

    paid(clara, fred, 500_000, when=at(2))
    with CaptureQueriesContext(connection) as one:
        selectors.reportable_sellers(year=YEAR)
    for name in ("sam", "sue"):
        paid(clara, make_user(name, name=name.title(), freelancer=True), 500_000, 10_000, when=at(6))
    paid(clara, olga, 500_000, when=at(9))
    with CaptureQueriesContext(connection) as four:
        assert len(selectors.reportable_sellers(year=YEAR)) == 4

    assert len(four) == len(one) == 3
    ledger_ok()
