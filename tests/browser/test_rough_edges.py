"""Small rough edges, fixed and seen in a real browser: the payout-method form shows only the chosen kind's
fields (with or without JavaScript); the admin has one "Accounts" section, the ledger's are "Ledger accounts";
a visitor on a freelancer's profile can message or offer a contract and is brought back after signing in; dates
are written one way."""

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import PHONE, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_payout_method_form_shows_only_the_chosen_kinds_fields(
    browser: Browser, live_server, fred, javascript, shoot
):
    context = browser.new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 800})
    sign_in(context, live_server.url, fred)
    page = context.new_page()
    page.goto(f"{live_server.url}/wallet/payout-methods/new")
    iban, paypal, swift = (
        page.get_by_label("IBAN"),
        page.get_by_label("PayPal e-mail address"),
        page.get_by_label("SWIFT code (BIC)"),
    )
    for field in (iban, paypal, swift):
        expect(field).to_be_hidden()  # nothing to fill in before the kind is chosen

    page.get_by_label("PayPal", exact=True).check()
    expect(paypal).to_be_visible()
    expect(iban).to_be_hidden()
    expect(swift).to_be_hidden()
    shoot(page, f"payout-method-paypal-{'js' if javascript else 'nojs'}-1280")

    page.get_by_label("Bank transfer").check()
    expect(iban).to_be_visible()
    expect(paypal).to_be_hidden()
    page.get_by_role("textbox", name="Account holder").fill("Fred Freelancer")
    iban.fill("DE89 3704 0044 0532 0130 00")
    page.get_by_label("BIC", exact=True).fill("COBADEFFXXX")
    page.set_viewport_size(PHONE)
    shoot(page, f"payout-method-bank-{'js' if javascript else 'nojs'}-390")
    page.get_by_role("button", name="Add method").click()
    expect(page.get_by_text("Payout method added.")).to_be_visible()
    if javascript:
        accessible(page, "payout-methods")
    context.close()


def test_the_admin_has_one_accounts_section(page: Page, live_server, operator, shoot):
    """Django's admin (no console watch: its pages ask for a /favicon.ico the site does not serve)."""
    sign_in(page.context, live_server.url, operator)
    page.goto(f"{live_server.url}/admin/")
    expect(page.get_by_role("link", name="Accounts", exact=True)).to_have_count(1)
    expect(page.get_by_role("link", name="Ledger accounts")).to_be_visible()
    expect(page.get_by_role("link", name="Sign-in e-mail addresses")).to_be_visible()
    shoot(page, "admin-index-1280")


def test_a_visitor_can_message_or_hire_from_a_profile_after_signing_in(
    page: Page, live_server, fred, clara, console, shoot
):
    page.goto(f"{live_server.url}/u/fred")
    message = page.get_by_role("button", name="Message Fred Freelancer")
    offer = page.get_by_role("button", name="Offer a contract")
    expect(message).to_be_visible()
    expect(offer).to_be_visible()
    shoot(page, "profile-visitor-1280")
    page.set_viewport_size(PHONE)
    shoot(page, "profile-visitor-390")
    offer.click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/?next=/offers/new%3Fto%3Dfred")
    page.get_by_label("E-mail").fill("clara@example.com")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{live_server.url}/offers/new?to=fred")


def test_a_signed_in_freelancer_is_not_offered_to_hire_another(page: Page, live_server, fred, olga, console):
    sign_in(page.context, live_server.url, olga)
    page.goto(f"{live_server.url}/u/fred")
    expect(page.get_by_role("button", name="Message Fred Freelancer")).to_be_visible()
    expect(page.get_by_role("button", name="Offer a contract")).to_have_count(0)


def test_dates_read_one_way(page: Page, live_server, clara, fred, console):
    """A project's deadline reads "1 Mar 2030" like every other date, not "1 March 2030"."""
    import datetime

    from openhour.jobs.tests.proposal_kit import post

    project = post(clara, deadline=datetime.date(2030, 3, 1))
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/projects/{project.pk}")
    expect(page.locator("time[datetime='2030-03-01']")).to_have_text("1 Mar 2030")
    expect(page.get_by_text("1 March 2030")).to_have_count(0)


def test_the_sites_own_date_formats_are_the_ones_pages_use():
    """What a template prints for a bare date, or with Django's named formats, matches the pages' explicit ones."""
    import datetime

    from django.template import Context, Template
    from django.utils.formats import date_format

    moment = datetime.datetime(2026, 12, 6, 14, 30)
    assert date_format(moment.date(), "DATE_FORMAT") == "6 Dec 2026"
    assert date_format(moment, "DATETIME_FORMAT") == "6 Dec 2026, 14:30"
    assert Template("{{ when }}|{{ when|date }}").render(Context({"when": moment})) == "6 Dec 2026, 14:30|6 Dec 2026"
