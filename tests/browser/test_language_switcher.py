"""The language switcher at the foot of every page, in a real browser: it works without JavaScript (for a visitor,
on an unprefixed and on a /fr/ page), is axe-clean and fits a phone; the settings page too."""

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.support import DESKTOP, PHONE, SCREENSHOTS, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switcher_button(page: Page, name: str):
    return page.locator("footer").get_by_role("button", name=name, exact=True)


def test_a_visitor_switches_language_without_javascript(browser: Browser, live_server, fred):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    page.goto(live_server.url + "/freelancers")
    switcher_button(page, "Deutsch").click()
    page.wait_for_load_state()

    assert page.url == live_server.url + "/freelancers"
    assert page.locator("html").get_attribute("lang") == "de"
    assert switcher_button(page, "Deutsch").get_attribute("aria-current") == "true"

    page.goto(live_server.url + "/fr/u/fred")
    switcher_button(page, "English").click()
    page.wait_for_load_state()

    assert page.url == live_server.url + "/en/u/fred"
    assert page.locator("html").get_attribute("lang") == "en"
    context.close()


def test_the_switcher_is_accessible_and_fits_a_phone(page: Page, live_server, console, shoot):
    page.goto(live_server.url + "/fr/fees")
    footer = page.locator("footer")

    accessible(page, "language-switcher-fr", shoot)
    for size, name in ((DESKTOP, "language-switcher-footer"), (PHONE, "language-switcher-footer-phone")):
        page.set_viewport_size(size)
        footer.scroll_into_view_if_needed()
        footer.screenshot(path=SCREENSHOTS / f"{name}.png")
    page.set_viewport_size(DESKTOP)


def test_the_settings_page_is_accessible_and_fits_a_phone(page: Page, live_server, fred, console, shoot):
    sign_in(page.context, live_server.url, fred)
    page.goto(live_server.url + "/me/language")

    accessible(page, "language-settings", shoot)


def test_the_settings_save_without_javascript(browser: Browser, live_server, fred):
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, live_server.url, fred)
    page = context.new_page()
    page.goto(live_server.url + "/me/language")

    page.locator("main").get_by_label("Language").select_option("fr")
    page.locator("main").get_by_label("Time zone").select_option("Europe/Paris")
    page.locator("main").get_by_role("button", name="Save").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "fr"
    fred.refresh_from_db()
    assert (fred.language, fred.time_zone) == ("fr", "Europe/Paris")
    context.close()
