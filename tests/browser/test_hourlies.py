"""Hourlies in a real browser: Fred publishes a service through the form, Clara orders it, and the pages
pass axe and fit a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.support import AXE_OPTIONS, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def service(fred):
    from openhour.catalog.services.hourlies import hourlie_publish

    return hourlie_publish(
        freelancer=fred,
        title="I will fix one bug in your Django app",
        description="Send me the error and access to the code; I find the cause, fix it and explain what went "
        "wrong.\n\nI add a test so it stays fixed.",
        category="web-software",
        skills=["python", "django"],
        currency="GBP",
        packages=[
            {"name": "Basic", "price": 7500, "delivery_days": 2, "revisions": 1, "description": "One bug, one test."},
            {
                "name": "Standard",
                "price": 18000,
                "delivery_days": 4,
                "revisions": 2,
                "description": "Up to three bugs, with tests and a short write-up.",
            },
            {
                "name": "Premium",
                "price": 45000,
                "delivery_days": 7,
                "revisions": 3,
                "description": "Up to ten bugs, tests, a write-up and a call to walk through the fixes.",
            },
        ],
        extras=[
            {"title": "Start within 24 hours", "price": 3000, "extra_days": 0},
            {"title": "Upgrade one dependency", "price": 6000, "extra_days": 2},
        ],
    )


def _overflow(page: Page) -> int:
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def test_a_freelancer_publishes_and_a_client_orders(page: Page, live_server, fred, clara, console, shoot):
    from openhour.catalog.models import Hourlie, Order

    sign_in(page.context, live_server.url, fred)
    page.goto(live_server.url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Services").click()
    page.get_by_role("link", name="Offer a service").click()
    page.get_by_label("Title").fill("Hand-lettered logo for a café")
    page.get_by_label("Description").fill("A warm, hand-lettered mark for signs, cups and bags.")
    page.get_by_label("Category").select_option(label="Design")
    first, second = page.get_by_role("group", name="Package 1"), page.get_by_role("group", name="Package 2")
    first.get_by_label("Package name").fill("Sketch")
    first.get_by_label("Price").fill("120")
    first.get_by_label("Delivery (days)").fill("3")
    first.get_by_label("What is included").fill("Two pencil sketches.")
    second.get_by_label("Package name").fill("Finished logo")
    second.get_by_label("Price").fill("340")
    second.get_by_label("Delivery (days)").fill("8")
    second.get_by_label("Revisions").fill("3")
    extra = page.get_by_role("group", name="Extra 1")
    extra.get_by_label("Extra", exact=True).fill("Vector files")
    extra.get_by_label("Price").fill("45")
    shoot(page, "hourlie-new-filled")
    page.get_by_role("button", name="Publish service").click()

    expect(page.get_by_text("Your service is published.")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Finished logo")).to_be_visible()
    hourlie = Hourlie.objects.get()
    assert [p.name for p in hourlie.packages.all()] == ["Sketch", "Finished logo"]

    page.context.clear_cookies()
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/hourlies/{hourlie.pk}")
    page.get_by_label("Finished logo · £340 + £17 fee").check()
    page.get_by_label("Vector files · +£45 + £2.25 fee").check()
    page.get_by_label("Your requirements").fill("Our café is called Crumb. Warm colours, please.")
    page.get_by_label("A card").check()
    page.get_by_role("button", name="Order and pay").click()
    page.get_by_role("button", name="Confirm and pay £404.25").click()  # £385 and the 5% client fee

    expect(page.get_by_text("Your order is paid.")).to_be_visible()
    expect(page.get_by_text("£385").first).to_be_visible()
    expect(page.get_by_text("Paid", exact=True).first).to_be_visible()
    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, "order-placed")
    page.set_viewport_size(PHONE)
    shoot(page, "order-placed-mobile")
    assert results.violations_count == 0, results.generate_report()
    assert _overflow(page) <= 0
    order = Order.objects.get()
    assert (order.total, order.delivery_days, order.contract.milestones.get().amount) == (38500, 8, 38500)


PAGES = {
    "hourlies": ("/hourlies", None),
    "hourlie-new": ("/hourlies/new", "fred"),
    "hourlie": ("/hourlies/{id}", "clara"),
    "hourlie-owner": ("/hourlies/{id}", "fred"),
}


@pytest.mark.parametrize("name", PAGES)
def test_hourlie_pages_are_accessible_and_fit_a_phone(
    name, page: Page, live_server, fred, clara, service, console, shoot
):
    path, who = PAGES[name]
    path = path.format(id=service.pk)
    if who:
        sign_in(page.context, live_server.url, {"fred": fred, "clara": clara}[who])
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    page.wait_for_load_state("networkidle")

    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, f"page-{name}")
    page.set_viewport_size(PHONE)
    shoot(page, f"page-{name}-mobile")
    overflow = _overflow(page)

    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
    assert overflow <= 0, f"{path} scrolls {overflow}px sideways on a {PHONE['width']}px phone"
