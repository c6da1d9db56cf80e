"""Acceptance criteria: either party writes them while a milestone awaits funding, the other sees them before
the client pays; once funded they are locked (409 `criteria_locked`) and change only by a change order."""

import pytest

from openhour.contracts.change_orders.tests.helpers import JSON, answer, fund, funded_contract, propose
from openhour.contracts.services.contracts import contract_end
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def patch(client, milestone, criteria):
    return client.patch(f"/api/v1/milestones/{milestone.pk}", {"criteria": criteria}, content_type=JSON)


def test_the_freelancer_writes_criteria_and_the_client_sees_them_before_funding(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    saved = patch(client_for(fred), milestone, "  Three page designs, mobile and desktop.  ")
    assert saved.status_code == 200, saved.content
    assert saved.json()["criteria"] == "Three page designs, mobile and desktop."
    page = client_for(clara).get(f"/contracts/{contract.pk}")
    assert "Three page designs, mobile and desktop." in page.content.decode()
    assert "criteria" in [e.action for e in milestone.events.all()]  # kept in the milestone's history
    top_up(clara, 31_500)
    assert fund(client_for(clara), milestone).status_code == 200
    locked = patch(client_for(clara), milestone, "Four designs.")
    assert (locked.status_code, locked.json()["error"]["code"]) == (409, "criteria_locked")
    assert "change order" in locked.json()["error"]["message"]
    milestone.refresh_from_db()
    assert milestone.criteria == "Three page designs, mobile and desktop."
    ledger_ok()


def test_criteria_on_the_page_form_and_locked_after_funding(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    page = client_for(clara).get(f"/contracts/{contract.pk}")
    assert f'action="/milestones/{milestone.pk}/criteria"' in page.content.decode()
    saved = client_for(clara).post(f"/milestones/{milestone.pk}/criteria", {"criteria": "Logo in SVG.\r\nTwo rounds."})
    assert saved.status_code == 302
    milestone.refresh_from_db()
    assert milestone.criteria == "Logo in SVG.\nTwo rounds."
    too_long = client_for(fred).post(f"/milestones/{milestone.pk}/criteria", {"criteria": "x" * 5001})
    assert too_long.status_code == 400 and "under 5,000 characters" in too_long.content.decode()
    top_up(clara, 31_500)
    fund(client_for(clara), milestone)
    page = client_for(fred).get(f"/contracts/{contract.pk}").content.decode()
    assert f'action="/milestones/{milestone.pk}/criteria"' not in page and "Logo in SVG." in page
    locked = client_for(fred).post(f"/milestones/{milestone.pk}/criteria", {"criteria": "Anything."})
    assert locked.status_code == 409 and "change order" in locked.content.decode()
    ledger_ok()


def test_a_change_order_changes_locked_criteria(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000)
    milestone = contract.milestones.get()
    edit = {"action": "edit", "id": str(milestone.pk), "criteria": "Also a dark theme."}
    order = propose(client_for(fred), contract, edit).json()
    assert order["summary"][0]["change"].endswith("new acceptance criteria.")
    assert answer(client_for(clara), order["id"], "accept").status_code == 200
    milestone.refresh_from_db()
    assert milestone.criteria == "Also a dark theme." and milestone.status == "funded"
    ledger_ok()


def test_only_the_two_parties_write_criteria(clara, fred, olga, operator, client_for):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    assert patch(client_for(olga), milestone, "Mine now.").status_code == 404
    assert client_for(olga).post(f"/milestones/{milestone.pk}/criteria", {"criteria": "Mine."}).status_code == 404
    assert patch(client_for(operator), milestone, "Operator text.").status_code == 403
    assert patch(client_for(fred), milestone, "x" * 5001).status_code == 400
    contract_end(contract_id=contract.pk, by=clara)
    ended = patch(client_for(fred), milestone, "Late.")
    assert (ended.status_code, ended.json()["error"]["code"]) == (409, "contract_ended")
    milestone.refresh_from_db()
    assert milestone.criteria == ""
