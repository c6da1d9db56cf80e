"""Browser tests drive Debian's Chromium through Playwright against pytest-django's live server.

Every page a test opens is watched: a console error (a CSP refusal, a failed asset, a script error)
fails the test, because the strict Content-Security-Policy blocks anything inline without a sound.
"""

import os
from collections.abc import Callable, Iterator
from importlib import import_module
from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, Page

from tests.browser.support import SCREENSHOTS, ConsoleWatch

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run browser tests last: pytest groups them by the browser parameter, which can move them before
    ordinary database tests, and a live-server test empties the tables (seeded skills included) when it ends."""
    items.sort(key=lambda item: "browser" in item.keywords)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "args": CHROMIUM_FLAGS,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 800}}


@pytest.fixture(autouse=True)
def _taxonomy(request: pytest.FixtureRequest) -> None:
    """Live-server tests leave the tables empty when they end, so put the seeded categories and skills back.

    (serialized_rollback cannot do it here: once Playwright's event loop runs, Django hands the test a
    different connection object from the one the test database was serialized on.)
    """
    if "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from openhour.catalog.models import Skill

    if not Skill.objects.exists():
        import_module("openhour.catalog.migrations.0002_seed_taxonomy").seed(apps, None)


@pytest.fixture
def shoot() -> Callable[..., Path]:
    """Save a screenshot under var/screenshots/ (full page unless told otherwise)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def save(page: Page, name: str, *, full_page: bool = True, clip: FloatRect | None = None) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=path, full_page=full_page and clip is None, clip=clip)
        return path

    return save


@pytest.fixture
def console(page: Page) -> Iterator[ConsoleWatch]:
    """Fails the test when the page logged an error (CSP violations included)."""
    watch = ConsoleWatch()
    watch.watch(page)
    page.context.on("page", watch.watch)
    yield watch
    watch.assert_clean()
