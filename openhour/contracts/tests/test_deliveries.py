"""Deliveries: the freelancer submits work (kept as versions, files private to the two parties), the client
approves or asks for changes within the revision rounds, and silence releases the money after 14 days."""

from datetime import timedelta

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from openhour.contracts.models import Milestone
from openhour.contracts.services.delivery import milestones_fire_due
from openhour.money import ledger
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 a small report"


def funded_milestone(clara, fred, client_for, revisions: int = 2) -> Milestone:
    contract = contract_between(clara, fred, 30_000)
    contract.revisions = revisions
    contract.save()
    milestone = contract.milestones.get()
    top_up(clara, 31_500)
    client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/fund", {}, content_type="application/json")
    return milestone


def submit(client, milestone, message="Here is the design.", files=()):
    return client.post(f"/api/v1/milestones/{milestone.pk}/submit", {"message": message, "attachments": list(files)})


def ask(client, milestone, message="Make the logo bigger."):
    return client.post(
        f"/api/v1/milestones/{milestone.pk}/request-changes", {"message": message}, content_type="application/json"
    )


def test_deliver_ask_for_changes_deliver_again_and_release(clara, fred, client_for, ledger_ok):
    milestone = funded_milestone(clara, fred, client_for)
    first = submit(client_for(fred), milestone, files=[SimpleUploadedFile("report.pdf", PDF)])
    assert first.status_code == 200, first.content
    assert first.json()["status"] == "submitted" and first.json()["release_due_at"]
    assert ask(client_for(clara), milestone).json()["status"] == "changes_requested"
    again = submit(client_for(fred), milestone, "Bigger logo, as asked.").json()
    assert [d["version"] for d in again["deliveries"]] == [1, 2]
    assert again["revisions"] == {"allowed": 2, "used": 1}
    released = client_for(clara).post(f"/api/v1/milestones/{milestone.pk}/release", {}, content_type="application/json")
    assert released.json()["status"] == "released"
    assert ledger.wallet(owner=fred, currency="GBP").balance == 24_000
    ledger_ok()


# (status reached, action, who) -> expected HTTP status; everything not allowed is refused with a code.
TABLE = [
    ("funded", "submit", "fred", 200),
    ("funded", "submit", "clara", 403),
    ("funded", "request", "clara", 409),
    ("submitted", "submit", "fred", 409),
    ("submitted", "request", "clara", 200),
    ("submitted", "request", "fred", 403),
    ("changes_requested", "request", "clara", 409),
    ("changes_requested", "submit", "fred", 200),
]


@pytest.mark.parametrize(("state", "action", "who", "expected"), TABLE)
def test_who_may_take_which_step_from_which_state(state, action, who, expected, clara, fred, client_for, ledger_ok):
    milestone = funded_milestone(clara, fred, client_for)
    if state in ("submitted", "changes_requested"):
        submit(client_for(fred), milestone)
    if state == "changes_requested":
        ask(client_for(clara), milestone)
    person = {"fred": fred, "clara": clara}[who]
    answer = submit(client_for(person), milestone) if action == "submit" else ask(client_for(person), milestone)
    assert answer.status_code == expected, answer.content
    if expected == 409:
        assert answer.json()["error"]["code"] == f"milestone_{state}"
    ledger_ok()


def test_past_the_revision_rounds_more_changes_need_a_change_order(clara, fred, client_for, ledger_ok):
    milestone = funded_milestone(clara, fred, client_for, revisions=1)
    submit(client_for(fred), milestone)
    ask(client_for(clara), milestone)
    submit(client_for(fred), milestone)
    refused = ask(client_for(clara), milestone)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "revisions_used_up")
    milestone.refresh_from_db()
    assert milestone.status == "submitted" and milestone.revisions_used == 1
    ledger_ok()


