"""A contract in a real browser: Clara hires Fred from his proposal, funds a milestone by card through the
3-D Secure step, Fred delivers, Clara asks for changes, Fred delivers again and Clara releases; the pages
pass axe and fit a phone."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import PHONE, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_hire_fund_by_card_deliver_ask_for_changes_deliver_again_release(
    page: Page, live_server, settings, clara, fred, console, shoot
):
    from openhour.jobs.tests.proposal_kit import post, send
    from openhour.money import ledger

    settings.SITE_URL = live_server.url  # the 3-D Secure page is on this server
    proposal = send(post(clara), fred)
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}")
    page.get_by_role("button", name="Hire").click()
    page.get_by_role("button", name="Confirm and hire Fred Freelancer").click()
    expect(page.get_by_text("You hired Fred Freelancer.")).to_be_visible()
    fund = page.get_by_role("region", name="Fund “Design”")
    expect(fund).to_contain_text("£15")  # the client fee, before the click
    accessible(page, "contract page")
    fund.get_by_label("A card").check()
    fund.get_by_label("Card", exact=True).select_option("tok_3ds")
    fund.get_by_role("button", name="Pay £315 into escrow").click()
    page.get_by_role("button", name="Confirm and pay £315").click()

    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    accessible(page, "payment confirmation page")
    shoot(page, "payment-3ds-confirm")
    page.get_by_role("button", name="Confirm payment").click()
    expect(page.get_by_text("Payment confirmed")).to_be_visible()
    # Nothing is delivered yet: release waits behind "before delivery" and its warning.
    expect(page.get_by_role("region", name="Release “Design”")).to_have_count(0)
    expect(page.get_by_text("Pay “Design” before delivery")).to_be_visible()
    shoot(page, "contract-funded")

    fred_page = page.context.browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(fred_page.context, live_server.url, fred)
    fred_page.goto(page.url)
    work = fred_page.get_by_role("region", name="Work on “Design”")
    work.get_by_label("What you deliver").fill("The first design, with the colours we discussed.")
    work.get_by_label("Files (optional)").set_input_files(
        files=[{"name": "design.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 design"}]
    )
    work.get_by_role("button", name="Deliver").click()
    expect(fred_page.get_by_text("Delivered. The client reviews it now.")).to_be_visible()

    page.reload()
    work = page.get_by_role("region", name="Work on “Design”")
    expect(work.get_by_role("link", name="design.pdf")).to_be_visible()
    work.get_by_label("What should change").fill("Please make the logo larger.")
    work.get_by_role("button", name="Ask for changes").click()
    expect(page.get_by_text("Your request for changes is sent.")).to_be_visible()

    fred_page.reload()
    work = fred_page.get_by_role("region", name="Work on “Design”")
    work.get_by_label("What you deliver").fill("A larger logo, as asked.")
    work.get_by_role("button", name="Deliver again").click()
    expect(fred_page.get_by_text("Delivered. The client reviews it now.")).to_be_visible()

    page.reload()
    accessible(page, "contract page with deliveries")
    shoot(page, "contract-delivered-twice")
    release = page.get_by_role("region", name="Release “Design”")
    release.get_by_role("button", name="Approve and release £300").click()
    page.get_by_role("button", name="Confirm and release £300").click()
    expect(page.get_by_text("Released: the money is on its way.")).to_be_visible()
    expect(page.get_by_role("list").filter(has_text="“Design” released")).to_be_visible()
    shoot(page, "contract-released")

    assert ledger.wallet(owner=fred, currency="GBP").balance == 24_000  # £300 less the 20% first-tier fee
    page.set_viewport_size(PHONE)
    shoot(page, "contract-released-phone")
