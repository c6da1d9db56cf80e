"""A branded market in a real browser: the operator's logo, name, colours and footer links show on the page, the
colours reach the buttons through the brand stylesheet (no CSP refusal), and the page stays axe-clean on a
desktop and a phone."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect

from conftest import image_bytes
from openhour.operations.branding import brand_forget
from openhour.operations.services import brand_open, brand_save
from tests.browser.support import accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def acme(operator):
    record = brand_open(by=operator)
    record.name = "Acme Hours"
    record.primary_colour = "#5b3f8c"
    record.accent_colour = "#b3261e"
    record.support_email = "help@acme.example"
    logo = image_bytes("PNG", size=(240, 80), color="#5b3f8c")
    record.logo.save("logo.png", SimpleUploadedFile("logo.png", logo), save=False)
    brand_save(brand=record, by=operator)
    record.links.create(label="Terms", url="/fees", position=0)
    record.links.create(label="Privacy", url="https://acme.example/privacy", position=1)
    brand_forget()  # the links were added after the save
    return record


def test_a_branded_page_shows_the_operators_brand(page: Page, live_server, acme, fred, console, shoot):
    page.goto(live_server.url + "/")

    assert page.title().endswith("· Acme Hours")
    brand = page.locator("a.brand")
    assert brand.inner_text().strip() == "Acme Hours"
    logo = brand.locator("img.brand-logo")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert logo.bounding_box()["height"] == 40  # 2.5rem, from the brand stylesheet
    join = page.get_by_role("button", name="Join")
    assert join.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(91, 63, 140)"
    header = page.locator("header.site-header")
    assert header.evaluate("h => getComputedStyle(h).borderBottomColor") == "rgb(179, 38, 30)"
    footer = page.locator("footer.site-footer")
    assert (
        footer.get_by_role("link", name="Privacy", exact=True).get_attribute("href") == "https://acme.example/privacy"
    )
    expect(footer.get_by_role("link", name="help@acme.example")).to_be_visible()

    accessible(page, "branding-home", shoot)


def test_the_operator_sees_why_a_colour_is_refused(page: Page, live_server, operator, shoot):
    """Django's admin (no console watch: its pages ask for a /favicon.ico the site does not serve)."""
    sign_in(page.context, live_server.url, operator)
    page.goto(live_server.url + "/admin/operations/brand/")

    page.get_by_label("Market name").fill("Acme Hours")
    page.get_by_label("Primary colour").fill("#ffd700")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.get_by_text("White text on #ffd700 has a contrast of only 1.40:1")).to_be_visible()
    shoot(page, "branding-admin-refused")
    page.get_by_label("Primary colour").fill("#1d5e4a")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()  # saved, before the next page is asked for
    page.goto(live_server.url + "/")
    assert page.locator("a.brand").inner_text().strip() == "Acme Hours"
