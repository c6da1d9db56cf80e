"""/operations/analytics: operators see the market's figures per week or month, with each figure's meaning, and
download them as CSV; anyone else is sent to sign in (anonymous) or refused (a member). No JavaScript needed: the
period switch is a GET form and the charts are drawn on the server."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.operations.tests.market import DECEMBER, LATER, a_client, at, build
from openhour.operations.tests.test_figures import build_more

pytestmark = pytest.mark.django_db
URL = "/operations/analytics"
KEPT = "operations:analytics:week"  # where the week's figures are kept between requests


@pytest.fixture
def market(clara, fred, olga, ledger_ok):
    made = build(clara, fred, olga)
    yield made
    ledger_ok()


@pytest.fixture
def now():
    with time_machine.travel(LATER, tick=False):
        yield LATER


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    answer = client.get(URL)
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/?next=/operations/analytics")


def test_a_member_is_refused_the_page_and_its_csv(clara, client_for):
    for query in ("", "?format=csv", "?period=month&format=csv"):
        answer = client_for(clara).get(URL + query)
        assert answer.status_code == 403, query
        assert b"60000" not in answer.content


def test_an_operator_reads_the_weeks_figures_with_their_meanings(market, operator, client_for, now):
    page = client_for(operator).get(URL).content.decode()

    assert "<h1>Market analytics</h1>" in page
    assert "weeks start on Monday at 00:00 UTC" in page
    assert "£600" in page and "€100" in page  # each currency's GMV in its own table, never summed
    assert "12.5%" in page and "7.9%" in page  # take rate in GBP and EUR
    assert "33.3%" in page  # dispute rate: one dispute on three fundings
    assert "2.0 h" in page and "6.0 h" in page  # waits for the shop, posted the week before
    assert "Distinct clients who paid into escrow in the period." in page
    assert "Paid into work per week in GBP" in page  # the chart's text alternative names what it shows
    assert 'role="img"' in page and "<script" not in page.split("</head>")[1]
    assert "£200" in page  # the payout waiting


def test_the_period_switch_is_a_plain_get_form_and_shows_months(market, operator, client_for, now):
    page = client_for(operator).get(URL + "?period=month").content.decode()

    assert '<form method="get" action="/operations/analytics"' in page
    assert '<option value="month" selected>' in page
    assert "months start on the 1st at 00:00 UTC" in page
    assert "1 Dec 2026" in page and "1 Nov 2026" in page and "30 Nov 2026" not in page
    assert "50.0%" in page  # November's fill rate: the shop hired, the logo not


def test_a_bad_period_shows_the_form_again_with_the_choice_marked_wrong(operator, client_for):
    answer = client_for(operator).get(URL + "?period=year")
    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Select a valid choice. year is not one of the available choices." in page
    assert "Take rate" not in page


def test_the_csv_holds_the_same_figures_one_per_line(market, operator, client_for, now):
    answer = client_for(operator).get(URL + "?period=month&format=csv")

    assert answer.status_code == 200 and answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == 'attachment; filename="openhour-analytics-month-2026-12-03.csv"'
    rows = list(csv.DictReader(io.StringIO(answer.content.decode())))
    december = {(r["figure"], r["currency"]): r["value"] for r in rows if r["period_start"] == "2026-12-01"}
    assert december[("gmv", "GBP")] == "60000" and december[("gmv", "EUR")] == "10000"
    assert december[("take_rate", "GBP")] == "12.5" and december[("conversion_fee", "EUR")] == "294"
    assert december[("fill_rate", "")] == ""  # nothing posted: no rate, not zero
    november = {r["figure"]: r["value"] for r in rows if r["period_start"] == "2026-11-01" and not r["currency"]}
    assert november["fill_rate"] == "50.0" and november["hire_hours"] == "6.0"
    waiting = [r for r in rows if r["figure"].startswith("payouts_waiting")]
    assert [(r["currency"], r["value"]) for r in waiting] == [("GBP", "20000"), ("GBP", "1")]


def test_the_pages_queries_do_not_grow_with_the_market(market, fred, operator, client_for, now):
    browser = client_for(operator)
    browser.get(URL)  # the session's first request reads more about the person (their second factor, say)
    cache.delete(KEPT)  # the figures are kept for five minutes: read them afresh each time
    with CaptureQueriesContext(connection) as small:
        assert browser.get(URL).status_code == 200
    with at(DECEMBER, hours=40):
        for n in range(3):
            build_more(a_client(f"client{n}"), fred)
    cache.delete(KEPT)
    with CaptureQueriesContext(connection) as bigger:
        assert browser.get(URL).status_code == 200
    assert len(bigger) == len(small)


def test_figures_are_kept_for_five_minutes_and_say_when_they_were_worked_out(market, operator, client_for, now):
    browser = client_for(operator)
    first = browser.get(URL).content.decode()
    assert "Figures as of 3 Dec 2026, 12:00 UTC" in first
    with CaptureQueriesContext(connection) as again:
        assert browser.get(URL).content.decode().count("£600") == first.count("£600")
    assert not [query for query in again.captured_queries if "money_transfer" in query["sql"]]
    with time_machine.travel(LATER + timedelta(minutes=6), tick=False):
        assert "Figures as of 3 Dec 2026, 12:06 UTC" in browser.get(URL).content.decode()


def test_the_account_menu_leads_operators_here_and_nobody_else(clara, operator, client_for):
    link = '<a href="/operations/analytics">Market analytics</a>'
    assert link in client_for(operator).get("/dashboard").content.decode()
    assert link not in client_for(clara).get("/dashboard").content.decode()
