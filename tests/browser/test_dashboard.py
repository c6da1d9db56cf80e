"""The dashboards in a real browser, with real contracts and money moved through escrow: Clara sees what to
fund and review, Fred what to deliver and revise; both see their deadlines and this year's money by month.
The pages pass axe and fit a phone."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.support import PHONE, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BRAND = ["Research", "Palette and type", "Guidelines"]
SHOP = ["Design", "Build", "Launch"]


def _history(clara, fred) -> None:
    """Earlier this year: a finished brand guide, paid for and released month by month."""
    from openhour.contracts.dashboard.tests.kit import fund, started
    from openhour.contracts.services import contracts as services

    now = timezone.now()
    months = sorted({max(1, now.month - back) for back in (3, 2, 1)})
    with time_machine.travel(datetime(now.year, months[0], 6, 10, tzinfo=UTC), tick=False):
        parts = list(started(clara, fred, 40_000, 25_000, 60_000, title="Brand guide", names=BRAND).milestones.all())
    for month, part in zip(months + [now.month] * 3, parts, strict=False):
        with time_machine.travel(datetime(now.year, month, 8, 10, tzinfo=UTC), tick=False):
            fund(part, clara)
        with time_machine.travel(datetime(now.year, month, 20, 10, tzinfo=UTC), tick=False):
            services.milestone_release(milestone_id=part.pk, by=clara)
    services.contract_end(contract_id=parts[0].contract_id, by=clara, note="All done, thank you.")


def _work_in_progress(clara, fred) -> None:
    """Now: a shop redesign delivered, in progress and waiting for money; a logo sent back, and late."""
    from datetime import timedelta

    from openhour.contracts.dashboard.tests.kit import ask_for_changes, deliver, fund, started

    design, build, _launch = started(
        clara, fred, 30_000, 45_000, 20_000, title="Shop redesign", names=SHOP
    ).milestones.all()
    fund(design, clara)
    deliver(design, fred)
    fund(build, clara)
    logo = started(clara, fred, 15_000, title="Logo refresh", names=["New logo"]).milestones.get()
    fund(logo, clara)
    deliver(logo, fred)
    ask_for_changes(logo, clara)
    logo.due_on = timezone.localdate() - timedelta(days=2)
    logo.save(update_fields=["due_on"])


def test_clara_and_fred_each_see_their_own_dashboard(page: Page, live_server, clara, fred, console, shoot):
    _history(clara, fred)
    _work_in_progress(clara, fred)

    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/")
    accessible(page, "menu")
    shoot(page, "home-signed-in", full_page=False)
    page.get_by_role("link", name="Go to your dashboard").click()
    actions = page.get_by_role("region", name="Needs your action now")
    expect(actions.get_by_role("link", name="Fund “Launch” for Fred Freelancer")).to_be_visible()
    expect(actions.get_by_role("link", name="Review the delivery of “Design” from Fred Freelancer")).to_be_visible()
    expect(actions).not_to_contain_text("Revise")
    contracts = page.get_by_role("region", name="Active contracts")
    expect(contracts.get_by_role("link", name="Shop redesign")).to_be_visible()
    expect(page.get_by_role("region", name="Deadlines")).to_contain_text("Overdue by 2 days")
    chart = page.get_by_role("img", name="Bar chart of your spend by month")
    expect(chart).to_be_visible()
    accessible(page, shoot=shoot, what="dashboard-client")

    actions.get_by_role("link", name="Fund “Launch” for Fred Freelancer").click()
    expect(page.get_by_role("region", name="Fund “Launch”")).to_be_visible()

    page.goto(f"{live_server.url}/contracts")
    expect(page.get_by_role("link", name="Brand guide")).to_be_visible()
    page.get_by_role("navigation", name="Show contracts").get_by_role("link", name="Active").click()
    expect(page.get_by_role("link", name="Brand guide")).to_have_count(0)
    accessible(page, shoot=shoot, what="contracts-list")

    fred_page = page.context.browser.new_page(viewport={"width": 1280, "height": 800})
    console.watch(fred_page)
    sign_in(fred_page.context, live_server.url, fred)
    fred_page.goto(f"{live_server.url}/dashboard")
    actions = fred_page.get_by_role("region", name="Needs your action now")
    expect(actions.get_by_role("link", name="Revise “New logo” for Clara Client")).to_be_visible()
    expect(actions.get_by_role("link", name="Deliver “Build” to Clara Client")).to_be_visible()
    expect(actions).not_to_contain_text("Fund")
    expect(fred_page.get_by_role("img", name="Bar chart of your earnings by month")).to_be_visible()
    fred_page.get_by_text("Each month in GBP").click()
    expect(fred_page.get_by_role("table")).to_contain_text("£")
    accessible(fred_page, shoot=shoot, what="dashboard-freelancer")


def test_the_menu_fits_a_phone_for_someone_signed_in_with_both_roles(page: Page, live_server, fred, console, shoot):
    fred.is_client = True
    fred.save(update_fields=["is_client"])
    sign_in(page.context, live_server.url, fred)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/dashboard")
    menu = page.get_by_role("navigation", name="Main")
    menu.get_by_text("Menu", exact=True).click()  # on a phone the links wait behind the menu button
    for name in ("Dashboard", "Contracts", "Wallet", "Find work", "Post a project"):
        box = menu.get_by_role("link", name=name, exact=True).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (name, box)
    shoot(page, "menu-signed-in-phone", full_page=False)
    menu.get_by_text("Menu", exact=True).click()
    expect(page.get_by_role("navigation", name="Your side").get_by_role("link", name="As a client")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    shoot(page, "menu-signed-in", clip={"x": 0, "y": 0, "width": 1280, "height": 140})
