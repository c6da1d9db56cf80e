"""Reputation levels in a real browser: Fred finishes a paid, well-reviewed contract, the timers' daily check
makes him Rising talent, and visitors see the badge on his profile and in search; it leads to the page that
says how every level is earned and lost, where Fred also sees what Top rated still needs. axe-clean, no
sideways scrolling on a phone."""

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import DESKTOP, PHONE, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(tempfile.gettempdir()) / "shots" / "G"


def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _rising_talent(clara, fred) -> None:
    """A contract paid and ended, both reviews in (so published), then the timers' beat."""
    from openhour.reviews.levels.services import levels_refresh_due
    from openhour.reviews.services.reviews import review_submit
    from openhour.reviews.tests.kit import body, finished

    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 5))
    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 5))
    levels_refresh_due()


def test_a_visitor_follows_the_badge_to_how_levels_are_earned(page: Page, live_server, clara, fred, console):
    _rising_talent(clara, fred)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/u/fred")
    badge = page.get_by_role("link", name="Reputation level: Rising talent")
    expect(badge).to_be_visible()
    accessible(page, "levels-profile", shoot=lambda p, name: shot(p, name))

    page.goto(f"{live_server.url}/freelancers")
    card = page.locator(".freelancer-card", has_text="Fred Freelancer")
    expect(card.get_by_role("link", name="Reputation level: Rising talent")).to_be_visible()
    shot(page, "levels-search")
    page.set_viewport_size(PHONE)
    shot(page, "levels-search-phone")
    page.set_viewport_size(DESKTOP)

    card.get_by_role("link", name="Reputation level: Rising talent").click()
    expect(page).to_have_url(f"{live_server.url}/trust/levels#rising_talent")
    expect(page.get_by_role("heading", name="Top rated", exact=True)).to_be_visible()
    expect(page.get_by_text("At least 10 completed contracts")).to_be_visible()
    expect(page.get_by_role("heading", name="Where you stand")).to_have_count(0)
    accessible(page, "levels-page", shoot=lambda p, name: shot(p, name))
    console.assert_clean()


def test_fred_sees_what_the_next_level_needs(page: Page, live_server, clara, fred, console):
    _rising_talent(clara, fred)
    sign_in(page.context, live_server.url, fred)
    page.set_viewport_size(DESKTOP)

    page.goto(f"{live_server.url}/dashboard?as=freelancer")
    card = page.locator(".level-card")
    expect(card.get_by_text("Still needed for Top rated:")).to_be_visible()
    expect(card.get_by_text("At least 10 completed contracts")).to_be_visible()
    accessible(page, "levels-dashboard", shoot=lambda p, name: shot(p, name))

    card.get_by_role("link", name="Every criterion and where you stand").click()
    expect(page.get_by_role("heading", name="Where you stand")).to_be_visible()
    expect(page.get_by_text("You hold Rising talent since")).to_be_visible()
    accessible(page, "levels-progress", shoot=lambda p, name: shot(p, name))
    console.assert_clean()
