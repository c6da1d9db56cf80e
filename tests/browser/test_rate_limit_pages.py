"""Too many wrong passwords: the sign-in page answers 429 with a page that says when to try again, and the
same person's browser that signed in before still gets in while a stranger's guesses are stopped."""

import pytest
from playwright.sync_api import Page, expect

from conftest import PASSWORD
from tests.browser.support import accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def attempt(page: Page, base: str, email: str, password: str) -> int:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_response(lambda r: r.url.endswith("/accounts/login/") and r.request.method == "POST") as sent:
        page.get_by_role("button", name="Sign in").click()
    return sent.value.status


def test_a_refused_sign_in_says_when_to_try_again(page: Page, live_server, fred, shoot):
    for _ in range(5):
        assert attempt(page, live_server.url, fred.email, "a-wrong-guess") == 200

    assert attempt(page, live_server.url, fred.email, PASSWORD) == 429
    expect(page.get_by_text("Too many failed sign-in attempts. Try again in")).to_be_visible()
    accessible(page, "sign-in-rate-limited", shoot)
