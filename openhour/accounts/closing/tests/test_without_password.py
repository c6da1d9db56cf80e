"""An account without a usable password confirms the closing on the page with a second-factor code; the API,
which only takes a password, answers 400 saying what to do."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from conftest import OPERATOR_TOTP_SECRET, totp_code
from openhour.accounts.closing.tests.kit import PAGE, close_by_api, error_of
from openhour.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def passwordless(fred):
    fred.set_unusable_password()
    fred.save(update_fields=["password"])
    TOTP.activate(fred, OPERATOR_TOTP_SECRET)
    return fred


def test_the_api_explains_what_to_do(passwordless, bearer):
    answer = close_by_api(Client(), "", **bearer(passwordless))

    assert error_of(answer) == (400, "invalid")
    assert "no password" in answer.json()["error"]["message"]
    assert User.objects.get(pk=passwordless.pk).closed_at is None


def test_the_page_takes_a_second_factor_code(passwordless, client_for):
    browser = client_for(passwordless)
    page = browser.get(PAGE).content.decode()
    assert 'name="code"' in page and 'name="password"' not in page

    wrong = browser.post(PAGE, {"code": "000000"})
    assert wrong.status_code == 400 and "That code is not correct." in wrong.content.decode()
    assert User.objects.get(pk=passwordless.pk).closed_at is None

    right = browser.post(PAGE, {"code": totp_code(OPERATOR_TOTP_SECRET)})
    assert right.status_code == 200 and "Your account is closed" in right.content.decode()
    assert User.objects.get(pk=passwordless.pk).closed_at is not None
