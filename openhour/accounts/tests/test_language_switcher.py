"""The language switcher at the foot of every page (a plain form: no JavaScript, signed in or not) and the
"Language and time zone" settings page.

Anyone may switch the language they read in; a signed-in person's choice is kept on their account. Only the
person themselves changes it: the switcher and the settings page act on whoever is signed in, and the page
itself is for signed-in people only."""

import re

import pytest
from django.test import Client

SWITCH = "/language"
SETTINGS = "/me/language"


def switch(client: Client, language: str, next_page: str, path: str = SWITCH):
    return client.post(path, {"language": language, "next": next_page})


@pytest.mark.django_db
def test_every_page_shows_one_button_per_language_named_in_its_own_language(client):
    html = client.get("/fr/freelancers").content.decode()

    form = re.search(r'<form method="post" action="/fr/language".*?</form>', html, re.S)
    assert form, "the switcher posts to the language view"
    button = r'<button name="language" value="(\w+)" lang="(\w+)"[^>]*>(.*?)</button>'
    buttons = re.findall(button, form[0])
    assert [(value, lang) for value, lang, _label in buttons] == [("en", "en"), ("fr", "fr"), ("de", "de")]
    labels = {value: re.sub("<[^>]+>", "", label) for value, _lang, label in buttons}
    assert labels == {"en": "English", "fr": "français", "de": "Deutsch"}
    assert re.search(r'value="fr" lang="fr"[^>]*aria-current="true"', form[0])
    assert 'name="next" value="/fr/freelancers"' in form[0]


@pytest.mark.django_db
def test_a_visitor_switches_an_unprefixed_page_with_a_cookie(client):
    response = switch(client, "de", "/freelancers?sort=newest")

    assert response.status_code == 302
    assert response["Location"] == "/freelancers?sort=newest"
    assert client.cookies["django_language"].value == "de"
    assert client.get("/freelancers")["Content-Language"] == "de"


@pytest.mark.django_db
def test_switching_on_a_prefixed_page_goes_to_the_same_page_in_the_chosen_language(client):
    response = switch(client, "de", "/fr/freelancers?sort=rate", path="/fr/language")

    assert response["Location"] == "/de/freelancers?sort=rate"


@pytest.mark.django_db
def test_the_switcher_returns_to_the_same_filters_from_the_start_of_the_list(client):
    html = client.get("/freelancers?skill=python&sort=rate&page=2&cursor=abc").content.decode()

    assert 'name="next" value="/freelancers?skill=python&amp;sort=rate"' in html


@pytest.mark.django_db
def test_a_signed_in_persons_switch_is_kept_on_their_account(client_for, fred):
    browser = client_for(fred)

    switch(browser, "fr", "/projects")

    fred.refresh_from_db()
    assert fred.language == "fr"
    fresh = client_for(fred)  # another browser, no cookie: the account says French
    assert fresh.get("/projects")["Content-Language"] == "fr"


@pytest.mark.django_db
def test_a_language_not_offered_goes_back_to_the_page_with_a_message(client):
    response = switch(client, "xx", "/freelancers")

    assert response.status_code == 302
    assert response["Location"] == "/freelancers"
    assert "django_language" not in client.cookies
    assert "That language is not offered here." in client.get("/freelancers").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("next_page", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", ""])
def test_the_switcher_never_sends_anyone_off_the_site(client, next_page):
    response = switch(client, "fr", next_page)

    assert response["Location"] == "/"


def test_the_switcher_only_takes_a_post(client):
    assert client.get(SWITCH).status_code == 405


# ---- the settings page -----------------------------------------------------------------------------------------


def test_a_visitor_is_asked_to_sign_in_for_the_settings(client):
    response = client.get(SETTINGS)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_the_settings_show_the_persons_language_and_zone(client_for, fred):
    fred.language, fred.time_zone = "de", "Europe/Berlin"
    fred.save(update_fields=["language", "time_zone"])

    html = client_for(fred).get(SETTINGS).content.decode()

    assert re.search(r'<option value="de"[^>]*selected', html)
    assert re.search(r'<optgroup label="[^"]+">.*?<option value="Europe/Berlin" selected>Berlin</option>', html, re.S)


@pytest.mark.django_db
def test_saving_the_settings_changes_what_the_person_reads(client_for, fred):
    browser = client_for(fred)

    response = browser.post(SETTINGS, {"language": "fr", "time_zone": "Europe/Paris"})

    assert response.status_code == 302
    fred.refresh_from_db()
    assert (fred.language, fred.time_zone) == ("fr", "Europe/Paris")
    assert browser.get(SETTINGS)["Content-Language"] == "fr"


@pytest.mark.django_db
def test_saved_from_a_prefixed_page_the_person_lands_on_the_new_languages_page(client_for, fred):
    response = client_for(fred).post("/fr/me/language", {"language": "de", "time_zone": ""})

    assert response["Location"] == "/de/me/language"


@pytest.mark.django_db
def test_bad_settings_are_shown_on_the_form_and_nothing_changes(client_for, fred):
    response = client_for(fred).post(SETTINGS, {"language": "klingon", "time_zone": "Mars/Olympus_Mons"})

    assert response.status_code == 400
    html = response.content.decode()
    assert html.count('aria-invalid="true"') == 2
    fred.refresh_from_db()
    assert (fred.language, fred.time_zone) == ("", "")


@pytest.mark.django_db
def test_nobody_changes_another_persons_language(client_for, fred, olga):
    browser = client_for(olga)

    browser.post(SWITCH, {"language": "de", "next": "/u/fred"})
    browser.post(SETTINGS, {"language": "fr", "time_zone": "Europe/Paris", "user": fred.pk})

    fred.refresh_from_db()
    olga.refresh_from_db()
    assert (fred.language, fred.time_zone) == ("", "")
    assert (olga.language, olga.time_zone) == ("fr", "Europe/Paris")
