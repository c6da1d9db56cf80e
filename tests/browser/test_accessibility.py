"""Every main page passes axe (WCAG 2.1 A and AA plus best practice) and fits a phone without sideways scroll.

Pages are checked with real content: a freelancer with a photo, skills and three portfolio samples,
next to one without a photo, so avatars, cards and the portfolio grid are all on show.
"""

import pytest
from allauth.account.models import EmailAddress
from axe_playwright_python.sync_playwright import Axe
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from tests.browser import pictures
from tests.browser.support import AXE_OPTIONS, PHONE, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAMPLES = [
    ("Roast & Co. brand identity", "Logo, palette and packaging for a coffee roaster.", pictures.brand_identity),
    ("Fern & Field shop redesign", "A calmer home page and product cards: conversion up 18%.", pictures.shop_redesign),
    ("Sales dashboard", "A live view of orders and returns for a growing e-commerce team.", pictures.sales_dashboard),
]
PAGES = {
    "home": ("/", False),
    "signup": ("/accounts/signup/", False),
    "login": ("/accounts/login/", False),
    "freelancers": ("/freelancers", False),
    "public-profile": ("/u/maya", False),
    "profile-edit": ("/me/profile", True),
    "portfolio-edit": ("/me/portfolio", True),
    "webhooks": ("/me/webhooks", True),
    "fees": ("/fees?amount=600&currency=GBP", False),
    "legal": ("/legal/", False),
    "terms": ("/legal/terms", False),
    "privacy-notice-fr": ("/fr/legal/privacy", False),
    "your-data": ("/me/privacy", True),
    "close-account": ("/me/close", True),
    "identity": ("/me/identity", True),
    "billing": ("/me/billing", True),
    "tax-details": ("/me/tax-details", True),
    "statements": ("/me/statements", True),
}


def _upload(name: str, image) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pictures.as_bytes(image), content_type="image/jpeg")


def _member(username: str, name: str, **profile):
    from openhour.accounts.models import User
    from openhour.accounts.services import profile_update

    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.com",
        password="a-long-and-unusual-passphrase",
        name=name,
        is_freelancer=True,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    profile_update(user=user, **profile)
    return user


@pytest.fixture
def maya(db):
    """A freelancer with everything filled in: photo, bio, skills, languages and three samples."""
    from openhour.accounts.services import portfolio_item_create, profile_photo_set

    user = _member(
        "maya",
        "Maya Lindqvist",
        headline="Brand and web designer for independent shops",
        bio="I help small, independent businesses look as good as the things they make. Ten years of brand "
        "identities, Shopify stores and dashboards people enjoy using, from first sketch to launch day.",
        skills=["brand-identity", "logo-design", "web-design", "shopify", "figma"],
        hourly_rate=6500,
        rate_currency="GBP",
        country="SE",
        languages=["en", "sv"],
    )
    profile_photo_set(user=user, upload=_upload("maya.jpg", pictures.portrait(480)))
    for title, description, draw in SAMPLES:
        portfolio_item_create(user=user, title=title, description=description, image=_upload("work.jpg", draw()))
    _member(
        "tom",
        "Tom Okafor",
        headline="Python and Django developer",
        skills=["python", "django", "postgresql"],
        hourly_rate=5500,
        rate_currency="GBP",
        country="NG",
    )
    return user


def _overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits_a_phone(name, page: Page, live_server, maya, console, shoot):
    path, signed_in = PAGES[name]
    if signed_in:
        sign_in(page.context, live_server.url, maya)
    response = page.goto(live_server.url + path)
    assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
    assert "script-src 'self'" in response.headers["content-security-policy"]  # so console errors catch inline code
    page.wait_for_load_state("networkidle")  # lazy images and deferred scripts

    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, f"page-{name}")
    if name == "public-profile":  # the picture the README shows: from the top down to the portfolio
        page.set_viewport_size({"width": 1280, "height": 1400})
        portfolio = page.get_by_role("region", name="Portfolio").bounding_box()
        assert portfolio is not None
        height = portfolio["y"] + portfolio["height"] + 20
        shoot(page, "public-profile-demo", clip={"x": 0, "y": 0, "width": 1280, "height": height})
    page.set_viewport_size(PHONE)
    shoot(page, f"page-{name}-mobile")
    overflow = _overflow(page)

    assert results.violations_count == 0, f"{path}\n{results.generate_report()}"
    assert overflow <= 0, f"{path} scrolls {overflow}px sideways on a {PHONE['width']}px phone"


def test_sign_up_errors_are_accessible(page: Page, live_server, maya, console, shoot):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Your name").fill("Maya Again")
    page.get_by_label("E-mail").fill("maya@example.com")  # taken
    page.get_by_label("Password").fill("password")  # too common
    page.get_by_label("Client: I want to hire").check()
    page.locator("#id_accept_terms").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("A user is already registered with this email address.")).to_be_visible()

    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, "signup-errors")
    assert results.violations_count == 0, results.generate_report()


