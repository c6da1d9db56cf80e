"""A manual check from start to finish: the person sends a document and a selfie, an operator approves or
rejects it with a reason, the person is told and, once verified, can withdraw; rejected, they send again."""

import pytest

from openhour.accounts.identity.models import IdentityCheck, IdentityFile
from openhour.accounts.identity.tests.kit import decide, document, selfie, send_documents
from openhour.messaging.models import Notification
from openhour.messaging.models import Upload as WaitingUpload
from openhour.money.models import Payout
from openhour.money.payouts.methods import payout_method_add
from openhour.money.tests.kit import top_up

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _checks_required(settings):
    settings.IDENTITY_REQUIRED_FOR = ["first_payout"]


@pytest.fixture
def fred_paypal(fred):
    top_up(fred, 50_000)
    return payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})


def withdraw(browser, method, amount=20_000):
    body = {"amount": {"amount": amount, "currency": "GBP"}, "method": str(method.pk)}
    return browser.post("/api/v1/payouts", body, content_type="application/json")


def test_sent_approved_verified_then_the_withdrawal_goes_through(
    fred, operator, fred_paypal, client_for, ledger_ok, mailoutbox, django_capture_on_commit_callbacks
):
    as_fred, as_operator = client_for(fred), client_for(operator)
    assert as_fred.get("/api/v1/me/identity").json()["status"] == "unverified"

    sent = send_documents(as_fred)
    assert sent.status_code == 302 and sent["Location"] == "/me/identity"
    check = IdentityCheck.objects.get(user=fred)
    assert check.status == "pending" and check.provider == "manual"
    assert sorted(check.files.values_list("kind", flat=True)) == ["document", "selfie"]
    stored = check.files.get(kind="document")
    assert stored.name == "passport.pdf" and stored.file.storage.exists(stored.file.name)
    assert "Your documents are being checked." in as_fred.get("/me/identity").content.decode()
    queue = as_operator.get("/operations/identity").content.decode()
    assert "Fred Freelancer" in queue and "passport.pdf" in queue

    with django_capture_on_commit_callbacks(execute=True):
        assert decide(as_operator, check.pk, "approve").status_code == 302
    status = as_fred.get("/api/v1/me/identity").json()
    assert status["status"] == "verified" and status["verified_at"] and status["required"] is False
    assert "Nothing to review." in as_operator.get("/operations/identity").content.decode()  # the queue moved on
    told = Notification.objects.get(user=fred, kind="identity_decided")
    assert told.url == "/me/identity"
    assert [m.subject for m in mailoutbox if m.to == [fred.email]] == ["Your identity is verified"]

    assert withdraw(as_fred, fred_paypal).status_code == 201
    assert Payout.objects.get().amount == 20_000
    ledger_ok()


def test_rejected_with_a_reason_the_person_reads_then_sent_again(fred, operator, client_for):
    as_fred, as_operator = client_for(fred), client_for(operator)
    send_documents(as_fred)
    check = IdentityCheck.objects.get(user=fred)

    refused = decide(as_operator, check.pk, "reject")  # no reason: the form comes back with the error
    assert refused.status_code == 400 and "Give a reason." in refused.content.decode()
    assert IdentityCheck.objects.get(user=fred).status == "pending"

    assert decide(as_operator, check.pk, "reject", "The document is blurred.").status_code == 302
    status = as_fred.get("/api/v1/me/identity").json()
    assert (status["status"], status["reason"]) == ("rejected", "The document is blurred.")
    page = as_fred.get("/me/identity").content.decode()
    assert "The document is blurred." in page and 'name="document"' in page
    assert Notification.objects.filter(user=fred, kind="identity_decided").count() == 1

    again = as_fred.post("/api/v1/me/identity", {"document": document(), "selfie": selfie()})
    assert again.status_code == 201 and again.json()["status"] == "pending" and again.json()["reason"] is None
    assert check.files.filter(delete_after__isnull=True).count() == 2  # the new pair waits for review
    assert check.files.filter(delete_after__isnull=False).count() == 2  # the rejected pair goes in time
    assert decide(as_operator, check.pk, "approve").status_code == 302
    assert IdentityCheck.objects.get(user=fred).status == "verified"
    assert list(check.events.values_list("action", flat=True)) == ["submit", "reject", "submit", "approve"]


def test_the_api_takes_uploads_sent_ahead_by_id(fred, client_for):
    as_fred = client_for(fred)
    ids = [as_fred.post("/api/v1/uploads", {"file": f}).json()["id"] for f in (document(), selfie())]

    answer = as_fred.post(
        "/api/v1/me/identity", {"document": ids[0], "selfie": ids[1]}, content_type="application/json"
    )

    assert answer.status_code == 201 and answer.json()["status"] == "pending"
    assert sorted(IdentityFile.objects.values_list("name", flat=True)) == ["me.jpg", "passport.pdf"]
    assert not WaitingUpload.objects.exists()  # used up


@pytest.mark.parametrize(
    ("files", "field"),
    [
        ({"document": document("passport.exe", b"MZ\x90\x00")}, "document"),
        ({"document": document("passport.pdf", b"not a pdf at all")}, "document"),
        ({"selfie": document("me.zip", b"PK\x03\x04")}, "selfie"),
    ],
)
def test_unusable_files_are_refused_on_their_field_and_nothing_starts(files, field, fred, client_for):
    answer = client_for(fred).post("/api/v1/me/identity", {"document": document(), "selfie": selfie(), **files})

    assert answer.status_code == 400 and field in answer.json()["error"]["fields"]
    page = send_documents(client_for(fred), **files)
    assert page.status_code == 400 and "form-errors" in page.content.decode()
    assert not IdentityFile.objects.exists() and not IdentityCheck.objects.filter(status="pending").exists()


def test_a_missing_file_and_bad_json_are_400s(fred, client_for):
    as_fred = client_for(fred)
    missing = as_fred.post("/api/v1/me/identity", {"document": document()})
    assert missing.status_code == 400 and missing.json()["error"]["fields"] == {"selfie": ["Choose a file."]}
    garbled = as_fred.post("/api/v1/me/identity", "{nope", content_type="application/json")
    assert garbled.status_code == 400 and garbled.json()["error"]["code"] == "invalid"
    unknown = as_fred.post("/api/v1/me/identity", {"document": "1"}, content_type="application/json")
    assert unknown.status_code == 400 and "selfie" in unknown.json()["error"]["fields"]


def test_too_large_files_are_refused(fred, client_for, settings):
    settings.UPLOAD_MAX_BYTES = 50
    answer = client_for(fred).post("/api/v1/me/identity", {"document": document(), "selfie": selfie()})
    assert answer.status_code == 400 and set(answer.json()["error"]["fields"]) == {"document", "selfie"}


def test_a_second_submission_while_pending_or_after_verification_is_a_409(fred, operator, client_for):
    as_fred = client_for(fred)
    send_documents(as_fred)
    again = as_fred.post("/api/v1/me/identity", {"document": document(), "selfie": selfie()})
    assert (again.status_code, again.json()["error"]["code"]) == (409, "identity_pending")

    decide(client_for(operator), IdentityCheck.objects.get().pk, "approve")
    done = as_fred.post("/api/v1/me/identity", {"document": document(), "selfie": selfie()})
    assert (done.status_code, done.json()["error"]["code"]) == (409, "identity_verified")
    assert IdentityFile.objects.count() == 2
