"""The public /fees page explains the schedule with real numbers and has a calculator that needs no JS."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_anyone_can_read_the_fees_with_a_worked_example():
    page = Client().get("/fees")
    assert page.status_code == 200
    text = page.content.decode()
    # a £600 first job: 20% of £500 + 7.5% of £100 = £107.50; the client adds 5% = £30
    assert "£600" in text and "£107.50" in text and "£492.50" in text
    assert "£630" in text and "£30" in text
    assert "2026-11" in text and "€575" in text and "$6,250" in text
    assert 'href="/fees"' in text  # the footer link


def test_the_calculator_shows_a_breakdown():
    page = Client().get("/fees", {"amount": "1000", "currency": "EUR", "billed": "100"})
    assert page.status_code == 200
    result = page.content.decode().split('id="breakdown-title"')[1]
    # €100 billed before: €475 at 20% = €95, then €525 at 7.5% = €39.375 -> €134.38 in all
    for shown in ("€1,000", "€50", "€1,050", "€134.38", "€865.62"):
        assert shown in result


@pytest.mark.parametrize(
    "query",
    [
        {"amount": "lots", "currency": "GBP"},
        {"amount": "-5", "currency": "GBP"},
        {"amount": "5", "currency": "XYZ"},
        {"amount": "1.234", "currency": "GBP"},
        {"amount": "99999999999", "currency": "GBP"},
    ],
)
def test_bad_input_is_a_form_error(query):
    page = Client().get("/fees", query)
    assert page.status_code == 400
    assert "field-errors" in page.content.decode()
    assert 'id="breakdown-title"' not in page.content.decode()


def test_the_page_explains_refunds_withdrawals_and_the_payout_hold(client, settings):
    settings.PAYOUT_MINIMUM = 2500
    settings.PAYOUT_HOLD_DAYS = 5
    page = client.get("/fees").content.decode()
    assert "the client service fee on that part goes back too" in page
    assert "The smallest withdrawal is £25" in page and "5 days after you add it" in page
