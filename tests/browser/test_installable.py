"""The site as an installable web app in a real browser: the manifest is linked and fetched, the service worker
registers for the whole site, and a page that cannot be reached shows the offline page, never a kept copy of a
private page."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def controlled(page: Page) -> str:
    """Waits until the service worker looks after this page; returns the worker's address."""
    return str(
        page.evaluate(
            """new Promise(resolve => {
                const sw = navigator.serviceWorker;
                if (sw.controller) { resolve(sw.controller.scriptURL); }
                sw.addEventListener("controllerchange", () => resolve(sw.controller.scriptURL));
            })"""
        )
    )


def test_the_manifest_is_linked_and_names_an_installable_app(page: Page, live_server, console):
    page.goto(f"{live_server.url}/fees")

    href = page.locator('link[rel="manifest"]').get_attribute("href")
    manifest = page.request.get(f"{live_server.url}{href}")
    assert manifest.ok and manifest.headers["content-type"] == "application/manifest+json"
    data = manifest.json()
    assert data["display"] == "standalone" and data["start_url"] == "/"
    for icon in data["icons"]:
        assert page.request.get(f"{live_server.url}{icon['src']}").headers["content-type"] == "image/png"


def test_the_service_worker_registers_for_the_whole_site(page: Page, live_server, console):
    page.goto(live_server.url)

    assert controlled(page) == f"{live_server.url}/sw.js"
    scope = page.evaluate("navigator.serviceWorker.ready.then(registration => registration.scope)")
    assert scope == f"{live_server.url}/"


def test_offline_a_page_shows_the_offline_page_and_online_again_the_page(page: Page, live_server, console, shoot):
    page.goto(f"{live_server.url}/fees")
    controlled(page)

    page.context.set_offline(True)
    page.goto(f"{live_server.url}/projects")

    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page).to_have_url(f"{live_server.url}/projects")
    accessible(page, "installable-offline", shoot)
    page.context.set_offline(False)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("You are offline")


def test_a_private_page_is_never_kept_for_offline_reading(page: Page, live_server, fred, console):
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/wallet")
    controlled(page)
    page.reload()  # now through the service worker
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    kept = page.evaluate(
        "caches.keys().then(names => Promise.all(names.map(name => caches.open(name).then(c => c.keys()))))"
        ".then(lists => lists.flat().map(request => new URL(request.url).pathname))"
    )
    page.context.set_offline(True)
    page.goto(f"{live_server.url}/wallet")

    assert kept and all(path.startswith(("/static/", "/offline", "/brand.css")) for path in kept), kept
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.get_by_text("Fred Freelancer")).to_have_count(0)
