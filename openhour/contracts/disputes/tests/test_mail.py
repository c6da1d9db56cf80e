"""Both sides hear of an appeal and of the money moving when a dispute is settled, by e-mail with a link."""

import pytest

from conftest import make_user
from openhour.contracts.disputes.tests.kit import appeal, decide, funded, open_dispute

pytestmark = pytest.mark.django_db


def test_an_appeal_and_the_final_settlement_are_mailed_to_both_sides(
    clara, fred, operator, client_for, mailoutbox, django_capture_on_commit_callbacks, ledger_ok
):
    second = make_user("otto", name="Otto Operator", is_staff=True)
    dispute = open_dispute(client_for(clara), funded(clara, fred)).json()
    decide(client_for(operator), dispute["id"], 10_000)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert appeal(client_for(fred), dispute["id"]).status_code == 200
    assert sorted((m.subject, m.to) for m in mailoutbox) == [
        ("The decision on “Part 1” is appealed", ["clara@example.com"]),
        ("The decision on “Part 1” is appealed", ["fred@example.com"]),
    ]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client_for(second), dispute["id"], 20_000, "Most of it was delivered.").status_code == 200
    settled = next(m for m in mailoutbox if m.subject == "The dispute on “Part 1” is settled")
    assert "£200 is released to Fred Freelancer" in settled.body and "£100 goes back to Clara Client" in settled.body
    assert f"/disputes/{dispute['id']}" in settled.body
    ledger_ok()
