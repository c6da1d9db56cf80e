"""The operators' analytics in a real browser, over a small market built through the services: the weekly and
monthly figures, the server-drawn charts and the CSV link, axe-clean at desktop and phone widths, no script needed."""

import pytest
import time_machine
from playwright.sync_api import Page, expect

from openhour.operations.tests.market import LATER, build
from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_switches_between_weeks_and_months(
    page: Page, live_server, clara, fred, olga, operator, console, shoot
):
    build(clara, fred, olga)
    sign_in(page.context, live_server.url, operator)
    with time_machine.travel(LATER):
        page.goto(f"{live_server.url}/operations/analytics")
        expect(page.get_by_role("heading", name="Market analytics", level=1)).to_be_visible()
        expect(page.get_by_role("img", name="Bar chart: Paid into work per week in GBP")).to_be_visible()
        gbp = page.get_by_role("region", name="Money in GBP, each period")
        expect(gbp.get_by_role("row").nth(1)).to_contain_text("£600")
        accessible(page, shoot=shoot, what="operations-analytics")

        page.get_by_label("Figures per").select_option("month")
        page.get_by_role("button", name="Show").click()
        expect(page).to_have_url(f"{live_server.url}/operations/analytics?period=month")
        expect(
            page.get_by_role("region", name="Projects and hiring, each period").get_by_role("row").nth(2)
        ).to_contain_text("50.0%")
        accessible(page, shoot=shoot, what="operations-analytics-months")
        expect(page.get_by_role("link", name="Download these figures (CSV)")).to_have_attribute(
            "href", "?period=month&format=csv"
        )
