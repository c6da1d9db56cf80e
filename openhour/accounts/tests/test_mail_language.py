"""Mail about an account is written in the account holder's language: a password reset asked for a known account
that chose French is French, whichever browser asked for it.

Our catalogues are filled elsewhere, so a small French one is compiled here with the reset's subject."""

from pathlib import Path

import pytest
from django.test import Client

from openhour.tests.small_catalogue import use_catalogues

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _french(tmp_path: Path, settings) -> None:
    use_catalogues(settings, tmp_path, {"fr": {"Reset your password": "Choisir un nouveau mot de passe"}})


def test_a_reset_asked_from_an_english_browser_for_a_french_account_is_french(clara, olga, mailoutbox):
    clara.language = "fr"
    clara.save(update_fields=["language"])
    browser = Client(HTTP_ACCEPT_LANGUAGE="en")

    for person in (clara, olga):
        assert browser.post("/accounts/password/reset/", {"email": person.email}).status_code == 302

    french, english = mailoutbox
    assert french.to == [clara.email] and french.subject.endswith("Choisir un nouveau mot de passe")
    assert english.to == [olga.email] and english.subject.endswith("Reset your password")
