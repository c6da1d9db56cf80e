"""The core flows work with JavaScript switched off: htmx only improves pages that already work."""

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.support import ConsoleWatch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_and_save_a_profile_without_javascript(browser: Browser, live_server, shoot):
    from openhour.accounts.models import User

    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    console = ConsoleWatch()
    page = console.watch(context.new_page())

    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Your name").fill("Ines Ortega")
    page.get_by_label("E-mail").fill("ines@example.com")
    page.get_by_label("Password").fill("a-long-and-unusual-passphrase")
    page.get_by_label("Freelancer: I want to work").check()
    page.locator("#id_accept_terms").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("link", name="My profile")).to_be_visible()

    page.get_by_role("link", name="My profile").click()
    page.get_by_label("Headline").fill("Technical writer for developer tools")
    page.get_by_text("Browse all skills").click()  # <details> opens without any script
    page.get_by_role("group", name="Writing & Translation").get_by_label("Technical Writing").check()
    page.get_by_label("Hourly rate").fill("40")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()
    shoot(page, "profile-saved-no-js")

    profile = User.objects.get(email="ines@example.com").profile
    assert profile.headline == "Technical writer for developer tools"
    assert profile.hourly_rate == 4000
    assert [skill.name for skill in profile.skills.all()] == ["Technical Writing"]
    context.close()
    console.assert_clean()
