"""The page nginx or Caddy shows while the site is closed for an upgrade (deploy/maintenance.html): it stands
alone, since nothing else is served meanwhile, and reads well on a phone and to a screen reader."""

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.support import accessible

MAINTENANCE = Path(__file__).resolve().parents[2] / "deploy" / "maintenance.html"

pytestmark = pytest.mark.browser


def test_the_maintenance_page_stands_alone_and_is_accessible(page: Page, console, shoot):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(MAINTENANCE.as_uri())
    assert page.title() == "Back shortly · openhour"
    assert page.get_by_role("heading", level=1).inner_text() == "We are updating the marketplace"
    assert requests == [MAINTENANCE.as_uri()]  # no stylesheet, script or image that the closed site could not serve
    accessible(page, "maintenance", shoot)
