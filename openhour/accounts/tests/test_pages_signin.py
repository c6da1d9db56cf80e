"""Signing in by e-mail, signing out, password reset and change, e-mail change, the unverified notice."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.test import Client

from conftest import PASSWORD

NEW_PASSWORD = "violet-harbour-compass-17"


def is_signed_in(browser: Client) -> bool:
    return "_auth_user_id" in browser.session


def sign_in(browser: Client, email: str, password: str):
    return browser.post("/accounts/login/", {"login": email, "password": password})


def link_in(message: mail.EmailMessage, path: str) -> str:
    found = re.search(rf"https?://\S+{re.escape(path)}\S+/", message.body)
    assert found, message.body
    return found.group(0)


def test_the_sign_in_page_asks_for_an_email_and_a_password(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert b'type="email"' in response.content
    assert b'name="password"' in response.content


def test_signing_in_with_email_and_password_opens_the_account(client, fred):
    response = sign_in(client, "fred@example.com", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert is_signed_in(client)
    assert b"My profile" in client.get("/").content


def test_the_email_may_be_typed_in_any_case(client, fred):
    sign_in(client, "Fred@Example.COM", PASSWORD)

    assert is_signed_in(client)


def test_signing_in_returns_to_the_page_that_asked_for_it(client, fred):
    response = client.get("/me/portfolio")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")

    response = client.post(response["Location"], {"login": "fred@example.com", "password": PASSWORD})

    assert response["Location"] == "/me/portfolio"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_signing_in_never_sends_people_to_another_site(client, fred, target):
    response = client.post(f"/accounts/login/?next={target}", {"login": "fred@example.com", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_the_username_is_not_a_way_in(client, fred):
    response = sign_in(client, "fred", PASSWORD)

    assert response.status_code == 200
    assert not is_signed_in(client)


def test_a_wrong_password_shows_an_error_and_does_not_sign_in(client, fred):
    response = sign_in(client, "fred@example.com", "not-his-password")

    assert response.status_code == 200
    assert b"The email address and/or password you specified are not correct." in response.content
    assert not is_signed_in(client)


def test_an_unknown_address_shows_the_same_error(client, fred):
    response = sign_in(client, "nobody@example.com", PASSWORD)

    assert response.status_code == 200
    assert b"The email address and/or password you specified are not correct." in response.content
    assert not is_signed_in(client)


def test_an_unverified_person_may_still_sign_in_and_look_around(client, una):
    sign_in(client, "una@example.com", PASSWORD)

    assert is_signed_in(client)


def test_an_inactive_account_cannot_sign_in(client, fred):
    fred.is_active = False
    fred.save(update_fields=["is_active"])

    sign_in(client, "fred@example.com", PASSWORD)

    assert not is_signed_in(client)


def test_too_many_failed_sign_ins_are_refused_even_with_the_right_password(client, fred):
    allowed = 5  # RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS: the same account from the same address
    assert settings.RATE_LOGIN_FAILURES_PER_ACCOUNT_ADDRESS.startswith(f"{allowed}/")
    for _attempt in range(allowed):
        response = sign_in(client, "fred@example.com", "guessing-again")
        assert b"are not correct" in response.content

    response = sign_in(client, "fred@example.com", PASSWORD)

    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert b"Too many failed sign-in attempts" in response.content
    assert not is_signed_in(client)


def test_the_limit_is_per_address_so_others_may_still_sign_in(client, fred, olga):
    for _attempt in range(6):
        sign_in(client, "fred@example.com", "guessing-again")

    sign_in(client, "olga@example.com", PASSWORD)

    assert is_signed_in(client)


def test_signing_out_takes_a_post(client_for, fred):
    browser = client_for(fred)

    response = browser.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not is_signed_in(browser)
    assert browser.get("/me/profile").status_code == 302


def test_visiting_the_sign_out_address_only_asks_for_confirmation(client_for, fred):
    browser = client_for(fred)

    response = browser.get("/accounts/logout/")

    assert response.status_code == 200
    assert b"Are you sure you want to sign out?" in response.content
    assert is_signed_in(browser)


def test_a_password_reset_sends_a_link_that_sets_a_new_password(client, fred):
    response = client.post("/accounts/password/reset/", {"email": "fred@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fred@example.com"]
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")

    form_page = client.get(link, follow=True)  # the key moves into the session, out of the address
    assert form_page.status_code == 200
    assert b"Change Password" in form_page.content
    response = client.post(form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    fred.refresh_from_db()
    assert fred.check_password(NEW_PASSWORD)
    assert fred.password.startswith("argon2")
    browser = Client()
    sign_in(browser, "fred@example.com", NEW_PASSWORD)
    assert is_signed_in(browser)


def test_a_reset_link_that_was_tampered_with_changes_nothing(client, fred):
    client.post("/accounts/password/reset/", {"email": "fred@example.com"})
    link = link_in(mail.outbox[0], "/accounts/password/reset/key/")
    forged = link[:-3] + ("a" if link[-3] != "a" else "b") + link[-2:]

    response = client.get(forged, follow=True)

    assert b"The password reset link was invalid" in response.content
    fred.refresh_from_db()
    assert fred.check_password(PASSWORD)


def test_a_password_reset_for_an_unknown_address_sends_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mail.outbox == []


def test_a_signed_in_person_can_change_the_password(client_for, fred):
    browser = client_for(fred)

    response = browser.post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    fred.refresh_from_db()
    assert fred.check_password(NEW_PASSWORD)
    assert is_signed_in(browser)  # the session survives its own password change


def test_changing_the_password_needs_the_current_one(client_for, fred):
    browser = client_for(fred)

    response = browser.post(
        "/accounts/password/change/", {"oldpassword": "wrong", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 200
    assert "oldpassword" in response.context["form"].errors
    fred.refresh_from_db()
    assert fred.check_password(PASSWORD)


def test_a_weak_new_password_is_refused(client_for, fred):
    browser = client_for(fred)

    response = browser.post(
        "/accounts/password/change/", {"oldpassword": PASSWORD, "password1": "short", "password2": "short"}
    )

    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    fred.refresh_from_db()
    assert fred.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("path", "shows"), [("/accounts/password/change/", b"oldpassword"), ("/accounts/email/", b"una@example.com")]
)
def test_account_settings_pages_open_inside_the_site(client_for, una, path, shows):
    response = client_for(una).get(path)

    assert response.status_code == 200
    assert shows in response.content
    assert b'class="site-header"' in response.content


@pytest.mark.parametrize("path", ["/accounts/password/change/", "/accounts/email/"])
def test_account_settings_pages_need_a_signed_in_person(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_changing_the_email_sends_a_link_to_the_new_address(client_for, fred):
    browser = client_for(fred)

    response = browser.post("/accounts/email/", {"action_add": "", "email": "fred.new@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["fred.new@example.com"]
    fred.refresh_from_db()
    assert fred.email == "fred@example.com"  # unchanged until the new address is verified

    browser.get(link_in(mail.outbox[0], "/accounts/confirm-email/"))

    fred.refresh_from_db()
    assert fred.email == "fred.new@example.com"
    assert EmailAddress.objects.get(user=fred, email="fred.new@example.com").verified


def test_nobody_can_take_an_address_someone_else_uses(client_for, fred, olga):
    browser = client_for(olga)

    response = browser.post("/accounts/email/", {"action_add": "", "email": "FRED@example.com"})

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mail.outbox == []
    assert not EmailAddress.objects.filter(user=olga, email__iexact="fred@example.com").exists()


def test_an_unverified_person_is_told_to_verify_on_the_profile_page(client_for, una):
    response = client_for(una).get("/me/profile")

    assert response.status_code == 200
    assert b"Verify your e-mail address to post projects" in response.content
    assert b'href="/accounts/email/"' in response.content


def test_a_verified_person_sees_no_such_notice(client_for, fred):
    response = client_for(fred).get("/me/profile")

    assert b"Verify your e-mail address" not in response.content


def test_the_email_page_can_send_the_link_again(client_for, una):
    browser = client_for(una)

    response = browser.post("/accounts/email/", {"action_send": "", "email": "una@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["una@example.com"]
