"""Who may not see or do what: olga sees neither fred's status nor his files, the queue and the documents are
404 for everyone but operators (and each opening by an operator is logged), anonymous people sign in first."""

import pytest
from django.test import Client

from openhour.accounts.identity.models import IdentityCheck, IdentityFile
from openhour.accounts.identity.tests.kit import decide, send_documents
from openhour.accounts.privacy.models import PersonalDataAccess

pytestmark = pytest.mark.django_db


@pytest.fixture
def freds_check(fred, client_for):
    send_documents(client_for(fred))
    return IdentityCheck.objects.get(user=fred)


def test_olga_sees_only_her_own_status(freds_check, olga, client_for):
    mine = client_for(olga).get("/api/v1/me/identity").json()
    assert mine["status"] == "unverified" and mine["reason"] is None
    assert "Fred" not in client_for(olga).get("/me/identity").content.decode()


@pytest.mark.parametrize("who", ["olga", "fred", "clara"])
def test_only_operators_reach_the_queue_the_decisions_and_the_documents(who, freds_check, request, client_for):
    browser = client_for(request.getfixturevalue(who))
    document = IdentityFile.objects.filter(identity_check=freds_check).first()

    assert browser.get("/operations/identity").status_code == 404
    assert browser.get(f"/operations/identity/files/{document.pk}").status_code == 404
    assert decide(browser, freds_check.pk, "approve").status_code == 404
    assert IdentityCheck.objects.get(pk=freds_check.pk).status == "pending"
    assert not PersonalDataAccess.objects.exists()


def test_anonymous_people_are_sent_to_sign_in_or_get_401(freds_check, client):
    document = IdentityFile.objects.filter(identity_check=freds_check).first()
    for path in ("/me/identity", "/operations/identity", f"/operations/identity/files/{document.pk}"):
        answer = client.get(path)
        assert answer.status_code == 302 and "/accounts/login/" in answer["Location"], path
    assert client.get("/api/v1/me/identity").status_code == 401
    assert client.post("/api/v1/me/identity").status_code == 401


def test_an_operator_opens_a_document_privately_and_the_opening_is_logged(freds_check, fred, operator, client_for):
    document = IdentityFile.objects.get(identity_check=freds_check, kind="document")

    answer = client_for(operator).get(f"/operations/identity/files/{document.pk}")

    assert answer.status_code == 200 and b"".join(answer.streaming_content).startswith(b"%PDF")
    assert answer["Content-Type"] == "application/octet-stream" and "passport.pdf" in answer["Content-Disposition"]
    assert answer["Cache-Control"] == "private, no-store"
    logged = PersonalDataAccess.objects.get()
    assert (logged.by, logged.subject, logged.what) == (operator, fred, "identity_document_viewed")
    assert client_for(operator).get("/operations/identity/files/999999").status_code == 404
    assert client_for(operator).get("/operations/identity/files/nope").status_code == 404


def test_documents_are_not_under_public_media(freds_check, settings):
    for found in IdentityFile.objects.all():
        assert not found.file.path.startswith(str(settings.MEDIA_ROOT))
        assert found.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_operators_cannot_decide_twice_or_twist_the_action(freds_check, operator, client_for):
    as_operator = client_for(operator)
    assert decide(as_operator, freds_check.pk, "erase").status_code == 400  # not a choice of the form
    assert decide(as_operator, freds_check.pk, "approve").status_code == 302
    again = decide(as_operator, freds_check.pk, "reject", "Changed my mind")  # a stale page, decided already
    assert again.status_code == 302 and again["Location"] == "/operations/identity"
    assert IdentityCheck.objects.get(pk=freds_check.pk).status == "verified"


def test_the_webhook_is_refused_when_no_secret_is_set(db, settings):
    settings.STRIPE_IDENTITY_WEBHOOK_SECRET = ""
    answer = Client().post("/webhooks/stripe/identity", b"{}", content_type="application/json")
    assert (answer.status_code, answer.json()["error"]["code"]) == (400, "bad_signature")
