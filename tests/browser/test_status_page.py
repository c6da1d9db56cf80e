"""The operators' status page in a real browser: every part with its state in words, the 503 when the worker and
timers have not beaten, axe-clean at desktop and phone widths."""

import pytest
from playwright.sync_api import Page, expect

from openhour.operations.health.services import heartbeats_due
from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_operator_reads_which_part_needs_them(page: Page, live_server, operator, console, shoot):
    sign_in(page.context, live_server.url, operator)

    answer = page.goto(f"{live_server.url}/operations/status")
    assert answer is not None and answer.status == 503
    expect(page.get_by_text("Something needs you")).to_be_visible()
    worker = page.get_by_role("row", name="Worker")
    expect(worker).to_contain_text("Down or stale")
    expect(worker).to_contain_text("no heartbeat yet")
    accessible(page, shoot=shoot, what="operations-status-stale")
    # Chromium logs the 503 itself as a console error: it is the answer a monitor reads, so it alone is let through.
    console.errors = [error for error in console.errors if not error.endswith("status of 503 (Service Unavailable)")]

    heartbeats_due()  # the timers' round; the test's tasks run at once, so the worker's heartbeat too
    answer = page.goto(f"{live_server.url}/operations/status")
    assert answer is not None and answer.status == 200
    expect(page.get_by_text("Everything answers")).to_be_visible()
    expect(page.get_by_role("row", name="Database")).to_contain_text("OK")
    accessible(page, shoot=shoot, what="operations-status")
