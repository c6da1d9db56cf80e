"""Closing erases what reaches or names the person beyond the profile: webhooks and search alerts stop, the
second factor, payout methods never used, files sent ahead, notifications and every signed-in session go."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import OPERATOR_TOTP_SECRET, PASSWORD
from openhour.accounts.closing.tests.kit import close_by_api
from openhour.messaging.models import Upload
from openhour.messaging.uploads.services import upload_create
from openhour.money.models import PayoutMethod
from openhour.money.payouts.methods import payout_method_add
from openhour.search.saved.models import SavedSearch
from openhour.search.saved.services import saved_search_create
from openhour.webhooks.models import Endpoint

pytestmark = pytest.mark.django_db


def test_what_reaches_the_person_goes(fred, clara, bearer, django_capture_on_commit_callbacks):
    browser = Client()
    assert browser.post("/accounts/login/", {"login": "fred@example.com", "password": PASSWORD}).status_code == 302
    assert browser.get("/me/security").status_code == 200 and UserSession.objects.filter(user=fred).exists()
    Endpoint.objects.create(owner=fred, url="https://hooks.example.com/fred", events=["milestone.released"], secret="s")
    saved_search_create(owner=fred, kind="projects", query={"q": "django"}, alert="instant")
    payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})
    upload = upload_create(by=fred, file=SimpleUploadedFile("brief.txt", b"The brief.", content_type="text/plain"))
    stored = upload.file.storage, upload.file.name
    TOTP.activate(fred, OPERATOR_TOTP_SECRET)
    saved_search_create(owner=clara, kind="projects", query={"q": "shop"})

    with django_capture_on_commit_callbacks(execute=True):  # files go once the closing commits
        answer = close_by_api(Client(), **bearer(fred))

    assert answer.status_code == 204, answer.content
    assert not Endpoint.objects.filter(owner=fred).exists()
    assert not SavedSearch.objects.filter(owner=fred).exists() and SavedSearch.objects.filter(owner=clara).exists()
    assert not PayoutMethod.objects.filter(owner=fred).exists()  # never paid to: nothing to keep
    assert not Upload.objects.filter(owner=fred).exists() and not stored[0].exists(stored[1])
    assert not Authenticator.objects.filter(user=fred).exists()
    assert not UserSession.objects.filter(user=fred).exists()
    assert browser.get("/me/security").status_code == 302  # that browser is signed out