def test_the_account_menu_opens_inside_a_phone_screen(page: Page, live_server, maya, console, shoot):
    sign_in(page.context, live_server.url, maya)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/me/profile")
    page.get_by_text("Account", exact=True).click()
    sign_out = page.get_by_role("button", name="Sign out")
    expect(sign_out).to_be_visible()
    shoot(page, "account-menu-mobile", full_page=False)
    box = page.locator(".site-header details[open] ul").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert _overflow(page) <= 0


def test_freelancer_search_filters_as_you_type(page: Page, live_server, maya, console):
    page.goto(f"{live_server.url}/freelancers")
    expect(page.get_by_role("heading", name="2 freelancers")).to_be_visible()
    page.get_by_label("Search").fill("Django")  # htmx swaps the results in and updates the address
    expect(page.get_by_role("heading", name="1 freelancer", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Tom Okafor")).to_be_visible()
    expect(page.get_by_role("link", name="Maya Lindqvist")).to_have_count(0)
    assert "q=Django" in page.url


WALLET_PAGES = {
    "wallet": "/wallet",
    "wallet-deposit": "/wallet/deposit",
    "wallet-convert": "/wallet/convert",
    "wallet-payouts": "/wallet/payouts",
    "wallet-withdraw": "/wallet/payouts/new",
    "wallet-payout-methods": "/wallet/payout-methods",
    "wallet-payout-method-new": "/wallet/payout-methods/new",
    "wallet-invoices": "/wallet/invoices",
}


@pytest.fixture
def wallet_history(maya):
    """Maya pays in by card in two currencies, converts some pounds to euros, and asks for a payout."""
    from decimal import Decimal

    from django.utils import timezone

    from openhour.money import fx, ledger
    from openhour.money.ledger import Leg
    from openhour.money.models import Phase, Purpose
    from openhour.money.services import payments

    fx.load_rates(
        [fx.DayRates(as_of=timezone.now().date(), rates={"GBP": Decimal("0.8560"), "USD": Decimal("1.0850")})]
    )
    payments.deposit_start(payer=maya, amount=150_000, currency="GBP", card_token="tok_visa")
    payments.deposit_start(payer=maya, amount=32_050, currency="EUR", card_token="tok_visa")
    fx.wallet_convert(user=maya, amount=20_000, from_currency="GBP", to_currency="EUR")
    wallet = ledger.wallet(owner=maya, currency="GBP")
    in_flight = ledger.account_for(owner=maya, purpose=Purpose.PAYOUTS_IN_FLIGHT, currency="GBP")
    ledger.post(
        Leg(
            debit=wallet,
            credit=in_flight,
            amount=40_000,
            kind="payout",
            phase=Phase.PENDING,
            description="Withdrawal to IBAN ****4321",
        )
    )
    return maya


@pytest.mark.parametrize("name", WALLET_PAGES)
def test_wallet_page_is_accessible_and_fits_a_phone(name, page: Page, live_server, wallet_history, console, shoot):
    sign_in(page.context, live_server.url, wallet_history)
    response = page.goto(live_server.url + WALLET_PAGES[name])
    assert response is not None and response.status == 200
    if name == "wallet-convert":  # the preview, with its breakdown, is the page worth checking
        page.get_by_label("Amount").fill("150")
        page.get_by_role("button", name="Preview").click()
        expect(page.get_by_text("You receive")).to_be_visible()
    page.wait_for_load_state("networkidle")

    results = Axe().run(page, options=AXE_OPTIONS)
    shoot(page, f"page-{name}")
    page.set_viewport_size(PHONE)
    shoot(page, f"page-{name}-mobile")
    overflow = _overflow(page)

    assert results.violations_count == 0, f"{name}\n{results.generate_report()}"
    assert overflow <= 0, f"{name} scrolls {overflow}px sideways on a {PHONE['width']}px phone"


def test_wallet_history_filters_and_a_deposit_without_javascript(browser, live_server, wallet_history, shoot):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    sign_in(context, live_server.url, wallet_history)
    page = context.new_page()
    page.goto(f"{live_server.url}/wallet")
    page.get_by_label("Currency").select_option("EUR")
    page.get_by_role("button", name="Filter").click()
    assert "currency=EUR" in page.url
    expect(page.locator(".history-table tbody tr")).to_have_count(2)  # the deposit and the conversion
    page.goto(f"{live_server.url}/wallet/deposit")
    page.get_by_label("Amount").fill("25")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("You pay by card")).to_be_visible()
    shoot(page, "page-wallet-deposit-preview")
    page.get_by_role("button", name="Pay by card").click()
    expect(page.get_by_text("£25 paid into your wallet.")).to_be_visible()
    context.close()
