"""Outsiders see nothing of a dispute: every page, endpoint and evidence file answers Olga with a 404, as if
it did not exist; the operators' queue is for staff only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openhour.contracts.disputes.models import DisputeEvidence
from openhour.contracts.disputes.tests.kit import funded, open_dispute, state
from openhour.contracts.models import Milestone

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 the brief we agreed"


@pytest.fixture
def dispute_id(clara, fred, client_for) -> int:
    pk = int(open_dispute(client_for(clara), funded(clara, fred)).json()["id"])
    answered = state(client_for(fred), pk, "Here is the brief.", [SimpleUploadedFile("brief.pdf", PDF)])
    assert answered.status_code == 201, answered.content
    return pk


def test_an_outsider_gets_404_from_every_page_and_endpoint(dispute_id, olga, client_for, ledger_ok):
    milestone_id = DisputeEvidence.objects.get().statement.dispute.milestone_id
    evidence = DisputeEvidence.objects.get().pk
    browser = client_for(olga)
    pages = [f"/disputes/{dispute_id}", f"/disputes/evidence/{evidence}", "/operations/disputes"]
    for url in pages:
        assert browser.get(url).status_code == 404, url
    forms = ["statements", "appeal", "withdraw", "decide"]
    for name in forms:
        assert browser.post(f"/disputes/{dispute_id}/{name}", {"text": "x", "reason": "x"}).status_code == 404, name
    assert browser.post(f"/milestones/{milestone_id}/dispute", {f"d{milestone_id}-reason": "x"}).status_code == 404
    api = f"/api/v1/disputes/{dispute_id}"
    assert browser.get(api).status_code == 404
    assert browser.get("/api/v1/disputes").json()["items"] == []
    assert browser.post(f"{api}/statements", {"text": "Let me in."}).status_code == 404
    for name, body in (("decide", {"release": 0, "decision": "x"}), ("appeal", {"reason": "x"}), ("withdraw", {})):
        assert browser.post(f"{api}/{name}", body, content_type="application/json").status_code == 404, name
    opened = browser.post(
        f"/api/v1/milestones/{milestone_id}/dispute", {"reason": "x"}, content_type="application/json"
    )
    assert opened.status_code == 404
    assert "Here is the brief" not in browser.get("/api/v1/disputes").content.decode()
    ledger_ok()


def test_signed_out_visitors_are_sent_to_sign_in_or_told_401(dispute_id, ledger_ok):
    anonymous = Client()
    assert anonymous.get(f"/disputes/{dispute_id}").status_code == 302
    assert anonymous.get("/operations/disputes").status_code == 302
    assert anonymous.get(f"/api/v1/disputes/{dispute_id}").status_code == 401
    ledger_ok()


def test_evidence_is_private_to_the_parties_and_operators(dispute_id, clara, fred, operator, olga, client_for):
    evidence = DisputeEvidence.objects.get()
    url = f"/disputes/evidence/{evidence.pk}"
    listed = client_for(clara).get(f"/api/v1/disputes/{dispute_id}").json()["statements"][1]["evidence"][0]
    assert listed["url"] == url and listed["name"] == "brief.pdf"
    for person in (clara, fred, operator):
        download = client_for(person).get(url)
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
        assert download["Content-Disposition"].startswith("attachment")
    assert client_for(olga).get(url).status_code == 404
    assert "brief" not in evidence.file.name  # kept under a random name in private storage
    assert Client().get(f"/media/{evidence.file.name}").status_code == 404  # never from the public media URL


def test_the_queue_is_for_operators_only(dispute_id, clara, fred, operator, client_for):
    for person in (clara, fred):
        assert client_for(person).get("/operations/disputes").status_code == 404
    assert client_for(operator).get("/operations/disputes").status_code == 200


def test_the_other_party_and_operators_may_not_open_disputes_they_are_not_party_to(
    clara, fred, operator, client_for, ledger_ok
):
    milestone = funded(clara, fred)
    refused = open_dispute(client_for(operator), milestone)
    assert refused.status_code == 403  # operators see the contract but are not a side in it
    awaiting = Milestone.of(funded(clara, fred).contract, title="Later", amount=100, due_in_days=3)
    awaiting.save()
    early = open_dispute(client_for(clara), awaiting)
    assert (early.status_code, early.json()["error"]["code"]) == (409, "milestone_awaiting_funding")
    ledger_ok()


def test_my_disputes_lists_only_the_disputes_on_my_contracts(dispute_id, clara, fred, olga, operator, client_for):
    for person in (clara, fred):
        [item] = client_for(person).get("/api/v1/disputes").json()["items"]
        assert item["id"] == str(dispute_id) and item["role"] == ("client" if person == clara else "freelancer")
    assert client_for(operator).get("/api/v1/disputes").json()["items"] == []  # not a party to it
    assert client_for(operator).get(f"/api/v1/disputes/{dispute_id}").json()["role"] == "operator"


def test_operators_read_disputes_in_the_admin_without_changing_them(dispute_id, operator, client_for):
    admin = client_for(operator)
    assert admin.get("/admin/disputes/dispute/").status_code == 200
    page = admin.get(f"/admin/disputes/dispute/{dispute_id}/change/")
    assert page.status_code == 200 and "Here is the brief." in page.content.decode()
    assert admin.get("/admin/disputes/dispute/add/").status_code == 403
