"""Disputes on the pages: a party opens one from the contract page, both sides make their case on the
dispute page, an operator decides there with a written decision both parties read, and appeals go to the
operators' queue. Refused forms come back with their errors and status 400."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhour.contracts.disputes.models import Dispute
from openhour.contracts.disputes.tests.kit import decide, funded, open_dispute, state
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def test_a_party_opens_a_dispute_from_the_contract_page(clara, fred, operator, client_for, ledger_ok):
    milestone = funded(clara, fred, delivered=True)
    page = f"/contracts/{milestone.contract_id}"
    assert "Dispute “Part 1”" in client_for(fred).get(page).content.decode()
    assert "Dispute “Part 1”" not in client_for(operator).get(page).content.decode()
    empty = client_for(clara).post(f"/milestones/{milestone.pk}/dispute", {f"d{milestone.pk}-reason": " "})
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    opened = client_for(clara).post(
        f"/milestones/{milestone.pk}/dispute", {f"d{milestone.pk}-reason": "Half the pages are missing."}
    )
    dispute = Dispute.objects.get()
    assert opened.status_code == 302 and opened["Location"] == f"/disputes/{dispute.pk}"
    again = client_for(fred).post(f"/milestones/{milestone.pk}/dispute", {f"d{milestone.pk}-reason": "Me too."})
    assert again.status_code == 400 and "is not possible now" in again.content.decode()
    shown = client_for(fred).get(page).content.decode()
    assert f'href="/disputes/{dispute.pk}"' in shown and "Dispute on “Part 1”" in shown
    assert "Open a dispute on" not in shown  # disputed already
    ledger_ok()


def test_both_sides_state_their_case_and_read_the_decision(clara, fred, operator, client_for, ledger_ok):
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(clara), milestone, "Nothing was delivered.").json()["id"])
    url = f"/disputes/{pk}"
    mine = client_for(fred).get(url).content.decode()
    assert "Nothing was delivered." in mine and "Add my statement" in mine and "Record the decision" not in mine
    empty = client_for(fred).post(f"{url}/statements", {"text": ""})
    assert empty.status_code == 400 and "field-errors" in empty.content.decode()
    virus = [SimpleUploadedFile("x.exe", b"MZ")]
    bad = client_for(fred).post(f"{url}/statements", {"text": "See file", "attachments": virus})
    assert bad.status_code == 400 and "x.exe" in bad.content.decode()
    files = [SimpleUploadedFile("chat.txt", b"We agreed on five pages.")]
    said = client_for(fred).post(f"{url}/statements", {"text": "I sent it by e-mail.", "attachments": files})
    assert said.status_code == 302
    assert "chat.txt" in client_for(clara).get(url).content.decode()

    desk = client_for(operator).get(url).content.decode()
    assert "Record the decision" in desk and "Add an operator's note" in desk
    too_much = client_for(operator).post(f"{url}/decide", {"release": "300.01", "decision": "All of it."})
    assert too_much.status_code == 400 and "Release between nothing and the £300 held" in too_much.content.decode()
    done = client_for(operator).post(f"{url}/decide", {"release": "120", "decision": "Two of five pages arrived."})
    assert done.status_code == 302
    for person in (clara, fred):
        seen = client_for(person).get(url).content.decode()
        assert "Two of five pages arrived." in seen and "£120" in seen and "£180" in seen
        assert "Appeal the decision" in seen  # each side lost part of it
    appealed = client_for(clara).post(f"{url}/appeal", {"reason": "Only one page arrived."})
    assert appealed.status_code == 302
    assert "Appeal the decision" not in client_for(fred).get(url).content.decode()
    assert "Record the decision" not in client_for(operator).get(url).content.decode()  # not the same operator
    ledger_ok()


def two_appealed(clara, fred, operator, client_for) -> None:
    """Two disputes waiting for an appeal decision: on "Part 1", then on "Second part"."""
    first, second = funded(clara, fred), funded(clara, fred)
    second.title = "Second part"
    second.save()
    for milestone in (first, second):
        pk = int(open_dispute(client_for(clara), milestone).json()["id"])
        decide(client_for(operator), pk, 10_000)
        client_for(fred).post(f"/api/v1/disputes/{pk}/appeal", {"reason": "Wrong."}, content_type="application/json")


def test_the_queue_lists_disputes_waiting_for_a_decision_oldest_first(clara, fred, operator, client_for, ledger_ok):
    two_appealed(clara, fred, operator, client_for)
    queue = client_for(operator).get("/operations/disputes").content.decode()
    assert queue.index("Part 1") < queue.index("Second part") and "An appeal decision" in queue
    ledger_ok()


def test_a_long_queue_is_paged_oldest_first(clara, fred, operator, client_for, monkeypatch, ledger_ok):
    from openhour.contracts.disputes import views

    monkeypatch.setattr(views, "QUEUE_PAGE", 1)
    two_appealed(clara, fred, operator, client_for)
    one = client_for(operator).get("/operations/disputes").content.decode()
    two = client_for(operator).get("/operations/disputes?page=2").content.decode()
    assert "Part 1" in one and "Second part" not in one and "Page 1 of 2" in one
    assert "Second part" in two and "Part 1" not in two
    ledger_ok()


def test_withdrawing_from_the_page(clara, fred, client_for, ledger_ok):
    milestone = funded(clara, fred)
    pk = int(open_dispute(client_for(fred), milestone).json()["id"])
    assert "Withdraw the dispute" not in client_for(clara).get(f"/disputes/{pk}").content.decode()
    refused = client_for(clara).post(f"/disputes/{pk}/withdraw")
    assert refused.status_code == 400 and "Only the person who opened the dispute" in refused.content.decode()
    assert client_for(fred).post(f"/disputes/{pk}/withdraw").status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "funded"
    assert "withdrawn" in client_for(clara).get(f"/contracts/{milestone.contract_id}").content.decode()
    ledger_ok()


def test_the_contract_page_query_count_does_not_grow_with_disputes(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 10_000, 10_000, 10_000)
    top_up(clara, 31_500)
    milestones = list(contract.milestones.all())
    for milestone in milestones:
        client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/fund", {}, content_type="application/json")
    browser = client_for(clara)
    open_dispute(client_for(fred), milestones[0])
    with CaptureQueriesContext(connection) as one:
        browser.get(f"/contracts/{contract.pk}")
    for milestone in milestones[1:]:
        open_dispute(client_for(fred), milestone)
        state(client_for(clara), Dispute.objects.get(milestone=milestone))
    with CaptureQueriesContext(connection) as three:
        browser.get(f"/contracts/{contract.pk}")
    assert len(three) == len(one)
    ledger_ok()
