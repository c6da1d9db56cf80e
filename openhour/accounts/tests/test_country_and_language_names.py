"""Countries and spoken languages are named in the reader's language and sorted as that language sorts, on forms
and profiles alike; what is stored and filtered on stays the code."""

import html
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def page(browser: Client, address: str, language: str) -> str:
    response = browser.get(address, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def options(text: str, select: str) -> list[tuple[str, str]]:
    found = re.search(rf'<select name="{select}"[^>]*>(.*?)</select>', text, re.S)
    assert found, f"no {select} select"
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', found[1])


def speaking(person, language: str) -> None:
    person.language = language
    person.save(update_fields=["language"])


def test_the_profile_form_lists_countries_in_french_sorted_in_french(client_for, fred):
    speaking(fred, "fr")

    countries = options(page(client_for(fred), "/me/profile", "fr"), "country")

    names = [name for _code, name in countries]
    assert ("DE", "Allemagne") in countries and ("GB", "Royaume-Uni") in countries
    # É is read as E: Égypte comes between Dominique and Espagne, not after Zimbabwe
    assert names.index("Dominique") < names.index("Égypte") < names.index("Espagne") < names.index("Zimbabwe")


def test_the_same_form_lists_english_names_to_the_next_english_reader(client_for, fred, clara):
    speaking(fred, "fr")
    page(client_for(fred), "/me/profile", "fr")

    countries = options(page(client_for(clara), "/me/profile", "en"), "country")

    assert ("DE", "Germany") in countries and ("EG", "Egypt") in countries


def test_spoken_languages_are_named_and_sorted_in_german(client_for, fred):
    speaking(fred, "de")

    languages = options(page(client_for(fred), "/me/profile", "de"), "languages")

    assert ("fr", "Französisch") in languages and ("en", "Englisch") in languages
    names = [name for _code, name in languages]
    # Ü is read as U, as a German reader files it: Türkisch before Turkmenisch
    order = ["Arabisch", "Deutsch", "Englisch", "Französisch", "Türkisch", "Turkmenisch"]
    assert [name for name in names if name in order] == order


def test_the_freelancer_search_filter_names_countries_in_german(fred):
    countries = options(page(Client(), "/freelancers", "de"), "country")

    assert ("AT", "Österreich") in countries and ("GB", "Vereinigtes Königreich") in countries


def test_a_public_profile_names_the_country_and_languages_in_french(fred):
    text = page(Client(), "/u/fred", "fr")

    assert "Royaume-Uni" in text and "Anglais" in text
    assert "United Kingdom" not in text
