"""The sign-up and sign-in pages speak in openhour's words, which our catalogue translates, not allauth's: in
French no "Création de compte" button (a noun on a button) and no Quebec "Courriel"; in German no "Du" among
our "Sie" and no "Anmeldung" on the button."""

import re

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def page(path: str, language: str) -> str:
    response = Client(headers={"Accept-Language": language}).get(path)
    assert response.status_code == 200
    return response.content.decode()


def button(html: str) -> str:
    found = re.search(r'<button[^>]*type="submit"[^>]*>(.*?)</button>', html, re.S)
    assert found is not None
    return found.group(1).strip()


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_sign_up_page_reads_our_words(language: str) -> None:
    html = page("/accounts/signup/", language)

    with translation.override(language):
        assert button(html) == gettext("Create my account")
        assert f'placeholder="{gettext("E-mail")}"' in html or f">{gettext('E-mail')}<" in html
    assert "Création de compte" not in html and "Courriel" not in html
    assert "Du hast" not in html


@pytest.mark.parametrize("language", ["fr", "de"])
def test_the_sign_in_page_reads_our_words(language: str) -> None:
    html = page("/accounts/login/", language)

    with translation.override(language):
        assert button(html) == gettext("Sign in")
    assert "Courriel" not in html and "Du hast" not in html
    assert button(page("/accounts/login/", "fr")) == "Se connecter"
