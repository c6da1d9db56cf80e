"""Nothing moves money in one click: Hire, paying a milestone, Approve and release and ordering an Hourlie
each show a page with what you pay, what they receive, the fee and the currency, and only its Confirm button
acts, with JavaScript or without (withdrawing has had its review step since payouts began). Release waits
for a delivery; the other party and strangers are refused; an ended contract's never-funded milestone says
it was never funded. Every confirmation passes axe and fits a phone, photographed at both widths."""

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.support import DESKTOP, PHONE, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_js(browser: Browser, base_url: str, user) -> tuple[BrowserContext, Page]:
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    sign_in(context, base_url, user)
    return context, context.new_page()


def _amounts(page: Page):
    return page.get_by_role("region", name="The amounts")


def _funded_contract(clara, fred):
    from openhour.contracts.services.contracts import milestone_fund
    from openhour.money.tests.kit import contract_between, top_up

    contract = contract_between(clara, fred, 30_000)
    top_up(clara, 31_500)
    milestone = contract.milestones.get()
    milestone_fund(milestone_id=milestone.pk, by=clara, method="wallet")
    return contract, milestone


def test_hire_without_javascript_shows_the_amounts_and_hires_only_on_confirm(
    browser: Browser, live_server, clara, fred, olga, client_for
):
    from openhour.jobs.models import Proposal
    from openhour.jobs.tests.proposal_kit import post, send

    proposal = send(post(clara), fred)
    context, page = _no_js(browser, live_server.url, clara)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}")
    page.get_by_role("button", name="Hire").click()

    expect(page.get_by_role("heading", name="Hire Fred Freelancer for “Django shop”?")).to_be_visible()
    amounts = _amounts(page)
    expect(amounts).to_contain_text("The work£600")
    expect(amounts).to_contain_text("Client service fee£30")
    expect(amounts).to_contain_text("You pay in all, milestone by milestone£630")
    expect(amounts).to_contain_text("Fred Freelancer receives")
    expect(amounts).to_contain_text("CurrencyGBP")
    expect(page.get_by_text("Nothing is charged yet")).to_be_visible()
    assert Proposal.objects.get(pk=proposal.pk).status != Proposal.Status.ACCEPTED  # asking hired nobody
    # The other party and a stranger cannot even be asked, nor confirm.
    url = f"/proposals/{proposal.pk}/accept"
    assert client_for(fred).post(url).status_code == 403
    assert client_for(fred).post(url, {"confirm": "yes"}).status_code in (403, 404)
    assert client_for(olga).post(url, {"confirm": "yes"}).status_code == 404

    page.get_by_role("button", name="Confirm and hire Fred Freelancer").click()
    expect(page.get_by_text("You hired Fred Freelancer.")).to_be_visible()
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.ACCEPTED
    context.close()


