"""GET and PATCH /api/v1/me: the person's language and time zone (API.md, "Additions"), and the language a new
account starts with: the one the person arrived in, on the page or through POST /auth/signup.

PATCH /me has no id: whoever the token or session names is the only person it can change."""

import pytest
from django.test import Client

from openhour.accounts.models import User

ME = "/api/v1/me"
GOOD_PASSWORD = "plum-orbit-lantern-42"


def patch(client: Client, headers: dict[str, str], body: dict[str, object]):
    return client.patch(ME, body, content_type="application/json", headers=headers)


@pytest.mark.django_db
def test_me_carries_the_sites_language_and_zone_until_the_person_chooses(client, fred, bearer):
    body = client.get(ME, headers=bearer(fred)).json()

    assert (body["language"], body["time_zone"]) == ("en", "UTC")


@pytest.mark.django_db
def test_patch_me_sets_language_and_time_zone(client, fred, bearer):
    headers = bearer(fred)

    response = patch(client, headers, {"language": "de", "time_zone": "Europe/Berlin"})

    assert response.status_code == 200, response.content
    assert (response.json()["language"], response.json()["time_zone"]) == ("de", "Europe/Berlin")
    assert client.get(ME, headers=headers).json()["language"] == "de"
    assert response.json()["username"] == "fred"  # the rest of /me as before


@pytest.mark.django_db
def test_patch_me_changes_only_what_it_names(client, fred, bearer):
    headers = bearer(fred)
    patch(client, headers, {"language": "fr", "time_zone": "Europe/Paris"})

    body = patch(client, headers, {"time_zone": "America/Montreal"}).json()

    assert (body["language"], body["time_zone"]) == ("fr", "America/Montreal")


@pytest.mark.django_db
def test_an_empty_choice_goes_back_to_the_sites(client, fred, bearer):
    headers = bearer(fred)
    patch(client, headers, {"language": "fr", "time_zone": "Europe/Paris"})

    body = patch(client, headers, {"language": "", "time_zone": ""}).json()

    assert (body["language"], body["time_zone"]) == ("en", "UTC")
    fred.refresh_from_db()
    assert (fred.language, fred.time_zone) == ("", "")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"language": "xx"}, {"language"}),
        ({"time_zone": "Mars/Olympus_Mons"}, {"time_zone"}),
        ({"language": "es", "time_zone": "Europe/Pariss"}, {"language", "time_zone"}),
        ({"language": None}, {"language"}),
    ],
)
def test_an_unknown_language_or_zone_is_a_400_on_its_field_and_changes_nothing(client, fred, bearer, body, fields):
    response = patch(client, bearer(fred), body)

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == fields
    fred.refresh_from_db()
    assert (fred.language, fred.time_zone) == ("", "")


@pytest.mark.django_db
def test_an_unknown_field_is_refused(client, fred, bearer):
    response = patch(client, bearer(fred), {"name": "Someone Else"})

    assert response.status_code == 400


def test_nobody_signed_in_cannot_patch_me(client, db):
    response = patch(client, {}, {"language": "fr"})

    assert response.status_code == 401


@pytest.mark.django_db
def test_a_token_changes_only_its_own_persons_language(client, fred, olga, bearer):
    patch(client, bearer(olga), {"language": "de"})

    fred.refresh_from_db()
    assert fred.language == ""
    assert User.objects.get(pk=olga.pk).language == "de"


@pytest.mark.django_db
def test_a_token_holder_is_answered_in_their_language_errors_included(client, fred, bearer):
    headers = bearer(fred)
    patch(client, headers, {"language": "fr"})

    response = client.get("/api/v1/projects?limit=1000", headers=headers)  # English browser, French person

    assert response.status_code == 400
    assert response["Content-Language"] == "fr"


@pytest.mark.django_db
def test_the_session_follows_the_persons_language_in_the_api(client_for, fred):
    fred.language = "de"
    fred.save(update_fields=["language"])

    response = client_for(fred).get(ME, headers={"Accept-Language": "fr"})

    assert response["Content-Language"] == "de"


# ---- sign-up ---------------------------------------------------------------------------------------------------


def api_signup(client: Client, **headers: str):
    body = {"email": "nina@example.com", "password": GOOD_PASSWORD, "name": "Nina New", "role": "freelancer"}
    return client.post("/api/v1/auth/signup", body, content_type="application/json", headers=headers)


@pytest.mark.django_db
def test_signing_up_through_the_api_keeps_the_browsers_language(client):
    response = api_signup(client, **{"Accept-Language": "de-AT,de;q=0.9"})

    assert response.status_code == 201, response.content
    assert response.json()["language"] == "de"
    assert User.objects.get(email="nina@example.com").language == "de"


@pytest.mark.django_db
def test_signing_up_in_a_language_not_offered_keeps_the_sites(client):
    api_signup(client, **{"Accept-Language": "ja"})

    assert User.objects.get(email="nina@example.com").language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "cookie", "expected"), [("/fr/accounts/signup/", "", "fr"), ("/accounts/signup/", "de", "de")]
)
def test_signing_up_on_the_page_keeps_the_language_it_was_read_in(path, cookie, expected):
    client = Client(headers={"Accept-Language": "en"})
    if cookie:
        client.cookies["django_language"] = cookie
    data = {"name": "Nina Newcomer", "email": "nina@example.com", "password1": GOOD_PASSWORD, "role": "client"}
    data["accept_terms"] = "on"

    response = client.post(path, data)

    assert response.status_code == 302, response.content.decode()[:500]
    assert User.objects.get(email="nina@example.com").language == expected
