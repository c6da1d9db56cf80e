"""The sessions and tokens page in a real browser: axe-clean, fits a phone, and ending another session there
signs that browser out, without JavaScript as well."""

import pytest
from django.test import Client
from playwright.sync_api import Browser, Page

from conftest import PASSWORD
from openhour.accounts.services import access_token_create
from tests.browser.support import accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1"


def _sign_in_on_the_page(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def test_the_security_page_ends_another_session(page: Page, live_server, fred, console, shoot):
    phone = Client(headers={"user-agent": PHONE_UA})
    assert phone.post("/accounts/login/", {"login": fred.email, "password": PASSWORD}).status_code == 302
    access_token_create(user=fred, label="Invoicing script")
    _sign_in_on_the_page(page, live_server.url, fred.email)

    page.get_by_text("Account").click()
    page.get_by_role("link", name="Sessions and tokens").click()
    page.get_by_role("heading", name="Signed-in sessions").wait_for()
    accessible(page, "security-page", shoot)

    page.get_by_role("button", name="End the session on Safari on iPhone").click()
    assert "That session is signed out." in page.content()
    assert "Safari on iPhone" not in page.content()
    assert phone.get("/me/profile").status_code == 302


def test_signing_out_other_sessions_works_without_javascript(browser: Browser, live_server, fred):
    other = Client()
    other.post("/accounts/login/", {"login": fred.email, "password": PASSWORD})
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    _sign_in_on_the_page(page, live_server.url, fred.email)

    page.goto(live_server.url + "/me/security")
    page.get_by_role("button", name="Sign out all other sessions").click()

    assert "1 other session signed out." in page.content()
    assert other.get("/me/profile").status_code == 302
    context.close()