def test_release_is_offered_after_delivery_and_asks_first_without_javascript(
    browser: Browser, live_server, clara, fred, olga, client_for, ledger_ok
):
    from openhour.contracts.services.delivery import milestone_submit
    from openhour.money import ledger

    contract, milestone = _funded_contract(clara, fred)
    context, page = _no_js(browser, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    # Nothing delivered: no "Approve and release", only the early release behind its warning.
    expect(page.get_by_role("button", name="Approve and release £300")).to_have_count(0)
    expect(page.get_by_text("Pay “Part 1” before delivery")).to_be_visible()

    milestone_submit(milestone_id=milestone.pk, by=fred, message="The redesigned shop, live on staging.")
    page.reload()
    page.get_by_role("region", name="Release “Part 1”").get_by_role("button", name="Approve and release £300").click()
    expect(page.get_by_role("heading", name="Approve and release £300 for “Part 1”?")).to_be_visible()
    amounts = _amounts(page)
    expect(amounts).to_contain_text("Held in escrow£300")
    expect(amounts).to_contain_text("Freelancer service fee£60")
    expect(amounts).to_contain_text("Fred Freelancer receives£240")
    expect(amounts).to_contain_text("CurrencyGBP")
    milestone.refresh_from_db()
    assert milestone.status == "submitted" and ledger.wallet(owner=fred, currency="GBP").balance == 0
    url = f"/milestones/{milestone.pk}/release"
    assert client_for(fred).post(url, {"confirm": "yes"}).status_code == 403  # never to themselves
    assert client_for(olga).post(url, {"confirm": "yes"}).status_code == 404

    page.get_by_role("button", name="Confirm and release £300").click()
    expect(page.get_by_text("Released: the money is on its way.")).to_be_visible()
    assert ledger.wallet(owner=fred, currency="GBP").balance == 24_000
    context.close()
    ledger_ok()


def test_early_release_warns_that_nothing_is_delivered(page: Page, live_server, clara, fred, ledger_ok, shoot):
    contract, milestone = _funded_contract(clara, fred)
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    page.get_by_text("Pay “Part 1” before delivery").click()
    page.get_by_role("button", name="Release £300 without a delivery").click()
    expect(page.get_by_role("note")).to_contain_text("Nothing has been delivered for this milestone yet")
    accessible(page, "confirm-early-release", shoot)
    page.get_by_role("link", name="Go back").click()
    milestone.refresh_from_db()
    assert milestone.status == "funded"
    ledger_ok()


def test_funding_a_milestone_asks_with_the_fee_and_the_wallet(page: Page, live_server, clara, fred, ledger_ok, shoot):
    from openhour.money import ledger
    from openhour.money.tests.kit import contract_between, top_up

    contract = contract_between(clara, fred, 30_000)
    top_up(clara, 40_000)
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    page.get_by_role("button", name="Pay £315 into escrow").click()
    expect(page.get_by_role("heading", name="Pay £315 into escrow for “Part 1”?")).to_be_visible()
    amounts = _amounts(page)
    expect(amounts).to_contain_text("Milestone£300")
    expect(amounts).to_contain_text("Client service fee£15")
    expect(amounts).to_contain_text("You pay£315")
    expect(amounts).to_contain_text("Fred Freelancer receives on release£240")
    accessible(page, "confirm-fund", shoot)
    assert ledger.wallet(owner=clara, currency="GBP").balance == 40_000  # nothing moved yet
    page.get_by_role("button", name="Confirm and pay £315").click()
    expect(page.get_by_text("The milestone is funded")).to_be_visible()
    assert ledger.wallet(owner=clara, currency="GBP").balance == 40_000 - 31_500
    ledger_ok()


def test_ordering_an_hourlie_asks_with_the_package_extras_and_fee(
    page: Page, live_server, clara, fred, ledger_ok, shoot
):
    from openhour.catalog.models import Order
    from openhour.catalog.services.hourlies import hourlie_publish

    hourlie = hourlie_publish(
        freelancer=fred,
        title="I will fix one bug in your Django app",
        description="Send me the error and access to the code; I find the cause and fix it, with a test.",
        category="web-software",
        skills=["python", "django"],
        currency="GBP",
        packages=[{"name": "Basic", "price": 7500, "delivery_days": 2, "revisions": 1, "description": "One bug."}],
        extras=[{"title": "Same-day delivery", "price": 2500, "extra_days": 0}],
    )
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/hourlies/{hourlie.pk}")
    page.get_by_label("Same-day delivery").check()
    page.get_by_label("Your requirements").fill("The checkout page fails with a 500.")
    page.get_by_label("A card").check()
    page.get_by_role("button", name="Order and pay").click()
    amounts = _amounts(page)
    expect(amounts).to_contain_text("Basic£75")
    expect(amounts).to_contain_text("Same-day delivery£25")
    expect(amounts).to_contain_text("Client service fee£5")
    expect(amounts).to_contain_text("You pay£105")
    accessible(page, "confirm-order", shoot)
    assert not Order.objects.exists()  # nothing ordered, nothing charged
    page.get_by_role("button", name="Confirm and pay £105").click()
    expect(page.get_by_text("Your order is paid.")).to_be_visible()
    assert Order.objects.get().status == "paid"
    ledger_ok()


def test_hire_confirmation_fits_a_phone_and_passes_axe(page: Page, live_server, clara, fred, shoot):
    from openhour.jobs.tests.proposal_kit import post, send

    proposal = send(post(clara), fred)
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/proposals/{proposal.pk}")
    page.get_by_role("button", name="Hire").click()
    expect(page.get_by_role("button", name="Confirm and hire Fred Freelancer")).to_be_visible()
    accessible(page, "confirm-hire", shoot)


def test_an_ended_contract_says_its_milestone_was_never_funded(page: Page, live_server, clara, fred, shoot):
    from openhour.contracts.services.contracts import contract_end
    from openhour.money.tests.kit import contract_between

    contract = contract_between(clara, fred, 30_000)
    contract_end(contract_id=contract.pk, by=clara, note="We found another way.")
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    table = page.get_by_role("region", name="Milestones table")
    expect(table).to_contain_text("Never funded")
    expect(table).not_to_contain_text("Awaiting funding")
    page.set_viewport_size(PHONE)
    status = table.locator("td[data-label='Status']").first
    expect(status).to_be_in_viewport()
    box = status.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]  # the Status column is on screen
    accessible(page, "contract-ended", shoot)
