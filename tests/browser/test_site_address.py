"""One site address, and a card payment that cannot continue always says why.

The site here runs on the live server's port while SITE_URL names another one (as `make run PORT=8101` did
before it exported SITE_URL): the 3-D Secure step still works, because the pages send the payer to the payment
page on the address they use. A payment left waiting, or refused, is explained on the contract page.
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SOMEWHERE_ELSE = "http://127.0.0.1:8000"  # not the live server: links built from SITE_URL would leave it


@pytest.fixture
def contract(clara, fred, settings):
    from openhour.jobs.services.proposals import proposal_accept
    from openhour.jobs.tests.proposal_kit import post, send

    settings.SITE_URL = SOMEWHERE_ELSE
    return proposal_accept(proposal_id=send(post(clara), fred).pk, by=clara)


def _pay(page: Page, card: str, then: Locator) -> None:
    """Fund “Design” with a sandbox card from the contract page, confirming the amounts if asked to."""
    fund = page.get_by_role("region", name="Fund “Design”")
    fund.get_by_label("A card").check()
    fund.get_by_label("Card", exact=True).select_option(card)
    fund.get_by_role("button", name=re.compile(r"^Pay ")).click()
    confirm = page.get_by_role("button", name=re.compile(r"^Confirm and pay"))
    expect(confirm.or_(then)).to_be_visible()
    if confirm.count():  # the amounts, once more, before the money moves
        confirm.click()
    expect(then).to_be_visible()


def test_3d_secure_works_when_the_site_runs_on_another_address_than_site_url(
    page: Page, live_server, clara, contract, console, shoot
):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    _pay(page, "tok_3ds", page.get_by_role("heading", name="Confirm your payment"))
    assert page.url.startswith(live_server.url)  # still on the address the payer uses
    page.get_by_role("button", name="Confirm payment").click()
    expect(page.get_by_text("Payment confirmed")).to_be_visible()
    expect(page.get_by_role("region", name="Fund “Design”")).to_have_count(0)
    expect(page.get_by_role("region", name="Milestones table")).to_contain_text("Funded")
    shoot(page, "A-contract-funded-after-3ds")


def test_a_payment_left_waiting_for_the_bank_is_explained_on_the_contract_page(
    page: Page, live_server, clara, contract, console, shoot
):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    _pay(page, "tok_3ds", page.get_by_role("heading", name="Confirm your payment"))
    page.get_by_role("link", name="Not now").click()

    waiting = page.get_by_role("status").filter(has_text="is waiting for you")
    expect(waiting).to_contain_text("£315")
    expect(waiting).to_contain_text("Your bank asks you to confirm it")
    accessible(page, "A-contract-payment-waiting", shoot)
    waiting.get_by_role("button", name="Confirm the payment").click()
    page.get_by_role("button", name="Confirm payment").click()
    expect(page.get_by_text("Payment confirmed")).to_be_visible()
    expect(page.get_by_text("is waiting for you")).to_have_count(0)
    expect(page.get_by_role("region", name="Milestones table")).to_contain_text("Funded")


def test_a_refused_card_is_explained_on_the_contract_page_until_it_is_paid(
    page: Page, live_server, clara, fred, contract, console, shoot
):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    _pay(page, "tok_declined", page.get_by_text("insufficient funds").first)
    console.errors[:] = [e for e in console.errors if "/fund" not in e]  # a refusal answers 400, as forms do

    page.goto(f"{live_server.url}/contracts/{contract.pk}")  # later, or in another tab
    refused = page.get_by_role("status").filter(has_text="did not go through")
    expect(refused).to_contain_text("The card was declined: insufficient funds.")
    expect(refused).to_contain_text("Nothing was charged")
    accessible(page, "A-contract-payment-refused", shoot)

    freelancer = page.context.browser.new_page()
    sign_in(freelancer.context, live_server.url, fred)
    freelancer.goto(f"{live_server.url}/contracts/{contract.pk}")
    expect(freelancer.get_by_role("heading", name=contract.title)).to_be_visible()
    expect(freelancer.get_by_text("did not go through")).to_have_count(0)  # the payer's card is the payer's business
    freelancer.close()
