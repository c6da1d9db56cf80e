"""Which language a page is read in: /fr/… and /de/… always; otherwise the person's choice, then the switcher's
cookie, then the browser's Accept-Language. Links on a prefixed page stay in its language, and API.md's fixed
paths answer unprefixed only.

These tests read a message Django itself translates (a form's "This field is required.") and the
Content-Language header, so they hold whatever our own catalogues say."""

import re

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import PASSWORD


def required_in(language: str) -> str:
    """How a form says "This field is required." in `language` (Django ships it translated; ours may reword)."""
    with translation.override(language):
        said = str(forms.Field.default_error_messages["required"])
    assert language == "en" or said != "This field is required."
    return said


REQUIRED_FR, REQUIRED_DE, REQUIRED_EN = required_in("fr"), required_in("de"), required_in("en")


def empty_sign_in(client: Client, path: str = "/accounts/login/", **headers: str) -> str:
    response = client.post(path, {"login": "", "password": ""}, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def links(html: str) -> list[str]:
    return re.findall(r'<a [^>]*href="(/[^"]*)"', html)


@pytest.mark.django_db
def test_a_french_address_serves_the_page_in_french():
    client = Client()
    response = client.get("/fr/accounts/login/")

    assert response.status_code == 200
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()
    assert REQUIRED_FR in empty_sign_in(client, "/fr/accounts/login/")


@pytest.mark.django_db
def test_the_prefix_wins_over_the_browser_and_the_cookie():
    client = Client(headers={"Accept-Language": "fr"})
    client.cookies["django_language"] = "fr"

    assert REQUIRED_DE in empty_sign_in(client, "/de/accounts/login/")
    assert client.get("/en/freelancers")["Content-Language"] == "en"


@pytest.mark.django_db
def test_links_on_a_german_page_stay_under_de(fred):
    html = Client().get("/de/freelancers").content.decode()

    site_links = [link for link in links(html) if not link.startswith(("/api/", "/static/", "/media/"))]
    assert "/de/u/fred" in site_links
    assert site_links and all(link.startswith("/de/") for link in site_links), site_links


@pytest.mark.django_db
def test_an_unprefixed_page_follows_the_browser_when_nothing_else_is_known():
    assert REQUIRED_FR in empty_sign_in(Client(), **{"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"})
    assert REQUIRED_EN in empty_sign_in(Client(), **{"Accept-Language": "ja"})  # not offered: the site's language


@pytest.mark.django_db
def test_the_switchers_cookie_wins_over_the_browser():
    client = Client(headers={"Accept-Language": "fr"})
    client.cookies["django_language"] = "de"

    assert REQUIRED_DE in empty_sign_in(client)


@pytest.mark.django_db
def test_a_persons_own_choice_wins_over_cookie_and_browser(client_for, fred):
    fred.language = "fr"
    fred.save(update_fields=["language"])
    browser = client_for(fred)
    browser.cookies["django_language"] = "de"

    response = browser.get(reverse("projects"), headers={"Accept-Language": "de"})

    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


@pytest.mark.django_db
def test_unprefixed_links_stay_unprefixed_after_a_prefixed_page(fred):
    client = Client()
    client.get("/fr/freelancers")

    assert "/u/fred" in links(client.get("/freelancers").content.decode())
    assert reverse("freelancers") == "/freelancers"  # nothing of the French request is left behind


def test_answers_say_which_language_they_are_in_and_what_they_vary_by(client):
    response = client.get("/healthz", headers={"Accept-Language": "de"})

    assert response["Content-Language"] == "de"
    vary = {part.strip() for part in response["Vary"].split(",")}
    assert {"Accept-Language", "Cookie"} <= vary


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/categories", "/api/v1/openapi.json", "/robots.txt", "/sitemap.xml"])
def test_the_fixed_paths_of_the_api_contract_answer_unprefixed(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_the_api_is_never_prefixed(client):
    response = client.get("/fr/api/v1/categories")

    assert response.status_code == 404


@pytest.mark.django_db
def test_the_api_answers_in_the_browsers_language_without_a_prefix(client):
    response = client.get("/api/v1/me", headers={"Accept-Language": "de"})

    assert response.status_code == 401
    assert response["Content-Language"] == "de"


@pytest.mark.django_db
def test_a_prefixed_address_that_does_not_exist_is_a_404(client):
    assert client.get("/fr/no-such-page").status_code == 404
    assert client.get("/es/freelancers").status_code == 404  # not a language this site offers


@pytest.mark.django_db
def test_signing_in_from_a_french_page_returns_to_the_french_site(client, fred):
    response = client.post("/fr/accounts/login/", {"login": "fred@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"].startswith("/fr/")
