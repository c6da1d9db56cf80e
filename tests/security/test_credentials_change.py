"""Credentials change, old access ends: a password change or reset, an e-mail change, turning on 2FA or a
password set by an operator signs out the person's other browsers and revokes their API tokens, keeps the
browser that made the change, and tells the person why. People see and end their own sessions and tokens,
on /me/security and over the API, and nobody else's."""

import re
from collections.abc import Callable
from io import StringIO

import pytest
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import PASSWORD, totp_code
from openhour.accounts import access
from openhour.accounts.models import AccessToken, User
from openhour.accounts.services import access_token_create

NEW_PASSWORD = "a-brand-new-passphrase-42"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1"


def signed_in(user: User, user_agent: str = FIREFOX) -> Client:
    """A browser that signed in on the sign-in page, as a person does."""
    browser = Client(headers={"user-agent": user_agent})
    response = browser.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return browser


def is_signed_in(browser: Client) -> bool:
    return browser.get("/me/profile").status_code == 200


def api_me(secret: str) -> int:
    return Client().get("/api/v1/me", headers={"authorization": f"Bearer {secret}"}).status_code


def token_of(user: User) -> str:
    _token, secret = access_token_create(user=user, label="Invoicing script")
    return secret


def notices_to(address: str) -> list[str]:
    return [m.body for m in mail.outbox if address in m.to and m.subject.startswith("Security notice from")]


