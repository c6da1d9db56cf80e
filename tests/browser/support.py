"""Helpers for the browser tests: console watching, signing in, where screenshots go."""

from pathlib import Path

from django.test import Client
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


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


def sign_in(context: BrowserContext, base_url: str, user) -> None:  # type: ignore[no-untyped-def]
    """Give the browser context a session for `user` without going through the login form."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": base_url}])
