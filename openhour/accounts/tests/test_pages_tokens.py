"""Personal access tokens: the secret is shown once, only a digest is kept, only the owner may revoke."""

import re

import pytest

from openhour.accounts.models import AccessToken
from openhour.accounts.services import access_token_create, token_digest


def secret_on(html: str) -> str | None:
    found = re.search(r'id="new-token" type="text" readonly value="([^"]+)"', html)
    return found.group(1) if found else None


def test_the_page_explains_tokens_and_offers_to_create_one(client_for, fred):
    response = client_for(fred).get("/me/tokens")

    assert response.status_code == 200
    assert b"Personal access tokens" in response.content
    assert b'name="label"' in response.content
    assert secret_on(response.content.decode()) is None


def test_creating_a_token_shows_the_secret_once(client_for, fred):
    browser = client_for(fred)

    response = browser.post("/me/tokens", {"label": "Invoicing script"})

    assert response.status_code == 200
    secret = secret_on(response.content.decode())
    assert secret and secret.startswith("oh_")
    assert b"It will not be shown again." in response.content
    token = AccessToken.objects.get(user=fred)
    assert token.label == "Invoicing script"
    assert token.digest == token_digest(secret)
    assert "no-store" in response["Cache-Control"]
    assert secret not in token.digest  # only the digest is kept

    again = browser.get("/me/tokens").content.decode()
    assert secret not in again
    assert secret_on(again) is None
    assert "Invoicing script" in again
    assert f"{token.prefix}…" in again


def test_a_token_needs_a_label(client_for, fred):
    response = client_for(fred).post("/me/tokens", {"label": "   "})

    assert response.status_code == 400
    assert "label" in response.context["form"].errors
    assert secret_on(response.content.decode()) is None
    assert not AccessToken.objects.exists()


def test_the_page_lists_only_my_own_tokens(client_for, fred, olga):
    access_token_create(user=olga, label="Olga's robot")
    access_token_create(user=fred, label="Fred's robot")

    html = client_for(fred).get("/me/tokens").content.decode()

    assert "Fred&#x27;s robot" in html
    assert "Olga" not in html


def test_revoking_a_token_removes_it(client_for, fred):
    token, _secret = access_token_create(user=fred, label="Old laptop")
    browser = client_for(fred)

    response = browser.post(f"/me/tokens/{token.pk}/revoke", follow=True)

    assert response.status_code == 200
    assert b"Token revoked: it no longer works." in response.content
    assert b"Old laptop" not in response.content
    assert not AccessToken.objects.filter(pk=token.pk).exists()


def test_someone_elses_token_cannot_be_revoked(client_for, fred, olga):
    token, _secret = access_token_create(user=fred, label="Fred's robot")

    response = client_for(olga).post(f"/me/tokens/{token.pk}/revoke")

    assert response.status_code == 404
    assert AccessToken.objects.filter(pk=token.pk).exists()


def test_revoking_needs_a_post(client_for, fred):
    token, _secret = access_token_create(user=fred, label="Old laptop")

    response = client_for(fred).get(f"/me/tokens/{token.pk}/revoke")

    assert response.status_code == 405
    assert AccessToken.objects.filter(pk=token.pk).exists()


@pytest.mark.parametrize(
    ("method", "path"), [("get", "/me/tokens"), ("post", "/me/tokens"), ("post", "/me/tokens/1/revoke")]
)
def test_anonymous_visitors_are_sent_to_sign_in(client, fred, method, path):
    token, _secret = access_token_create(user=fred, label="Fred's robot")

    response = getattr(client, method)(path.replace("/1/", f"/{token.pk}/"), {"label": "Sneaky"})

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert list(AccessToken.objects.values_list("label", flat=True)) == ["Fred's robot"]
