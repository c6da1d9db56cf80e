"""POST /api/v1/auth/signup and /auth/verify-email: a stranger joins, then proves the address is theirs.

Nobody is signed in here: sign-up and verification are open to anyone, and bad input is always a 400
in the error format, never a 500.
"""

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from openhour.accounts.models import User

SIGNUP = "/api/v1/auth/signup"
VERIFY = "/api/v1/auth/verify-email"
GOOD_PASSWORD = "plum-orbit-lantern-42"


def signup(client: Client, **overrides: Any):
    body = {"email": "nina@example.com", "password": GOOD_PASSWORD, "name": "Nina New", "role": "freelancer"}
    body.update(overrides)
    return client.post(SIGNUP, {k: v for k, v in body.items() if v is not None}, content_type="application/json")


def key_from_mail(message: mail.EmailMessage) -> str:
    links = re.findall(r"https?://\S+", message.body)
    assert links, message.body
    return links[0].rstrip("/").rsplit("/", 1)[-1]


def token_headers(client: Client, email: str, password: str) -> dict[str, str]:
    response = client.post(
        "/api/v1/auth/tokens", {"email": email, "password": password, "label": "cli"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return {"Authorization": f"Bearer {response.json()['token']}"}


def assert_field_error(response, field: str) -> None:
    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["message"]
    assert field in error["fields"], error
    assert all(isinstance(message, str) and message for message in error["fields"][field])


@pytest.mark.django_db
def test_signup_creates_an_unverified_account_and_mails_the_link(client):
    response = signup(client, role="client")

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Nina New"
    assert body["roles"] == ["client"]
    assert body["email_verified"] is False
    user = User.objects.get(email="nina@example.com")
    assert user.is_client and not user.is_freelancer
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@example.com"]
    assert key_from_mail(mail.outbox[0])

    me = client.get("/api/v1/me", headers=token_headers(client, "nina@example.com", GOOD_PASSWORD))
    assert me.status_code == 200
    assert me.json()["email_verified"] is False


@pytest.mark.django_db
def test_signup_as_freelancer_gets_a_profile_and_a_username(client):
    response = signup(client)

    assert response.status_code == 201
    user = User.objects.get(email="nina@example.com")
    assert user.roles == ["freelancer"]
    assert user.username and "@" not in user.username
    assert user.profile is not None
    public = client.get(f"/api/v1/users/{user.username}")
    assert public.status_code == 200
    assert public.json()["name"] == "Nina New"


@pytest.mark.django_db
def test_verification_key_from_the_mail_verifies_the_address(client):
    signup(client)
    key = key_from_mail(mail.outbox[0])

    response = client.post(VERIFY, {"key": key}, content_type="application/json")

    assert response.status_code == 200
    assert response.json()["email_verified"] is True
    assert EmailAddress.objects.get(email="nina@example.com").verified
    me = client.get("/api/v1/me", headers=token_headers(client, "nina@example.com", GOOD_PASSWORD))
    assert me.json()["email_verified"] is True


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["bogus", "MQ:1abcde:" + "x" * 40])
def test_a_bogus_key_verifies_nothing(client, key):
    signup(client)

    response = client.post(VERIFY, {"key": key}, content_type="application/json")

    assert_field_error(response, "key")
    assert not EmailAddress.objects.get(email="nina@example.com").verified


@pytest.mark.django_db
def test_an_empty_key_is_a_field_error(client):
    assert_field_error(client.post(VERIFY, {"key": ""}, content_type="application/json"), "key")


@pytest.mark.parametrize("email", ["fred@example.com", "FRED@Example.COM", " Fred@example.com "])
def test_an_address_already_registered_is_refused_whatever_its_case(client, fred, email):
    response = signup(client, email=email)

    assert_field_error(response, "email")
    assert User.objects.filter(email__iexact="fred@example.com").count() == 1
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    [
        "short1!",  # too short
        "password123",  # on the common-passwords list
        "1234567890123",  # entirely numeric
        "nina@example.com",  # the same as the e-mail address
        "",
    ],
)
def test_weak_passwords_are_refused(client, password):
    response = signup(client, password=password)

    assert_field_error(response, "password")
    assert not User.objects.filter(email="nina@example.com").exists()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"email": "nina@"}, "email"),
        ({"email": ""}, "email"),
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"role": "operator"}, "role"),
        ({"role": ""}, "role"),
        ({"is_staff": True}, "is_staff"),
        ({"email": None}, "email"),
        ({"password": None}, "password"),
        ({"name": None}, "name"),
        ({"role": None}, "role"),
        ({"email": 42}, "email"),
        ({"name": "x" * 121}, "name"),
    ],
)
def test_bad_sign_up_input_names_the_field(client, overrides, field):
    response = signup(client, **overrides)

    assert_field_error(response, field)
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_sign_up_cannot_make_anyone_staff(client):
    response = signup(client, is_superuser=True)

    assert response.status_code == 400
    assert not User.objects.filter(is_superuser=True).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", "null", '"text"'])
def test_a_body_that_is_not_an_object_is_a_400_in_the_error_format(client, raw):
    response = client.post(SIGNUP, raw, content_type="application/json")

    assert response.status_code == 400
    assert set(response.json()["error"]) == {"code", "message", "fields"}
    assert response.json()["error"]["code"] == "invalid"
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_key_works_once_and_a_second_use_undoes_nothing(client):
    signup(client)
    key = key_from_mail(mail.outbox[0])
    client.post(VERIFY, {"key": key}, content_type="application/json")

    again = client.post(VERIFY, {"key": key}, content_type="application/json")

    assert_field_error(again, "key")
    assert EmailAddress.objects.get(email="nina@example.com").verified


@pytest.mark.django_db
def test_one_persons_key_verifies_only_their_address(client, una):
    signup(client)
    key = key_from_mail(mail.outbox[0])

    client.post(VERIFY, {"key": key}, content_type="application/json")

    assert EmailAddress.objects.get(email="nina@example.com").verified
    assert not EmailAddress.objects.get(user=una).verified


@pytest.mark.django_db
def test_sign_up_is_rate_limited(client):
    statuses = [signup(client, email=f"bad-{n}").status_code for n in range(25)]

    assert statuses[0] == 400
    assert statuses[-1] == 429
    limited = signup(client)
    assert limited.status_code == 429
    assert limited.json()["error"]["code"] == "rate_limited"
    assert not User.objects.exists()
