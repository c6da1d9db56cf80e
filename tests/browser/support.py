"""Helpers for the browser tests: console watching, signing in, where screenshots go."""

from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from django.test import Client
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# The first elements sticking out past the right edge, to say what makes a page scroll sideways.
WIDER_THAN_SCREEN = """[...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth).slice(0, 8)
  .map(e => e.tagName + '.' + e.className)"""


class ConsoleWatch:
    """Collects console errors and uncaught exceptions from every page of a browser context."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: uncaught {error}"))
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.location.get('url', '')}: {message.text}")

    def assert_clean(self) -> None:
        assert not self.errors, "Browser console errors:\n" + "\n".join(self.errors)


def sign_in(context: BrowserContext, base_url: str, user) -> None:
    """Give the browser context a session for `user` without going through the login form."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base_url}])


def accessible(page: Page, what: str, shoot=None) -> None:
    """axe finds no violation and the page fits a phone without sideways scrolling; with `shoot`, the page is
    photographed at both sizes as `what` and `what-phone`."""
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{what}: {results.generate_report()}"
    if shoot:
        shoot(page, what)
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{what} scrolls {overflow}px sideways on a phone: {page.evaluate(WIDER_THAN_SCREEN)}"
    if shoot:
        shoot(page, f"{what}-phone")
    page.set_viewport_size(DESKTOP)
