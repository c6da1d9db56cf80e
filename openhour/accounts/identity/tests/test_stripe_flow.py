"""Stripe Identity: POST /me/identity opens a verification session at (a local stand-in for) Stripe and answers
its URL; Stripe's signed webhook settles the check. A forged signature changes nothing."""

import pytest
from django.test import Client

from openhour.accounts.identity.models import IdentityCheck
from openhour.accounts.identity.tests.fake_stripe_identity import REQUIRES_INPUT, VERIFIED, configured, event, sign
from openhour.messaging.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def stripe(settings):
    with configured(settings) as fake:
        yield fake


def deliver(body: bytes, signed_with: str = "whsec_identity"):
    headers = {"Stripe-Signature": sign(body, signed_with)}
    return Client().post("/webhooks/stripe/identity", body, content_type="application/json", headers=headers)


def test_start_then_stripe_says_verified(stripe, fred, client_for):
    as_fred = client_for(fred)
    started = as_fred.post("/api/v1/me/identity")

    assert started.status_code == 201
    body = started.json()
    assert body["status"] == "pending" and body["provider"] == "stripe"
    session_id = IdentityCheck.objects.get(user=fred).provider_ref
    assert body["url"] == stripe.sessions[session_id]["url"]
    assert stripe.sessions[session_id]["metadata"] == {"user_id": str(fred.pk)}
    assert stripe.sessions[session_id]["options"] == {"document": {"require_matching_selfie": "true"}}
    again = as_fred.post("/api/v1/me/identity")  # came back before finishing: the same session, not a second
    assert again.json()["url"] == body["url"] and stripe.created == 1

    answer = deliver(event(VERIFIED, stripe.verify(session_id)))
    assert answer.status_code == 200 and answer.json()["handled"] is True
    status = as_fred.get("/api/v1/me/identity").json()
    assert status["status"] == "verified" and status["url"] is None
    assert Notification.objects.filter(user=fred, kind="identity_decided").count() == 1
    replay = deliver(event(VERIFIED, stripe.sessions[session_id]))
    assert replay.status_code == 200 and replay.json()["handled"] is False


def test_the_page_sends_the_person_to_stripe(stripe, fred, client_for):
    answer = client_for(fred).post("/me/identity")
    assert answer.status_code == 302 and answer["Location"].startswith(stripe.url + "/verify/vs_")
    page = client_for(fred).get("/me/identity").content.decode()
    assert "Continue the check" in page


def test_requires_input_rejects_with_stripes_reason_and_a_new_session_can_start(stripe, fred, client_for):
    as_fred = client_for(fred)
    as_fred.post("/api/v1/me/identity")
    first = IdentityCheck.objects.get(user=fred).provider_ref

    deliver(event(REQUIRES_INPUT, stripe.refuse(first, "The document has expired.")))
    status = as_fred.get("/api/v1/me/identity").json()
    assert (status["status"], status["reason"]) == ("rejected", "The document has expired.")

    retry = as_fred.post("/api/v1/me/identity").json()
    assert retry["status"] == "pending" and stripe.created == 2
    assert IdentityCheck.objects.get(user=fred).provider_ref != first


def test_a_forged_signature_changes_nothing(stripe, fred, client_for):
    client_for(fred).post("/api/v1/me/identity")
    session_id = IdentityCheck.objects.get(user=fred).provider_ref
    body = event(VERIFIED, stripe.verify(session_id))

    forged = deliver(body, signed_with="whsec_guessed")
    unsigned = Client().post("/webhooks/stripe/identity", body, content_type="application/json")

    assert (forged.status_code, forged.json()["error"]["code"]) == (400, "bad_signature")
    assert unsigned.status_code == 400
    assert IdentityCheck.objects.get(user=fred).status == "pending"


def test_a_session_that_is_not_ours_is_acknowledged_and_ignored(stripe, db):
    stranger = {"id": "vs_unknown", "object": "identity.verification_session", "status": "verified"}
    answer = deliver(event(VERIFIED, stranger))
    assert answer.status_code == 200 and answer.json()["handled"] is False


def test_stripe_down_is_a_502_and_nothing_starts(stripe, fred, client_for):
    stripe.failures.extend([500, 500, 500])
    answer = client_for(fred).post("/api/v1/me/identity")
    assert (answer.status_code, answer.json()["error"]["code"]) == (502, "identity_provider_unavailable")
    assert not IdentityCheck.objects.filter(status="pending").exists()
