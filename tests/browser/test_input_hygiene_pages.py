"""A name with a pasted control character comes back on the form with the reason beside the field, nothing
saved; the same form with a right-to-left override in the headline saves it without the override."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_profile_form_refuses_control_characters_and_strips_bidi_overrides(page: Page, live_server, fred, shoot):
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/me/profile")
    page.get_by_label("Headline").fill("Django\x1b[31m developer")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_text("contains control characters")).to_be_visible()
    accessible(page, "profile-control-characters", shoot)
    fred.profile.refresh_from_db()
    assert fred.profile.headline == "Django developer"  # as before: nothing was saved

    page.get_by_label("Headline").fill("\u202eDjango and Wagtail developer")
    page.get_by_role("button", name="Save").first.click()
    expect(page.get_by_label("Headline")).to_have_value("Django and Wagtail developer")
    fred.profile.refresh_from_db()
    assert fred.profile.headline == "Django and Wagtail developer"
