"""Messages in a real browser: Clara writes to Fred from their contract with a file; Fred's header shows the
unread message, his open conversation receives Clara's next message without a reload, he downloads the file
and answers; the badge clears once read. The work stream shows the contract's steps between the messages."""

import pytest
from playwright.sync_api import Page, expect

from openhour.money.tests.kit import contract_between, top_up
from tests.browser.support import WIDER_THAN_SCREEN, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4 the bakery brief"
# How far the header's furthest menu item reaches past the right edge of the window.
NAV_OVERFLOW = """Math.max(...[...document.querySelectorAll('.site-header nav li')]
  .map(li => li.getBoundingClientRect().right)) - document.documentElement.clientWidth"""


def test_two_people_exchange_messages_and_a_file(page: Page, live_server, clara, fred, console, shoot):
    from django.test import Client

    contract = contract_between(clara, fred, 30_000, 20_000)
    top_up(clara, 40_000)
    client = Client()
    client.force_login(clara)
    first = contract.milestones.first()
    assert client.post(f"/api/v1/milestones/{first.pk}/fund", {}, "application/json").status_code == 200

    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    page.get_by_role("button", name="Message Fred Freelancer").click()
    expect(page.get_by_role("heading", name="Conversation with Fred Freelancer")).to_be_visible()
    expect(page.get_by_label("About")).to_have_value(f"contract:{contract.pk}")
    page.get_by_label("Your message").fill("Hello Fred, the first milestone is funded. The brief is attached.")
    page.get_by_label("Files (optional)").set_input_files(
        files=[{"name": "bakery-brief.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Send to Fred Freelancer").click()
    expect(page.get_by_role("link", name="bakery-brief.pdf")).to_be_visible()

    fred_page = page.context.browser.new_page(viewport={"width": 1280, "height": 800})
    console.watch(fred_page)
    sign_in(fred_page.context, live_server.url, fred)
    fred_page.goto(f"{live_server.url}/dashboard")
    badge = fred_page.locator("#nav-messages .count-badge")
    expect(badge).to_have_text("1 unread")
    fred_page.locator("#nav-messages").click()
    accessible(fred_page, "messages-inbox", shoot=shoot)
    fred_page.get_by_role("link", name="Clara Client").click()
    expect(fred_page.get_by_text("the first milestone is funded")).to_be_visible()
    expect(badge).to_have_count(0)  # opening the conversation read it

    # Clara writes again while Fred's page is open: it arrives by polling, with no reload.
    page.get_by_label("Your message").fill("Could you start on Monday?")
    page.get_by_role("button", name="Send to Fred Freelancer").click()
    expect(fred_page.get_by_text("Could you start on Monday?")).to_be_visible(timeout=15_000)
    with fred_page.expect_response(lambda r: "/stream" in r.url and r.status == 304, timeout=15_000):
        pass  # and while nothing changes, each poll is answered 304 Not Modified
    fred_page.wait_for_timeout(300)
    expect(fred_page.get_by_text("Could you start on Monday?")).to_be_visible()  # a 304 leaves the page as it is
    expect(badge).to_have_count(0)  # seen on screen, so not counted as unread

    with fred_page.expect_download() as download:
        fred_page.get_by_role("link", name="bakery-brief.pdf").click()
    assert download.value.suggested_filename == "bakery-brief.pdf"
    fred_page.get_by_label("Your message").fill("Monday works. I will send the first designs by Friday.")
    fred_page.get_by_role("button", name="Send to Clara Client").click()
    stream = fred_page.locator("#work-stream")
    expect(stream).to_contain_text("Monday works.")
    expect(stream).to_contain_text("“Part 1” funded")
    expect(stream).to_contain_text("Started")
    wider = fred_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert wider <= 0, (
        f"{wider}px sideways at 1280px: {fred_page.evaluate(WIDER_THAN_SCREEN)}"
    )  # the header with its counts fits
    accessible(fred_page, "messages-work-stream", shoot=shoot)
    for width in (1024, 1536, 1920):  # the header with its counts fits at laptop and wide screen widths too
        fred_page.set_viewport_size({"width": width, "height": 800})
        assert fred_page.evaluate(NAV_OVERFLOW) <= 0, width
    fred_page.set_viewport_size({"width": 1280, "height": 800})

    expect(page.get_by_text("Monday works.")).to_be_visible(timeout=15_000)  # and back to Clara the same way
    page.goto(f"{live_server.url}/dashboard")
    expect(page.locator("#nav-messages .count-badge")).to_have_count(0)
    console.assert_clean()
