"""Personal access tokens (/api/v1/auth/tokens) and how the API knows who is asking.

Fred exchanges his password for tokens and may revoke only his own; Olga's token ids mean nothing
to him. A browser session works too, but a write from it needs the CSRF token.
"""

import pytest
from django.db import connection
from django.test import Client

from conftest import PASSWORD
from openhour.accounts.models import AccessToken

TOKENS = "/api/v1/auth/tokens"


def issue(client: Client, email: str = "fred@example.com", password: str = PASSWORD, label: str = "laptop"):
    return client.post(TOKENS, {"email": email, "password": password, "label": label}, content_type="application/json")


def auth(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def assert_unauthenticated(response) -> None:
    assert response.status_code == 401, response.content
    assert response.json()["error"]["code"] == "unauthenticated"


def test_email_and_password_give_a_token_that_works_as_bearer(client, fred):
    response = issue(client)

    assert response.status_code == 201
    body = response.json()
    assert body["id"] and isinstance(body["id"], str)
    assert body["token"]
    assert body["label"] == "laptop"
    me = client.get("/api/v1/me", headers=auth(body["token"]))
    assert me.status_code == 200
    assert me.json()["username"] == "fred"


def test_the_e_mail_address_is_matched_without_regard_to_case(client, fred):
    assert issue(client, email="FRED@Example.com").status_code == 201


def test_only_a_digest_of_the_token_is_stored(client, fred):
    secret = issue(client).json()["token"]

    token = AccessToken.objects.get(user=fred)
    assert token.digest != secret
    assert secret not in token.digest
    with connection.cursor() as cursor:
        cursor.execute("SELECT digest, prefix, label FROM accounts_accesstoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert secret not in stored


def test_the_token_list_shows_labels_but_never_secrets(client, fred):
    secret = issue(client, label="invoicing script").json()["token"]

    response = client.get(TOKENS, headers=auth(secret))

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert item["label"] == "invoicing script"
    assert secret not in response.content.decode()
    assert "digest" not in item


def test_one_sees_only_ones_own_tokens(client, fred, olga, bearer):
    issue(client, label="fred's laptop")

    response = client.get(TOKENS, headers=bearer(olga))

    assert [item["label"] for item in response.json()["items"]] == ["tests"]


@pytest.mark.parametrize(
    ("email", "password"),
    [("fred@example.com", "wrong-password-entirely"), ("nobody@example.com", PASSWORD), ("fred@example.com", "")],
)
def test_wrong_credentials_give_no_token(client, fred, email, password):
    response = issue(client, email=email, password=password)

    assert response.status_code == 400
    assert response.json()["error"]["fields"]
    assert "token" not in response.json()
    assert not AccessToken.objects.exists()


def test_an_inactive_account_gets_no_token(client, fred):
    fred.is_active = False
    fred.save(update_fields=["is_active"])

    assert issue(client).status_code == 400
    assert not AccessToken.objects.exists()


@pytest.mark.parametrize(("label", "field"), [("", "label"), ("   ", "label"), ("x" * 81, "label")])
def test_a_token_needs_a_short_label(client, fred, label, field):
    response = issue(client, label=label)

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not AccessToken.objects.exists()


def test_repeated_wrong_passwords_are_rate_limited(client, fred):
    statuses = [issue(client, password=f"guess-number-{n}").status_code for n in range(12)]

    assert statuses[0] == 400
    assert statuses[-1] == 429
    limited = issue(client)
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert not AccessToken.objects.exists()


def test_revoking_a_token_stops_it_working(client, fred):
    body = issue(client).json()
    headers = auth(body["token"])

    response = client.delete(f"{TOKENS}/{body['id']}", headers=headers)

    assert response.status_code == 204
    assert not AccessToken.objects.exists()
    assert_unauthenticated(client.get("/api/v1/me", headers=headers))


def test_revoking_one_token_leaves_the_others(client, fred):
    first = issue(client, label="one").json()
    second = issue(client, label="two").json()

    assert client.delete(f"{TOKENS}/{first['id']}", headers=auth(second["token"])).status_code == 204

    assert client.get("/api/v1/me", headers=auth(second["token"])).status_code == 200
    assert_unauthenticated(client.get("/api/v1/me", headers=auth(first["token"])))


def test_someone_elses_token_cannot_be_revoked(client, fred, olga, bearer):
    freds = issue(client).json()

    response = client.delete(f"{TOKENS}/{freds['id']}", headers=bearer(olga))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert client.get("/api/v1/me", headers=auth(freds["token"])).status_code == 200


@pytest.mark.parametrize("token_id", ["999999", "abc", "-1"])
def test_revoking_a_token_that_does_not_exist_is_a_404(client, fred, bearer, token_id):
    response = client.delete(f"{TOKENS}/{token_id}", headers=bearer(fred))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_revoking_needs_someone_signed_in(client, fred):
    token_id = issue(client).json()["id"]

    assert_unauthenticated(client.delete(f"{TOKENS}/{token_id}"))
    assert AccessToken.objects.filter(pk=token_id).exists()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer oh_not-a-real-token"},
        {"Authorization": "Bearer "},
        {"Authorization": "Token abc"},
        {"Authorization": "Basic ZnJlZEBleGFtcGxlLmNvbTpwYXNzd29yZA=="},
    ],
)
def test_no_or_bad_credentials_are_a_401(client, fred, headers):
    assert_unauthenticated(client.get("/api/v1/me", headers=headers))
    assert_unauthenticated(client.patch("/api/v1/me/profile", {}, content_type="application/json", headers=headers))


