"""The sign-up page: name, role, e-mail and password; a verification mail whose link verifies the address."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client

from openhour.accounts.models import User

GOOD_PASSWORD = "plum-orchard-lantern-42"


def signup_data(**overrides: str) -> dict[str, str]:
    data = {"name": "Nina Newcomer", "email": "nina@example.com", "password1": GOOD_PASSWORD, "role": "freelancer"}
    data["accept_terms"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert found, message.body
    return found.group(0)


def test_the_page_asks_for_name_role_email_and_password(client, db):
    response = client.get("/accounts/signup/")

    assert response.status_code == 200
    html = response.content.decode()
    for field in ('name="name"', 'name="email"', 'name="password1"', 'name="role"'):
        assert field in html
    assert "Client: I want to hire" in html
    assert "Freelancer: I want to work" in html


@pytest.mark.parametrize(("role", "is_client", "is_freelancer"), [("client", True, False), ("freelancer", False, True)])
def test_signing_up_creates_the_account_with_name_and_role(client, db, role, is_client, is_freelancer):
    response = client.post("/accounts/signup/", signup_data(role=role))

    assert response.status_code == 302
    user = User.objects.get(email="nina@example.com")
    assert user.name == "Nina Newcomer"
    assert (user.is_client, user.is_freelancer) == (is_client, is_freelancer)
    assert user.profile is not None
    assert client.get("/me/profile").status_code == 200  # signed in straight away


def test_the_name_is_trimmed_and_the_username_is_made_from_it(client, db):
    client.post("/accounts/signup/", signup_data(name="  Nina Newcomer  "))

    user = User.objects.get(email="nina@example.com")
    assert user.name == "Nina Newcomer"
    assert user.username.startswith("nina")
    assert client.get(f"/u/{user.username}").status_code == 200


@pytest.mark.parametrize("name", ["李雷", "Zoë Ærø-Łukasz", "O'Brien <b>Ünal</b>"])
def test_any_name_gets_a_working_public_address(db, name):
    Client().post("/accounts/signup/", signup_data(name=name))

    user = User.objects.get(email="nina@example.com")
    assert user.name == name
    response = Client().get(f"/u/{user.username}")
    assert response.status_code == 200
    assert "<b>Ünal</b>" not in response.content.decode()  # names are shown as text, never as markup


def test_two_people_with_the_same_name_get_different_addresses(db):
    Client().post("/accounts/signup/", signup_data())
    Client().post("/accounts/signup/", signup_data(email="nina.two@example.com"))

    first, second = User.objects.order_by("pk")
    assert first.name == second.name == "Nina Newcomer"
    assert first.username != second.username


def test_the_password_is_stored_as_an_argon2_hash(client, db):
    client.post("/accounts/signup/", signup_data())

    user = User.objects.get(email="nina@example.com")
    assert user.password.startswith("argon2")
    assert GOOD_PASSWORD not in user.password
    assert user.check_password(GOOD_PASSWORD)


def test_a_verification_mail_is_sent_and_the_address_starts_unverified(client, db):
    client.post("/accounts/signup/", signup_data())

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nina@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body
    assert not EmailAddress.objects.get(email="nina@example.com").verified


def test_following_the_link_in_the_mail_verifies_the_address(db):
    Client().post("/accounts/signup/", signup_data())
    link = link_in(mail.outbox[0])

    response = Client().get(link)  # from another browser: the link alone is enough

    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nina@example.com").verified


def test_once_verified_the_notice_on_the_profile_page_is_gone(client, db):
    client.post("/accounts/signup/", signup_data())
    assert b"Verify your e-mail address" in client.get("/me/profile").content

    client.get(link_in(mail.outbox[0]))

    assert b"Verify your e-mail address" not in client.get("/me/profile").content


def test_a_made_up_link_verifies_nothing(client, db):
    client.post("/accounts/signup/", signup_data())

    response = Client().get("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code == 200
    assert b"expired or is invalid" in response.content
    assert not EmailAddress.objects.get(email="nina@example.com").verified


@pytest.mark.parametrize("email", ["fred@example.com", "FRED@Example.COM", " Fred@example.com "])
def test_an_address_already_in_use_in_any_case_is_refused(client, fred, email):
    users_before = User.objects.count()

    response = client.post("/accounts/signup/", signup_data(email=email))

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert b"already registered with this email address" in response.content
    assert User.objects.count() == users_before
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", b"at least 10 characters"),
        ("password123", b"too common"),
        ("83749201938475", b"entirely numeric"),
        ("nina@example.com", b"too similar"),
    ],
)
def test_a_weak_password_is_refused(client, db, password, message):
    response = client.post("/accounts/signup/", signup_data(password1=password))

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    assert message in response.content
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("missing", "overrides"),
    [
        ("role", {"role": None}),
        ("role", {"role": "operator"}),
        ("name", {"name": None}),
        ("name", {"name": "   "}),
        ("email", {"email": None}),
        ("email", {"email": "not-an-address"}),
        ("password1", {"password1": None}),
    ],
)
def test_a_missing_or_bad_field_is_shown_on_the_form_and_nobody_is_created(client, db, missing, overrides):
    response = client.post("/accounts/signup/", signup_data(**overrides))

    assert response.status_code == 200
    assert missing in response.context["form"].errors
    assert b'class="field-errors"' in response.content
    assert not User.objects.exists()
    assert mail.outbox == []


def test_what_was_typed_stays_in_the_form_after_an_error(client, db):
    response = client.post("/accounts/signup/", signup_data(role=None))

    html = response.content.decode()
    assert 'value="Nina Newcomer"' in html
    assert 'value="nina@example.com"' in html
    assert GOOD_PASSWORD not in html  # passwords are never echoed back


def test_someone_already_signed_in_is_sent_away_from_sign_up(client_for, fred):
    browser = client_for(fred)

    response = browser.post("/accounts/signup/", signup_data())

    assert response.status_code == 302
    assert not User.objects.filter(email="nina@example.com").exists()
