"""The notification bell in a real browser: Fred clicks it and a dropdown of his latest notifications opens in
the header (on a desktop and on a phone, inside the screen); following one reads it; "Mark all read" clears the
count. Without JavaScript the bell takes him to the notification centre. Clara's never show in his."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import PHONE, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _notify(user, titles: list[str]) -> None:
    from openhour.messaging.notifications.services import notification_send

    for i, title in enumerate(titles):
        notification_send(user=user, kind="payout_sent", title=title, url="/wallet", source=f"{user.pk}:{i}")


def test_the_bell_opens_the_latest_notifications(page: Page, live_server, fred, clara, console, shoot):
    _notify(fred, ["Your payout of £240.00 is on its way", "Clara Client hired you for Django shop"])
    _notify(clara, ["Fred Freelancer delivered the first milestone"])
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/dashboard")

    bell = page.get_by_role("link", name="Notifications 2 new")
    expect(bell).to_be_visible()
    bell.click()
    panel = page.locator(".bell-panel")
    expect(panel.get_by_role("link", name="New: Clara Client hired you for Django shop")).to_be_visible()
    expect(panel.get_by_role("link", name="See all")).to_have_attribute("href", "/notifications")
    expect(panel.get_by_text("Fred Freelancer delivered")).to_have_count(0)  # Clara's stay hers
    expect(page.locator("#nav-bell")).to_be_focused()  # focus stays on the bell, now the dropdown's button
    shoot(page, "bell-open-1280", full_page=False)
    accessible(page, "bell-open")

    page.set_viewport_size(PHONE)
    box = panel.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    shoot(page, "bell-open-390", full_page=False)

    panel.get_by_role("button", name="Mark all read").click()
    expect(page.get_by_text("All notifications are marked as read.")).to_be_visible()
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()  # no count left


def test_following_a_notification_from_the_bell_reads_it(page: Page, live_server, fred, console):
    _notify(fred, ["Your payout of £240.00 is on its way"])
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Notifications 1 new").click()
    page.get_by_role("link", name="New: Your payout of £240.00 is on its way").click()
    expect(page).to_have_url(f"{live_server.url}/wallet")
    expect(page.get_by_role("link", name="Notifications", exact=True)).to_be_visible()


def test_without_javascript_the_bell_leads_to_the_centre(browser: Browser, live_server, fred):
    _notify(fred, ["Your payout of £240.00 is on its way"])
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    sign_in(context, live_server.url, fred)
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Notifications 1 new").click()
    expect(page).to_have_url(f"{live_server.url}/notifications")
    expect(page.get_by_role("heading", name="Notifications", level=1)).to_be_visible()
    context.close()


def test_signed_out_visitors_see_no_bell(page: Page, live_server, fred, console):
    _notify(fred, ["Your payout of £240.00 is on its way"])
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.locator("#nav-bell")).to_have_count(0)
