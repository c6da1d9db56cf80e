"""Right-to-left ready: with a right-to-left language in LANGUAGES (here Arabic, whose catalogue we do not
ship, so the words stay English and only the direction turns), the pages say dir="rtl" and the layout turns
round with no change of CSS: the brand at the right of the bar and the navigation to its left, tables and
forms reading from the right, and nothing scrolling sideways on a phone."""

import pytest
from django.conf import settings
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext

from tests.browser.support import DESKTOP, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# In a right-to-left page it is the left edge that a too-wide element pushes past.
WIDER_TO_THE_LEFT = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().left < 0).slice(0, 8).map(e => e.tagName + '.' + e.className)"""
RIGHT_TO_LEFT = override_settings(LANGUAGES=[*settings.LANGUAGES, ("ar", "العربية")], LANGUAGES_BIDI=["ar", "he"])


@pytest.fixture
def work(clara, fred):
    """A contract between Clara and Fred with money in escrow: a page with a table, forms and amounts."""
    from openhour.money.tests.kit import contract_between, top_up

    top_up(clara, 50_000)
    return contract_between(clara, fred, 30_000, 12_050)


def reading_arabic(browser: Browser, live_server, person=None) -> BrowserContext:
    context = browser.new_context(viewport=DESKTOP)
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])
    if person is not None:
        sign_in(context, live_server.url, person)
    return context


@RIGHT_TO_LEFT
def test_a_right_to_left_language_turns_the_layout_round(browser: Browser, live_server, work, clara, shoot):
    context = reading_arabic(browser, live_server, clara)
    page = context.new_page()
    for name, path in {
        "home": "/",
        "contract": f"/contracts/{work.pk}",
        "fees": "/fees?amount=600&currency=GBP",
    }.items():
        page.set_viewport_size(DESKTOP)
        assert page.goto(live_server.url + path).status == 200
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("html").get_attribute("lang") == "ar"
        brand = page.locator("header .nav-brand").bounding_box()
        browse = page.locator("header .nav-browse").bounding_box()
        assert brand and browse and brand["x"] > browse["x"] + browse["width"] - 1, (brand, browse)
        assert brand["x"] + brand["width"] > DESKTOP["width"] * 0.75  # against the right edge, where reading starts
        shoot(page, f"rtl-{name}-1280")
        page.set_viewport_size(PHONE)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls {overflow}px sideways: {page.evaluate(WIDER_TO_THE_LEFT)}"
        shoot(page, f"rtl-{name}-390")
    context.close()


@RIGHT_TO_LEFT
def test_a_left_to_right_reader_next_to_them_sees_the_page_as_before(browser: Browser, live_server, work, clara):
    context = browser.new_context(viewport=DESKTOP)
    sign_in(context, live_server.url, clara)
    page = context.new_page()
    page.goto(f"{live_server.url}/contracts/{work.pk}")
    assert page.locator("html").get_attribute("dir") == "ltr"
    brand = page.locator("header .nav-brand").bounding_box()
    browse = page.locator("header .nav-browse").bounding_box()
    assert brand and browse and brand["x"] + brand["width"] <= browse["x"] + 1
    context.close()
