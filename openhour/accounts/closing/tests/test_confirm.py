"""Only the person closes their own account, and only with their password: a wrong or missing one is a 400 on
`password` (the page shows the form again with the error), anonymous callers get 401 or the sign-in page, and a
request by someone else can only ever close that someone else's account."""

import pytest
from django.test import Client

from conftest import PASSWORD
from openhour.accounts.closing.services.close import account_close
from openhour.accounts.closing.tests.kit import PAGE, close_by_api, error_of
from openhour.accounts.models import User
from openhour.lib.errors import NotAllowed

pytestmark = pytest.mark.django_db


def is_open(person: User) -> bool:
    return User.objects.get(pk=person.pk).closed_at is None


@pytest.mark.parametrize("password", ["wrong-password", "", None])
def test_a_wrong_or_missing_password_is_a_field_error(password, fred, bearer):
    answer = close_by_api(Client(), password, **bearer(fred))

    assert error_of(answer) == (400, "invalid"), answer.content
    assert "password" in answer.json()["error"]["fields"]
    assert is_open(fred)


def test_the_page_shows_the_form_again_with_the_error(fred, client_for):
    browser = client_for(fred)
    page = browser.get(PAGE)
    assert page.status_code == 200 and "What stays, and for how long" in page.content.decode()

    sent = browser.post(PAGE, {"password": "wrong-password"})
    assert sent.status_code == 400
    assert "That password is not correct." in sent.content.decode() and 'name="password"' in sent.content.decode()
    assert is_open(fred) and browser.get("/me/security").status_code == 200


def test_the_page_closes_the_account_and_signs_the_browser_out(fred, client_for):
    browser = client_for(fred)
    sent = browser.post(PAGE, {"password": PASSWORD})

    assert sent.status_code == 200 and "Your account is closed" in sent.content.decode()
    assert not is_open(fred)
    assert browser.get("/me/security").status_code == 302


def test_anonymous_callers_close_nothing(fred, client):
    assert error_of(close_by_api(client)) == (401, "unauthenticated")
    assert client.get(PAGE).status_code == 302 and client.post(PAGE, {"password": PASSWORD}).status_code == 302
    assert is_open(fred)


def test_someone_else_cannot_close_another_account(fred, olga, bearer):
    # The endpoint acts on the caller alone: there is no field to name another account.
    answer = Client().post(
        "/api/v1/me/close",
        {"password": PASSWORD, "username": "fred"},
        content_type="application/json",
        headers=bearer(olga),
    )
    assert answer.status_code == 400
    with pytest.raises(NotAllowed):
        account_close(user=fred, by=olga, password=PASSWORD)
    assert is_open(fred) and is_open(olga)


def test_the_security_page_links_to_closing(fred, client_for):
    assert f'href="{PAGE}"' in client_for(fred).get("/me/security").content.decode()


def test_guessing_the_password_is_stopped(fred, bearer):
    headers = bearer(fred)
    answers = [close_by_api(Client(), f"guess-{n}", **headers).status_code for n in range(6)]

    assert answers[:5] == [400] * 5 and answers[5] == 429
    assert error_of(close_by_api(Client(), PASSWORD, **headers)) == (429, "rate_limited")
    assert is_open(fred)
