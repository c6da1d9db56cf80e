"""Categories and skills read in the reader's language: the shipped taxonomy through the catalogue, the operators'
own wording from the admin first; slugs, filters and the API's `name` stay as they were."""

import html
import re

import pytest
from django.test import Client

from openhour.catalog.management.commands.taxonomy_names import TARGET, render, shipped_texts
from openhour.catalog.models import Category, Skill
from openhour.catalog.tests.catalogue_kit import catalogue

pytestmark = pytest.mark.django_db

FRENCH = {
    "Design": "Design",
    "Logos, brands, websites, apps and print": "Logos, identités de marque, sites web, applications et imprimés",
    "Web & Software": "Web et logiciels",
    "Logo Design": "Création de logo",
    "UI Design": "Design d’interface (UI)",
    "Web Design": "Webdesign",
    "Illustration": "Illustration",
    "Python": "Python",
    "Django": "Django",
    "French Translation": "Traduction (français)",
    "Editing": "Révision de textes",
}
GERMAN = {"Design": "Design", "Logo Design": "Logo-Design", "French Translation": "Übersetzung Französisch"}


@pytest.fixture
def translated(tmp_path, settings):
    catalogue(tmp_path, settings, fr=FRENCH, de=GERMAN)


def page(browser: Client, address: str, language: str) -> str:
    response = browser.get(address, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def options(text: str, select: str) -> list[tuple[str, str]]:
    found = re.search(rf'<select name="{select}"[^>]*>(.*?)</select>', text, re.S)
    assert found, f"no {select} select"
    return [
        (value, label.strip())
        for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', found[1])
    ]


def test_the_names_module_lists_every_shipped_name_as_the_command_writes_it():
    assert TARGET.read_text(encoding="utf-8") == render(), "run: manage.py taxonomy_names"
    marked = set(re.findall(r'pgettext_lazy\("taxonomy", "(.*?)"\)', TARGET.read_text(encoding="utf-8")))
    seeded = {*Category.objects.values_list("name", flat=True), *Skill.objects.values_list("name", flat=True)}
    seeded |= set(Category.objects.exclude(description="").values_list("description", flat=True))
    assert seeded <= marked == set(shipped_texts())
    assert shipped_texts() == sorted(shipped_texts(), key=lambda text: (text.casefold(), text))


def test_the_home_page_reads_categories_in_french_and_links_by_the_same_slugs(translated):
    text = page(Client(), "/", "fr")

    assert "<strong>Web et logiciels</strong>" in text
    assert "Logos, identités de marque, sites web, applications et imprimés" in text
    assert 'href="/freelancers?category=web-software"' in text  # the slug never follows the language
    assert "<strong>Web & Software</strong>" not in text


def test_search_filters_name_categories_and_skills_in_french_sorted_in_french(translated):
    text = page(Client(), "/freelancers?category=design", "fr")

    assert ("web-software", "Web et logiciels") in options(text, "category")
    skills = options(text, "skill")
    assert ("logo-design", "Création de logo") in skills
    design = [label for value, label in skills if value in {"logo-design", "ui-design", "web-design", "illustration"}]
    assert design == ["Création de logo", "Design d’interface (UI)", "Illustration", "Webdesign"]


def test_the_same_filters_read_in_english_for_an_english_reader(translated):
    text = page(Client(), "/freelancers", "en")

    assert ("logo-design", "Logo Design") in options(text, "skill")


def test_the_skill_picker_and_profile_read_in_french(translated, client_for, fred):
    fred.language = "fr"
    fred.save(update_fields=["language"])
    browser = client_for(fred)

    picker = page(browser, "/me/profile", "fr")
    assert "<legend>Web et logiciels</legend>" in picker
    assert 'data-name="Création de logo" name="skills" value="logo-design"' in picker
    profile = page(browser, "/u/fred", "fr")
    assert 'href="/freelancers?skill=django">Django</a>' in profile


def test_the_skill_suggestions_find_a_skill_by_its_french_name(translated):
    text = page(Client(), "/skills/suggest?skill_q=traduction", "fr")

    assert 'value="french-translation" data-name="Traduction (français)"' in text
    assert "Traduction (français)" not in page(Client(), "/skills/suggest?skill_q=traduction", "en")


def test_the_api_keeps_the_english_name_and_adds_the_readers_label(translated):
    answer = Client().get("/api/v1/categories", HTTP_ACCEPT_LANGUAGE="fr").json()
    design = next(item for item in answer["items"] if item["slug"] == "design")

    assert (design["name"], design["label"]) == ("Design", "Design")
    logo = next(skill for skill in design["skills"] if skill["slug"] == "logo-design")
    assert (logo["name"], logo["label"]) == ("Logo Design", "Création de logo")
    assert design["description"] == "Logos, brands, websites, apps and print"


def category_form(category: Category, **changes: str) -> dict[str, str]:
    """The admin's category page as an operator submits it, with no skill rows changed."""
    data = {"name": category.name, "slug": category.slug, "description": category.description, "position": "0"}
    data |= {"skills-TOTAL_FORMS": "0", "skills-INITIAL_FORMS": "0", "skills-MIN_NUM_FORMS": "0"}
    data |= {"skills-MAX_NUM_FORMS": "1000", "_save": "Save"}
    return data | changes


def test_an_operators_german_wording_wins_over_the_catalogue(translated, client_for, operator):
    design = Category.objects.get(slug="design")
    admin_page = f"/admin/catalog/category/{design.pk}/change/"

    response = client_for(operator).post(admin_page, category_form(design, names__de="Gestaltung"))

    assert response.status_code == 302
    design.refresh_from_db()
    assert (design.name, design.slug, design.names) == ("Design", "design", {"de": "Gestaltung"})
    assert "<strong>Gestaltung</strong>" in page(Client(), "/", "de")
    assert "<strong>Design</strong>" in page(Client(), "/", "fr")  # French still reads the catalogue
    assert 'name="names__de" value="Gestaltung"' in page(client_for(operator), admin_page, "en")


def test_clearing_a_wording_goes_back_to_the_catalogue(translated, client_for, operator):
    skill = Skill.objects.get(slug="logo-design")
    skill.names = {"fr": "Logos sur mesure", "de": "Logogestaltung"}
    skill.save()

    data = {"name": skill.name, "slug": skill.slug, "category": str(skill.category_id), "names__de": "Logogestaltung"}
    response = client_for(operator).post(f"/admin/catalog/skill/{skill.pk}/change/", data | {"_save": "Save"})

    assert response.status_code == 302
    skill.refresh_from_db()
    assert skill.names == {"de": "Logogestaltung"}
    assert ("logo-design", "Création de logo") in options(page(Client(), "/freelancers", "fr"), "skill")


def test_a_language_added_to_the_settings_gets_its_box_in_the_admin(client_for, operator, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("es", "Español")]
    skill = Skill.objects.get(slug="python")

    text = page(client_for(operator), f"/admin/catalog/skill/{skill.pk}/change/", "en")

    assert {"names__en", "names__fr", "names__de", "names__es"} <= set(re.findall(r'name="(names__\w+)"', text))
    assert "Español" in text


def test_a_member_who_is_not_an_operator_cannot_reach_the_wording_form(client_for, clara):
    design = Category.objects.get(slug="design")
    admin_page = f"/admin/catalog/category/{design.pk}/change/"
    browser = client_for(clara)

    assert browser.get(admin_page).status_code == 302  # to the staff sign-in
    response = browser.post(admin_page, category_form(design, names__fr="Conception"))
    assert response.status_code == 302 and "login" in response["Location"]
    design.refresh_from_db()
    assert design.names == {}