def test_a_deactivated_persons_token_stops_working(client, fred):
    secret = issue(client).json()["token"]
    fred.is_active = False
    fred.save(update_fields=["is_active"])

    assert_unauthenticated(client.get("/api/v1/me", headers=auth(secret)))


def test_using_a_token_records_when_it_was_last_used(client, fred):
    secret = issue(client).json()["token"]

    client.get("/api/v1/me", headers=auth(secret))

    assert AccessToken.objects.get(user=fred).last_used_at is not None


# ---- the browser session -------------------------------------------------------------------------


def test_a_signed_in_browser_session_can_read_me(client_for, fred):
    response = client_for(fred).get("/api/v1/me")

    assert response.status_code == 200
    assert response.json()["username"] == "fred"


def csrf_browser(user) -> Client:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return browser


def test_a_session_reads_without_a_csrf_token(fred):
    assert csrf_browser(fred).get("/api/v1/me").status_code == 200


def test_a_session_write_without_csrf_is_refused(fred):
    browser = csrf_browser(fred)

    patch = browser.patch("/api/v1/me/profile", {"headline": "Hijacked"}, content_type="application/json")
    post = browser.post("/api/v1/me/roles", {"role": "client"}, content_type="application/json")

    assert patch.status_code == 403
    assert patch.json()["error"]["code"] == "forbidden"
    assert post.status_code == 403
    fred.refresh_from_db()
    assert fred.profile.headline == "Django developer"
    assert not fred.is_client


def test_a_session_write_with_the_csrf_token_goes_through(fred):
    browser = csrf_browser(fred)
    browser.get("/me/profile")  # a page with a form sets the CSRF cookie
    token = browser.cookies["csrftoken"].value

    response = browser.patch(
        "/api/v1/me/profile",
        {"headline": "Senior Django developer"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert response.status_code == 200
    fred.profile.refresh_from_db()
    assert fred.profile.headline == "Senior Django developer"


def test_a_bearer_token_needs_no_csrf_token(client, fred):
    secret = issue(client).json()["token"]
    browser = Client(enforce_csrf_checks=True)

    response = browser.patch(
        "/api/v1/me/profile", {"headline": "From a script"}, content_type="application/json", headers=auth(secret)
    )

    assert response.status_code == 200


def test_a_session_cannot_revoke_a_token_without_csrf(client, fred):
    token_id = issue(client).json()["id"]

    response = csrf_browser(fred).delete(f"{TOKENS}/{token_id}")

    assert response.status_code == 403
    assert AccessToken.objects.filter(pk=token_id).exists()
