"""Categories and skills in a real browser, in the reader's language: a German freelancer finds and picks skills by
their German names, long compounds and all, on a desktop and a phone; a French visitor browses French categories
whose links keep their slugs."""

import pytest
from playwright.sync_api import Browser, Page, expect

from openhour.catalog.tests.catalogue_kit import catalogue
from tests.browser.support import ConsoleWatch, accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GERMAN = {
    "Writing & Translation": "Texte und Übersetzung",
    "French Translation": "Übersetzung Französisch",
    "German Translation": "Übersetzung Deutsch",
    "Spanish Translation": "Übersetzung Spanisch",
    "Social Media Management": "Social-Media-Management",
    "Conversion Rate Optimisation": "Conversion-Optimierung",
    "CV Writing": "Lebenslauf-Erstellung",
    "Trademark Registration": "Markenanmeldung",
    "Financial Modelling": "Finanzmodellierung",
}
FRENCH = {
    "Web & Software": "Web et logiciels",
    "Websites, apps, data and infrastructure": "Sites web, applications, données et infrastructure",
    "Writing & Translation": "Rédaction et traduction",
}


def test_a_german_freelancer_picks_skills_by_their_german_names(
    page: Page, live_server, fred, console, shoot, tmp_path, settings
):
    catalogue(tmp_path, settings, de=GERMAN, fr=FRENCH)
    fred.language = "de"
    fred.save(update_fields=["language"])
    sign_in(page.context, live_server.url, fred)
    page.goto(f"{live_server.url}/me/profile")

    page.locator("#skill-q").fill("übersetz")
    suggestion = page.locator("#skill-suggestions").get_by_label("Übersetzung Französisch", exact=False)
    expect(suggestion).to_be_visible()
    suggestion.check()
    expect(page.locator("[data-chosen-skills]").get_by_label("Übersetzung Französisch")).to_be_checked()
    page.locator("[data-skill-picker] details > summary").click()
    group = page.locator("fieldset.skill-group", has_text="Texte und Übersetzung")
    expect(group.get_by_label("Lebenslauf-Erstellung")).to_be_visible()

    accessible(page, "skill-picker-german", shoot)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.locator('form[action="/me/profile"] button[type=submit]').click()
    page.goto(f"{live_server.url}/u/fred")
    expect(page.locator("ul.tags").get_by_role("link", name="Übersetzung Französisch")).to_have_attribute(
        "href", "/freelancers?skill=french-translation"
    )


def test_a_french_visitor_browses_french_categories_by_the_same_addresses(
    browser: Browser, live_server, shoot, tmp_path, settings
):
    catalogue(tmp_path, settings, fr=FRENCH)
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 800})
    watch = ConsoleWatch()
    page = watch.watch(context.new_page())
    page.goto(f"{live_server.url}/")

    link = page.locator(".category-grid a", has_text="Web et logiciels")
    expect(link).to_contain_text("Sites web, applications, données et infrastructure")
    assert link.get_attribute("href") == "/freelancers?category=web-software"
    shoot(page, "categories-french")
    link.click()
    expect(page.locator('select[name="category"] option:checked')).to_have_text("Web et logiciels")
    watch.assert_clean()
    context.close()
