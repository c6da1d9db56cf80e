"""The other ways into and through a contract, in a real browser: Clara offers Fred a contract from his
profile and he accepts it; Fred proposes a change and Clara accepts it; an hourly contract's time sheet for
both sides; the operator's view. Every page passes axe and fits a phone, and is photographed."""

import pytest
import time_machine
from playwright.sync_api import Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offer_accepted_then_changed_by_agreement(page: Page, live_server, clara, fred, console, shoot):
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/u/{fred.username}")
    page.get_by_role("button", name="Offer a contract").click()
    page.get_by_label("Title").fill("Booking system")
    page.get_by_label("Message").fill("We would like you to build our booking system, in two parts.")
    page.locator("[name=m-0-title]").fill("Prototype")
    page.locator("[name=m-0-amount]").fill("400")
    page.locator("[name=m-0-due_in_days]").fill("10")
    page.locator("[name=m-0-criteria]").fill("Customers can book a slot and get a confirmation e-mail.")
    accessible(page, "offer form")
    shoot(page, "offer-form")
    page.get_by_role("button", name="Send the offer to Fred Freelancer").click()
    expect(page.get_by_role("heading", name="Your offer to Fred Freelancer")).to_be_visible()
    offer_url = page.url

    fred_page = page.context.browser.new_page(viewport={"width": 1280, "height": 800})
    console.watch(fred_page)
    sign_in(fred_page.context, live_server.url, fred)
    fred_page.goto(offer_url)
    expect(fred_page.get_by_role("heading", name="Clara Client offers you this contract")).to_be_visible()
    accessible(fred_page, "offer to answer")
    shoot(fred_page, "offer-to-answer")
    fred_page.get_by_role("button", name="Accept the offer").click()
    expect(fred_page.get_by_role("region", name="Milestones table")).to_contain_text("Prototype")

    changes = fred_page.get_by_role("region", name="Changes to the plan")
    changes.get_by_text("Propose a change").click()
    changes.locator("input[name$='revisions']").first.fill("1")
    changes.get_by_role("button", name="Propose the change").click()
    page.reload()
    changes = page.get_by_role("region", name="Changes to the plan")
    accessible(page, "contract with a change to answer")
    shoot(page, "change-order-to-answer")
    changes.get_by_role("button", name="Accept the change").click()
    expect(page.get_by_role("list").filter(has_text="Offer accepted")).to_be_visible()
    shoot(page, "contract-timeline")
    console.assert_clean()


def test_hourly_time_sheet_for_freelancer_client_and_operator(
    page: Page, live_server, clara, fred, operator, console, shoot
):
    from django.test import Client

    from openhour.contracts.hourly.services import weeks_fire_due
    from openhour.contracts.hourly.tests.kit import hourly_contract_between, log
    from openhour.money.tests.kit import top_up

    freelancer = Client()
    freelancer.force_login(fred)

    with time_machine.travel("2026-11-16T09:00:00+00:00", tick=False):
        contract = hourly_contract_between(clara, fred)
    with time_machine.travel("2026-11-20T09:00:00+00:00", tick=False):
        for day, hours, memo in (("2026-11-16", "3", "Set up the project"), ("2026-11-18", "2.5", "Booking form")):
            log(freelancer, contract, day, hours, memo)
    with time_machine.travel("2026-11-23T09:00:00+00:00", tick=False):
        weeks_fire_due()
    top_up(clara, 50_000)

    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    expect(page.get_by_role("heading", name="Time sheet")).to_be_visible()
    accessible(page, "hourly contract, freelancer")
    shoot(page, "hourly-freelancer")

    page.context.clear_cookies()
    sign_in(page.context, live_server.url, clara)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    review = page.get_by_role("region", name="Review the hours of the week of 16 Nov 2026")
    expect(review).to_contain_text("Booking form")
    accessible(page, "hourly contract, client review")
    shoot(page, "hourly-client-review")
    review.get_by_role("button", name="Approve 5.5 hours").click()
    page.get_by_role("button", name="Confirm and pay").click()
    expect(page.get_by_role("list").filter(has_text="approved")).to_be_visible()

    page.context.clear_cookies()
    sign_in(page.context, live_server.url, operator)
    page.goto(f"{live_server.url}/contracts/{contract.pk}")
    accessible(page, "contract, operator")
    shoot(page, "contract-operator")
    console.assert_clean()