def link_in(body: str, pattern: str) -> str:
    found = re.search(pattern, body)
    assert found, body
    return found.group(0)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Callable[..., object]) -> Callable[..., object]:
    """The notice is sent once the change is saved: run what was queued on commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


# ---- the triggers ------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_changing_the_password_signs_out_other_browsers_and_revokes_tokens(fred, on_commit):
    here, elsewhere, secret = signed_in(fred), signed_in(fred, PHONE), token_of(fred)
    assert is_signed_in(elsewhere) and api_me(secret) == 200

    with on_commit():
        response = here.post(
            "/accounts/password/change/",
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )

    assert response.status_code == 302
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    assert api_me(secret) == 401
    assert not AccessToken.objects.filter(user=fred).exists()
    [notice] = notices_to(fred.email)
    assert "your password was changed" in notice
    assert "1 other session was signed out" in notice
    assert "1 API token was revoked" in notice
    assert "Browser or app: Firefox on Linux" in notice


@pytest.mark.django_db
def test_resetting_the_password_by_the_mailed_link_ends_every_session(fred, on_commit):
    elsewhere, secret = signed_in(fred, PHONE), token_of(fred)
    stranger_browser = Client()
    stranger_browser.post("/accounts/password/reset/", {"email": fred.email})
    link = link_in(mail.outbox[-1].body, r"/accounts/password/reset/key/\S+/")

    form = stranger_browser.get(link)
    with on_commit():
        response = stranger_browser.post(form["Location"], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 302
    assert not is_signed_in(elsewhere)
    assert api_me(secret) == 401
    assert not UserSession.objects.filter(user=fred).exists()
    [notice] = notices_to(fred.email)
    assert "reset with a link" in notice


@pytest.mark.django_db
def test_a_confirmed_email_change_ends_other_access_and_tells_both_addresses(fred, on_commit):
    here, elsewhere, secret = signed_in(fred), signed_in(fred, PHONE), token_of(fred)
    here.post("/accounts/email/", {"action_add": "", "email": "fred.new@example.com"})
    link = link_in(mail.outbox[-1].body, r"/accounts/confirm-email/\S+/")
    assert is_signed_in(elsewhere) and api_me(secret) == 200  # asking for the change alone ends nothing

    with on_commit():
        here.get(link)

    assert User.objects.get(pk=fred.pk).email == "fred.new@example.com"
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    assert api_me(secret) == 401
    assert "your e-mail address was changed" in notices_to("fred@example.com")[0]
    assert notices_to("fred.new@example.com")


@pytest.mark.django_db
@pytest.mark.skipif(not apps.is_installed("allauth.mfa"), reason="allauth.mfa is not installed")
def test_turning_on_two_factor_sign_in_ends_other_access(fred, on_commit):
    from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY

    here, elsewhere, secret = signed_in(fred), signed_in(fred, PHONE), token_of(fred)
    here.post("/accounts/reauthenticate/", {"password": PASSWORD})  # allauth asks again before adding a factor
    assert here.get("/accounts/2fa/totp/activate/").status_code == 200
    code = totp_code(here.session[SECRET_SESSION_KEY])

    with on_commit():
        response = here.post("/accounts/2fa/totp/activate/", {"code": code})

    assert response.status_code == 302, response.content[:500]
    assert is_signed_in(here)
    assert not is_signed_in(elsewhere)
    assert api_me(secret) == 401
    assert len(notices_to(fred.email)) == 1  # one notice, though recovery codes were made alongside
    assert "second factor" in notices_to(fred.email)[0]


@pytest.mark.django_db
def test_a_password_an_operator_sets_in_the_admin_ends_the_persons_access(fred, operator, on_commit):
    elsewhere, secret = signed_in(fred, PHONE), token_of(fred)
    admin = Client()
    admin.force_login(operator, backend="django.contrib.auth.backends.ModelBackend")  # the cast's operator has 2FA

    with on_commit():
        response = admin.post(
            f"/admin/accounts/user/{fred.pk}/password/",
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
        )

    assert response.status_code == 302, response.content[:500]
    assert not is_signed_in(elsewhere)
    assert api_me(secret) == 401
    assert "an operator set a new password" in notices_to(fred.email)[0]


@pytest.mark.django_db
def test_a_failed_password_change_ends_nothing(fred):
    here, elsewhere, secret = signed_in(fred), signed_in(fred, PHONE), token_of(fred)

    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": "wrong-guess-1234", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200  # the form again, with its error
    assert is_signed_in(elsewhere)
    assert api_me(secret) == 200
    assert notices_to(fred.email) == []


@pytest.mark.django_db
def test_one_persons_change_leaves_everyone_else_signed_in(fred, olga):
    olgas_browser, olgas_secret = signed_in(olga), token_of(olga)

    access.credentials_changed(user=fred, request=None, reason=access.Reason.PASSWORD_CHANGED)

    assert is_signed_in(olgas_browser)
    assert api_me(olgas_secret) == 200


@pytest.mark.django_db
def test_the_service_without_a_request_ends_every_session_and_counts_what_it_ended(fred, client_for):
    browsers = [signed_in(fred), signed_in(fred, PHONE)]
    token_of(fred)

    ended = access.credentials_changed(user=fred, request=None, reason=access.Reason.PASSWORD_CHANGED)

    assert ended == access.AccessEnded(sessions=2, tokens=1)
    assert not any(is_signed_in(browser) for browser in browsers)


# ---- the sessions page -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_security_page_lists_my_sessions_and_tokens_and_marks_this_device(fred, olga):
    here, _phone = signed_in(fred), signed_in(fred, PHONE)
    signed_in(olga)
    token_of(fred)

    html = here.get("/me/security").content.decode()

    assert "Firefox on Linux" in html and "(this device)" in html
    assert "Safari on iPhone" in html
    assert html.count("(this device)") == 1
    assert "127.0.0.1" in html
    assert "Invoicing script" in html
    assert len(re.findall(r"/me/security/sessions/\d+/end", html)) == 2  # Olga's session is not listed


@pytest.mark.django_db
def test_ending_a_session_on_the_page_signs_that_browser_out(fred):
    here, phone = signed_in(fred), signed_in(fred, PHONE)
    phone_session = UserSession.objects.get(user=fred, user_agent=PHONE)

    response = here.post(f"/me/security/sessions/{phone_session.pk}/end")

    assert response.status_code == 302
    assert not is_signed_in(phone)
    assert is_signed_in(here)
    assert "Safari on iPhone" not in here.get("/me/security").content.decode()


@pytest.mark.django_db
def test_signing_out_all_other_sessions_keeps_this_one(fred):
    here, others = signed_in(fred), [signed_in(fred, PHONE), signed_in(fred)]

    here.post("/me/security/sessions/end-others")

    assert is_signed_in(here)
    assert not any(is_signed_in(browser) for browser in others)


@pytest.mark.django_db
def test_ending_this_browsers_own_session_signs_it_out(fred):
    here = signed_in(fred)
    mine = UserSession.objects.get(user=fred)

    response = here.post(f"/me/security/sessions/{mine.pk}/end")

    assert response["Location"].startswith("/accounts/login/")
    assert not is_signed_in(here)
    assert not UserSession.objects.filter(pk=mine.pk).exists()


@pytest.mark.django_db
def test_nobody_can_end_someone_elses_session_on_the_page(fred, olga):
    freds_phone = signed_in(fred, PHONE)
    olgas_browser = signed_in(olga)
    freds_session = UserSession.objects.get(user=fred)

    response = olgas_browser.post(f"/me/security/sessions/{freds_session.pk}/end")

    assert response.status_code == 404
    assert is_signed_in(freds_phone)


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_sign_in(fred):
    signed_in(fred)
    session = UserSession.objects.get(user=fred)

    assert Client().get("/me/security")["Location"].startswith("/accounts/login/")
    assert Client().post(f"/me/security/sessions/{session.pk}/end")["Location"].startswith("/accounts/login/")
    assert UserSession.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db
def test_signing_out_normally_removes_the_session_from_the_list(fred):
    here = signed_in(fred)

    here.post("/accounts/logout/")

    assert not UserSession.objects.filter(user=fred).exists()


@pytest.mark.django_db
def test_a_session_signed_in_without_the_sign_in_page_is_recorded_on_its_first_visit(fred, client_for):
    browser = client_for(fred)
    UserSession.objects.filter(user=fred).delete()  # as if signed in before sessions were recorded
    cache.clear()

    browser.get("/me/profile")
    browser.get("/me/profile")

    assert UserSession.objects.filter(user=fred).count() == 1
    access.credentials_changed(user=fred, request=None, reason=access.Reason.EMAIL_CHANGED)
    assert not is_signed_in(browser)


# ---- tokens on the page ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_revoking_a_token_on_the_security_page_stops_it_working(fred):
    here, secret = signed_in(fred), token_of(fred)
    token = AccessToken.objects.get(user=fred)

    response = here.post(f"/me/security/tokens/{token.pk}/revoke")

    assert response["Location"] == "/me/security"
    assert api_me(secret) == 401


@pytest.mark.django_db
def test_nobody_can_revoke_someone_elses_token(fred, olga):
    secret = token_of(fred)
    token = AccessToken.objects.get(user=fred)

    response = signed_in(olga).post(f"/me/security/tokens/{token.pk}/revoke")

    assert response.status_code == 404
    assert api_me(secret) == 200


# ---- the API -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_lists_my_sessions_with_the_current_one_marked(fred, olga):
    here, _phone = signed_in(fred), signed_in(fred, PHONE)
    signed_in(olga)

    body = here.get("/api/v1/me/sessions").json()

    assert body["next_cursor"] is None
    assert {item["user_agent"] for item in body["items"]} == {FIREFOX, PHONE}
    assert [item["current"] for item in body["items"] if item["user_agent"] == FIREFOX] == [True]
    assert set(body["items"][0]) >= {"id", "current", "ip", "user_agent", "created_at", "last_seen_at"}
    assert body["items"][0]["ip"] == "127.0.0.1"


@pytest.mark.django_db
def test_with_a_token_no_session_is_current(fred):
    signed_in(fred)
    secret = token_of(fred)

    body = Client().get("/api/v1/me/sessions", headers={"authorization": f"Bearer {secret}"}).json()

    assert [item["current"] for item in body["items"]] == [False]


@pytest.mark.django_db
def test_deleting_a_session_over_the_api_signs_it_out(fred):
    phone, secret = signed_in(fred, PHONE), token_of(fred)
    session = UserSession.objects.get(user=fred)

    response = Client().delete(f"/api/v1/me/sessions/{session.pk}", headers={"authorization": f"Bearer {secret}"})

    assert response.status_code == 204
    assert not is_signed_in(phone)


@pytest.mark.django_db
def test_someone_elses_session_is_not_found_over_the_api(fred, olga):
    freds_phone = signed_in(fred, PHONE)
    session = UserSession.objects.get(user=fred)
    olgas_secret = token_of(olga)

    response = Client().delete(f"/api/v1/me/sessions/{session.pk}", headers={"authorization": f"Bearer {olgas_secret}"})
    listed = Client().get("/api/v1/me/sessions", headers={"authorization": f"Bearer {olgas_secret}"}).json()

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert listed["items"] == []
    assert is_signed_in(freds_phone)


@pytest.mark.django_db
@pytest.mark.parametrize("session_id", ["0", "abc", "99999999999999999999999"])
def test_ids_that_name_no_session_are_not_found(fred, session_id):
    secret = token_of(fred)

    response = Client().delete(f"/api/v1/me/sessions/{session_id}", headers={"authorization": f"Bearer {secret}"})

    assert response.status_code == 404


@pytest.mark.django_db
def test_anonymous_callers_get_401_from_the_sessions_api(fred):
    signed_in(fred)
    session = UserSession.objects.get(user=fred)

    assert Client().get("/api/v1/me/sessions").status_code == 401
    assert Client().delete(f"/api/v1/me/sessions/{session.pk}").status_code == 401
    assert UserSession.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db
def test_the_token_list_keeps_its_shape_and_revoked_tokens_leave_it(fred):
    secret = token_of(fred)
    headers = {"authorization": f"Bearer {secret}"}
    other = token_of(fred)

    body = Client().get("/api/v1/auth/tokens", headers=headers).json()
    assert set(body) == {"items", "next_cursor"}
    assert len(body["items"]) == 2
    revoked = next(item["id"] for item in body["items"] if other.startswith(item["prefix"]))

    assert Client().delete(f"/api/v1/auth/tokens/{revoked}", headers=headers).status_code == 204
    assert api_me(other) == 401
    assert len(Client().get("/api/v1/auth/tokens", headers=headers).json()["items"]) == 1


@pytest.mark.django_db
def test_allauths_own_sessions_list_leads_to_the_one_security_page(fred):
    response = signed_in(fred).get("/accounts/sessions/")

    assert response.status_code == 302
    assert response["Location"] == "/me/security"


@pytest.mark.django_db
def test_a_refused_password_in_the_admin_ends_nothing(fred, operator):
    elsewhere, secret = signed_in(fred, PHONE), token_of(fred)
    admin = Client()
    admin.force_login(operator, backend="django.contrib.auth.backends.ModelBackend")

    response = admin.post(
        f"/admin/accounts/user/{fred.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": "something-else-entirely", "usable_password": "true"},
    )

    assert response.status_code == 200  # the form again, with its error
    assert is_signed_in(elsewhere)
    assert api_me(secret) == 200


@pytest.mark.django_db
def test_the_security_page_costs_the_same_with_many_sessions_and_tokens(fred):
    here = signed_in(fred)
    here.get("/me/security")
    with CaptureQueriesContext(connection) as one:
        here.get("/me/security")
    for _ in range(5):
        signed_in(fred, PHONE)
        token_of(fred)

    with CaptureQueriesContext(connection) as many:
        html = here.get("/me/security").content.decode()

    assert len(re.findall(r"/me/security/sessions/\d+/end", html)) == 6
    assert len(re.findall(r"/me/security/tokens/\d+/revoke", html)) == 5
    assert len(many) == len(one) <= 8


@pytest.mark.django_db
def test_a_browser_ending_its_own_session_over_the_api_is_signed_out(fred):
    here = signed_in(fred)
    mine = here.get("/api/v1/me/sessions").json()["items"][0]
    assert mine["current"]

    response = here.delete(f"/api/v1/me/sessions/{mine['id']}")

    assert response.status_code == 204
    assert not is_signed_in(here)
    assert here.get("/api/v1/me").status_code == 401


@pytest.mark.django_db
def test_sessions_from_before_recording_are_recorded_by_the_command_and_then_ended(fred, olga, client_for):
    idle = client_for(fred)  # signed in before the upgrade, and not used since
    UserSession.objects.all().delete()
    cache.clear()
    client_for(olga)
    UserSession.objects.filter(user=olga).delete()
    out = StringIO()

    call_command("sessions_record", stdout=out)

    assert out.getvalue() == "2 sessions recorded.\n"
    assert UserSession.objects.filter(user=fred).count() == 1
    listed = Client().get("/api/v1/me/sessions", headers={"authorization": f"Bearer {token_of(fred)}"}).json()
    assert [item["ip"] for item in listed["items"]] == [None]
    access.credentials_changed(user=fred, request=None, reason=access.Reason.EMAIL_CHANGED)
    assert not is_signed_in(idle)
    call_command("sessions_record", stdout=StringIO())  # a second run records nothing twice
    assert UserSession.objects.filter(user=olga).count() == 1
