"""A newcomer's first arrival: one welcome with the next step, not "Welcome back" under three stacked banners
("Confirmation e-mail sent", "Successfully signed in as nina_newcomer", "Welcome back"). "Welcome back" is for
people who sign in again."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from tests.browser.support import DESKTOP, PHONE, SCREENSHOTS, accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-and-unusual-passphrase"


def sign_up(page: Page, base: str, *, name: str, email: str, role: str) -> None:
    page.goto(f"{base}/accounts/signup/")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label(role).check()
    page.locator("#id_accept_terms").check()
    page.get_by_role("button", name="Create my account").click()


def snap(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size, suffix in ((DESKTOP, ""), (PHONE, "-phone")):
        page.set_viewport_size(size)
        page.screenshot(path=SCREENSHOTS / f"welcome-{name}{suffix}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def test_a_new_client_is_welcomed_once_with_the_next_step_and_welcomed_back_next_time(
    page: Page, browser: Browser, live_server, console
):
    sign_up(page, live_server.url, name="Nina Newcomer", email="nina@mail.test", role="Client: I want to hire")

    welcome = page.get_by_role("region", name=re.compile(r"^Welcome to .+, Nina!$"))
    expect(welcome).to_be_visible()
    expect(page.locator(".messages > *")).to_have_count(1)  # one banner, not three
    expect(welcome).to_contain_text("we sent a link to nina@mail.test")
    expect(welcome.get_by_role("button", name="Post a project")).to_be_visible()
    for stock in ("Welcome back", "Successfully signed in", "Confirmation e-mail sent", "Confirmation email sent"):
        expect(page.get_by_text(stock)).to_have_count(0)
    snap(page, "client")
    accessible(page, "welcome-client")

    (confirmation,) = mail.outbox  # the welcome mail, as its HTML part reads in a mail client
    letter = page.context.new_page()
    letter.set_content(next(body for body, kind in confirmation.alternatives if kind == "text/html"))
    expect(letter.get_by_role("heading", level=1)).to_have_text("Confirm your e-mail address")
    expect(letter.get_by_role("link", name="Confirm my e-mail address")).to_be_visible()
    snap(letter, "mail")
    accessible(letter, "welcome-mail")
    letter.close()

    page.goto(f"{live_server.url}/")  # the welcome is said once; still no "back" in the same visit
    expect(page.locator(".messages")).to_have_count(0)
    expect(page.get_by_text("Welcome back")).to_have_count(0)

    again = browser.new_context(viewport=DESKTOP)
    returning = console.watch(again.new_page())
    returning.goto(f"{live_server.url}/accounts/login/")
    returning.get_by_label("E-mail").fill("nina@mail.test")
    returning.get_by_label("Password", exact=True).fill(PASSWORD)
    returning.get_by_role("button", name="Sign in").click()
    expect(returning.get_by_text("Welcome back, Nina.")).to_be_visible()
    expect(returning.locator(".messages")).to_have_count(0)  # no "Successfully signed in as nina_newcomer"
    snap(returning, "back")
    again.close()
    console.assert_clean()


def test_a_new_freelancer_is_sent_on_to_the_profile(page: Page, live_server, console):
    sign_up(page, live_server.url, name="Fern Field", email="fern@mail.test", role="Freelancer: I want to work")

    welcome = page.get_by_role("region", name=re.compile(r"^Welcome to .+, Fern!$"))
    expect(welcome).to_contain_text("Complete your profile: clients find you by your headline, skills and rate.")
    expect(page.locator(".messages > *")).to_have_count(1)
    snap(page, "freelancer")
    welcome.get_by_role("button", name="Complete your profile").click()
    expect(page.get_by_role("heading", name="Your profile", exact=True)).to_be_visible()
    console.assert_clean()


def test_a_newcomer_chooses_the_address_of_their_public_page(page: Page, live_server, console, shoot):
    page.goto(f"{live_server.url}/accounts/signup/")
    accessible(page, "signup", shoot)
    page.get_by_label("Your name").fill("Nina Newcomer")
    page.get_by_label("E-mail").fill("nina@mail.test")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Freelancer: I want to work").check()
    page.get_by_label("Profile address (optional)").fill("nina-designs")
    page.locator("#id_accept_terms").check()
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_role("region", name=re.compile(r"^Welcome to .+, Nina!$"))).to_be_visible()
    page.goto(f"{live_server.url}/u/nina-designs")
    expect(page.get_by_role("heading", name="Nina Newcomer", exact=True)).to_be_visible()
    console.assert_clean()