def test_bad_files_are_refused_and_nothing_is_delivered(clara, fred, client_for, ledger_ok):
    milestone = funded_milestone(clara, fred, client_for)
    for upload in (SimpleUploadedFile("virus.exe", b"MZ..."), SimpleUploadedFile("fake.pdf", b"<html>")):
        refused = submit(client_for(fred), milestone, files=[upload])
        assert refused.status_code == 400 and "attachments" in refused.json()["error"]["fields"]
    assert submit(client_for(fred), milestone, message="").status_code in (400, 422)
    milestone.refresh_from_db()
    assert milestone.status == "funded" and not milestone.deliveries.exists()
    ledger_ok()


def test_delivery_files_are_for_the_two_parties_only(clara, fred, olga, operator, client_for, ledger_ok):
    milestone = funded_milestone(clara, fred, client_for)
    delivered = submit(client_for(fred), milestone, files=[SimpleUploadedFile("report.pdf", PDF)]).json()
    url = delivered["deliveries"][0]["files"][0]["url"]
    for person in (clara, fred, operator):
        download = client_for(person).get(url)
        assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
        assert download["Content-Disposition"].startswith("attachment")
    assert client_for(olga).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    stored = milestone.deliveries.get().files.get().file.name
    assert Client().get(f"/media/{stored}").status_code == 404  # never from the public media URL
    ledger_ok()


def test_an_unanswered_delivery_is_released_after_14_days_with_two_reminders(
    clara, fred, client_for, mailoutbox, django_capture_on_commit_callbacks, ledger_ok
):
    milestone = funded_milestone(clara, fred, client_for)
    submit(client_for(fred), milestone)
    start = timezone.now()
    for day, reminders in ((6, 0), (7, 1), (12, 2)):
        with (
            time_machine.travel(start + timedelta(days=day, minutes=1)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            milestones_fire_due()
        assert len(mailoutbox) == reminders
    assert "released to them on" in mailoutbox[0].body and mailoutbox[0].to == [clara.email]
    with time_machine.travel(start + timedelta(days=13)):
        milestones_fire_due()
    milestone.refresh_from_db()
    assert milestone.status == "submitted"
    with time_machine.travel(start + timedelta(days=14, minutes=1)):
        assert milestones_fire_due() == 1
    milestone.refresh_from_db()
    assert milestone.status == "released" and milestone.events.last().actor == "system"
    assert ledger.wallet(owner=fred, currency="GBP").balance == 24_000
    ledger_ok()


def test_asking_for_changes_stops_the_clock(clara, fred, client_for, ledger_ok):
    milestone = funded_milestone(clara, fred, client_for)
    submit(client_for(fred), milestone)
    ask(client_for(clara), milestone)
    with time_machine.travel(timezone.now() + timedelta(days=30)):
        assert milestones_fire_due() == 0
    milestone.refresh_from_db()
    assert milestone.status == "changes_requested"
    ledger_ok()


def test_the_contract_page_delivers_and_asks_for_changes(clara, fred, olga, client_for, ledger_ok):
    milestone = funded_milestone(clara, fred, client_for)
    page = f"/contracts/{milestone.contract_id}"
    assert "Deliver" in client_for(fred).get(page).content.decode()
    empty = client_for(fred).post(f"/milestones/{milestone.pk}/submit", {"message": ""})
    assert empty.status_code == 400 and "Say what you deliver" in empty.content.decode()
    client_for(fred).post(
        f"/milestones/{milestone.pk}/submit",
        {"message": "Version one", "attachments": [SimpleUploadedFile("notes.txt", b"hello")]},
    )
    shown = client_for(clara).get(page).content.decode()
    assert "Version one" in shown and "notes.txt" in shown and "Ask for changes" in shown
    assert "Revision rounds used: 0 of 2" in shown
    assert client_for(olga).post(f"/milestones/{milestone.pk}/request-changes", {"message": "x"}).status_code == 404
    client_for(clara).post(f"/milestones/{milestone.pk}/request-changes", {"message": "Brighter colours"})
    shown = client_for(fred).get(page).content.decode()
    assert "Changes asked on" in shown and "Brighter colours" in shown and "Deliver again" in shown
    ledger_ok()
