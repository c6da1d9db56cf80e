"""A dispute in a real browser: Clara disputes a delivered milestone from the contract page, Fred answers
with a statement and evidence, the deadline passes, an operator picks the dispute from the queue and
decides a split with a written decision both of them read, and once the appeal window has passed the money
has moved as decided. The dispute pages pass axe and fit a phone."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(page: Page, live_server, user) -> Page:
    other = page.context.browser.new_page(viewport={"width": 1280, "height": 800})
    sign_in(other.context, live_server.url, user)
    return other


def test_dispute_answer_decide_split_and_settle(
    page: Page, live_server, clara, fred, operator, console, shoot, ledger_ok
):
    from openhour.contracts.disputes.services import disputes_fire_due
    from openhour.contracts.disputes.tests.kit import funded
    from openhour.money import ledger

    milestone = funded(clara, fred, delivered=True)  # £300 in escrow; Clara paid £315 with the client fee
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{milestone.contract_id}")
    disputes = page.get_by_role("region", name="Disputes")
    disputes.get_by_text("Dispute “Part 1”").click()
    accessible(page, shoot=shoot, what="dispute-contract-panel")
    disputes.get_by_label("Why do you dispute it?").fill("Only two of the five pages were delivered.")
    disputes.get_by_role("button", name="Open a dispute on “Part 1”").click()
    expect(page.get_by_text("Your dispute is open.")).to_be_visible()
    expect(page.get_by_role("heading", name="Dispute on “Part 1”", level=1)).to_be_visible()
    dispute_url = page.url

    fred_page = _as(page, live_server, fred)
    console.watch(fred_page)
    fred_page.goto(dispute_url)
    expect(fred_page.get_by_text("Only two of the five pages were delivered.")).to_be_visible()
    fred_page.get_by_label("Your statement").fill("All five pages were sent; the client approved the outline.")
    fred_page.get_by_label("Evidence files (optional)").set_input_files(
        files=[{"name": "outline-approval.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 approved"}]
    )
    fred_page.get_by_role("button", name="Add my statement").click()
    expect(fred_page.get_by_text("Your statement is added.")).to_be_visible()
    expect(fred_page.get_by_role("link", name="outline-approval.pdf")).to_be_visible()
    accessible(fred_page, shoot=shoot, what="dispute-statements")

    disputes_fire_due(now=timezone.now() + timedelta(days=3, minutes=1))  # the deadline: both sides spoke
    desk = _as(page, live_server, operator)
    console.watch(desk)
    desk.goto(f"{live_server.url}/operations/disputes")
    accessible(desk, shoot=shoot, what="dispute-queue")
    desk.get_by_role("link", name="Part 1").click()
    expect(desk.get_by_text("Both sides have made their case.")).to_be_visible()
    decide = desk.get_by_role("region", name="Decide")
    expect(decide).to_contain_text("Escrow holds £300")
    accessible(desk, shoot=shoot, what="dispute-operator-desk")
    decide.get_by_label("Released to the freelancer").fill("120")
    decide.get_by_label("Written decision (both sides read it)").fill(
        "The outline was approved and two pages were delivered: £120 of the £300 is paid for that work."
    )
    decide.get_by_role("button", name="Record the decision").click()
    expect(desk.get_by_text("The decision is recorded.")).to_be_visible()

    for person in (page, fred_page):
        person.reload()
        decision = person.get_by_role("region", name="The decision", exact=True)
        expect(decision).to_contain_text("£120")
        expect(decision).to_contain_text("£180")
        expect(decision).to_contain_text("two pages were delivered")
        expect(person.get_by_role("button", name="Appeal the decision")).to_be_visible()
    accessible(page, shoot=shoot, what="dispute-decided")

    disputes_fire_due(now=timezone.now() + timedelta(days=3, minutes=1))  # the appeal window has passed
    page.reload()
    expect(page.get_by_text("Settled: the money has moved as decided.")).to_be_visible()
    expect(page.get_by_text("Fred Freelancer received £96 after the £24 service fee")).to_be_visible()
    expect(page.get_by_role("button", name="Appeal the decision")).to_have_count(0)
    shoot(page, "dispute-settled")
    assert ledger.wallet(owner=fred, currency="GBP").balance == 9_600  # £120 less the 20% service fee
    assert ledger.wallet(owner=clara, currency="GBP").balance == 18_900  # £180 and £9 of her fee back
    page.goto(f"{live_server.url}/contracts/{milestone.contract_id}")
    expect(page.get_by_role("link", name="Dispute on “Part 1”", exact=False)).to_be_visible()
    shoot(page, "dispute-contract-after")
    call_command("ledger_check")
    ledger_ok()
