"""Phone first: at 390 px no main page scrolls sideways, each visited as the person who uses it; tables become
cards; the navigation folds behind a Menu button (working without JavaScript) so the page's main action shows on
the first screen; from 769 px up the navigation stays a bar."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import PHONE, WIDER_THAN_SCREEN, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCROLL_WIDTH = "document.scrollingElement.scrollWidth"


@pytest.fixture
def market(clara, fred):
    """A project with Fred's proposal accepted into a funded contract, his Hourlie, money in both wallets, a
    payout method, a notification and an unread message: every main page has real content."""
    from openhour.catalog.services.hourlies import hourlie_publish
    from openhour.contracts.models import Contract
    from openhour.jobs.services.proposals import proposal_accept
    from openhour.jobs.tests.proposal_kit import post, send
    from openhour.messaging.conversations.services import conversation_with, message_send
    from openhour.money.payouts.methods import payout_method_add
    from openhour.money.tests.kit import top_up

    project = post(clara, title="A Shopify theme for an independent bakery with online pre-orders")
    proposal_accept(proposal_id=send(project, fred).pk, by=clara)
    top_up(clara, 150_000)
    conversation = conversation_with(user=clara, other=fred)  # an unread message widens Fred's bar by a badge
    message_send(conversation_id=conversation.pk, by=clara, text="Could you start on Monday?")
    payout_method_add(
        owner=fred,
        kind="bank_transfer",
        details={"account_holder": "Fred Freelancer", "iban": "DE89370400440532013000", "bic": "COBADEFFXXX"},
    )
    hourlie = hourlie_publish(
        freelancer=fred,
        title="I will fix one bug in your Django app",
        description="Send me the error; I find the cause, fix it and add a test so it stays fixed.",
        category="web-software",
        skills=["python", "django"],
        currency="GBP",
        packages=[
            {"name": "Basic", "price": 7500, "delivery_days": 2, "revisions": 1, "description": "One bug, one test."},
            {"name": "Standard", "price": 18000, "delivery_days": 4, "revisions": 2, "description": "Three bugs."},
            {"name": "Premium", "price": 45000, "delivery_days": 7, "revisions": 3, "description": "Ten bugs."},
        ],
        extras=[],
    )
    return {"project": project, "contract": Contract.objects.get(client=clara), "hourlie": hourlie}


def _pages(market) -> dict[str, tuple[str, str | None]]:
    """name -> (path, who is signed in: None for a visitor)."""
    return {
        "home": ("/", None),
        "projects": ("/projects", None),
        "project": (f"/projects/{market['project'].pk}", "fred"),
        "freelancers": ("/freelancers", None),
        "profile": ("/u/fred", None),
        "hourlies": ("/hourlies", None),
        "hourlie": (f"/hourlies/{market['hourlie'].pk}", "clara"),
        "dashboard": ("/dashboard", "clara"),
        "contracts": ("/contracts", "clara"),
        "contract": (f"/contracts/{market['contract'].pk}", "clara"),
        "wallet": ("/wallet", "clara"),
        "payout-methods": ("/wallet/payout-methods", "fred"),
        "notifications": ("/notifications", "fred"),
        "messages": ("/messages", "fred"),
        "fees": ("/fees?amount=600&currency=GBP", None),
        "trust-reviews": ("/trust/reviews", None),
        "trust-transparency": ("/trust/transparency", None),
    }


def test_no_main_page_scrolls_sideways_on_a_phone(browser: Browser, live_server, market, clara, fred, shoot):
    people = {"clara": clara, "fred": fred}
    contexts = {}
    failures = []
    for name, (path, who) in _pages(market).items():
        if who not in contexts:
            contexts[who] = browser.new_context(viewport=PHONE)
            if who:
                sign_in(contexts[who], live_server.url, people[who])
        page = contexts[who].new_page()
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        page.wait_for_load_state("networkidle")
        shoot(page, f"{name}-390")
        width = page.evaluate(SCROLL_WIDTH)
        if width > PHONE["width"]:
            failures.append(f"{path} is {width}px wide: {page.evaluate(WIDER_THAN_SCREEN)}")
        page.close()
    for context in contexts.values():
        context.close()
    assert not failures, "\n".join(failures)


def test_the_menu_button_holds_the_navigation_on_a_phone(page: Page, live_server, market, clara, console, shoot):
    sign_in(page.context, live_server.url, clara)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/projects")

    find_freelancers = page.locator("header a[href='/freelancers']")
    expect(find_freelancers).to_be_hidden()  # folded away: the page's own heading and search come first
    expect(page.get_by_role("heading", name="Find work", level=1)).to_be_in_viewport()
    search = page.get_by_role("button", name="Search", exact=True)
    expect(search).to_be_in_viewport()  # the page's main action, on the first screen
    header = page.locator("header.site-header").bounding_box()
    assert header is not None and header["height"] < 90, header  # one row, not a quarter of the screen
    menu = page.locator(".nav-menu > summary")
    expect(menu).to_have_accessible_name("Menu")
    shoot(page, "menu-closed-390", full_page=False)
    menu.click()
    expect(page.locator(".nav-menu")).to_have_attribute("open", "")
    expect(page.locator(".nav-menu-panel").get_by_role("link", name="Wallet")).to_be_visible()
    expect(page.locator(".nav-menu-panel").get_by_role("link", name="Post a project")).to_be_visible()
    shoot(page, "menu-open-390", full_page=False)
    accessible(page, "menu-open")
    page.set_viewport_size(PHONE)
    page.locator(".nav-menu-panel").get_by_role("link", name="Wallet").click()
    expect(page).to_have_url(f"{live_server.url}/wallet")


def test_on_a_desktop_the_navigation_is_a_bar_without_a_menu_button(
    page: Page, live_server, market, clara, console, shoot
):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/dashboard")
    expect(page.locator(".nav-menu > summary")).to_be_hidden()
    for name in ("Find work", "Find freelancers", "Dashboard", "Contracts", "Wallet"):
        expect(page.locator("header").get_by_role("link", name=name, exact=True)).to_be_visible()
    shoot(page, "nav-1280", full_page=False)
    page.set_viewport_size({"width": 900, "height": 800})
    expect(page.locator("header").get_by_role("link", name="Wallet", exact=True)).to_be_visible()
    shoot(page, "nav-900", full_page=False)


def test_the_menu_opens_without_javascript(browser: Browser, live_server, market, clara):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    sign_in(context, live_server.url, clara)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_text("Menu", exact=True).click()
    page.locator(".nav-menu-panel").get_by_role("link", name="Contracts").click()
    expect(page).to_have_url(f"{live_server.url}/contracts")
    context.close()


def test_tables_become_cards_on_a_phone(page: Page, live_server, market, clara, console, shoot):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/wallet")
    row = page.locator("table.stack-table tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "table-row"  # a table on a desktop
    page.set_viewport_size(PHONE)
    assert row.evaluate("tr => getComputedStyle(tr).display") == "block"  # a card on a phone
    label = row.locator("td[data-label='Amount']").evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Amount"'  # each value says what it is
    shoot(page, "wallet-cards-390")
    assert page.evaluate(SCROLL_WIDTH) <= PHONE["width"]
