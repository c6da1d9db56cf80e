"""Ending a contract: either party may, once escrow holds nothing for it; after that nothing more is paid in."""

import pytest

from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


def test_a_contract_ends_only_when_nothing_is_held(clara, fred, olga, operator, client_for, ledger_ok):
    contract = contract_between(clara, fred, 20_000, 10_000)
    first, _second = contract.milestones.all()
    top_up(clara, 21_000)
    post(client_for(clara), f"/api/v1/milestones/{first.pk}/fund")

    held = post(client_for(fred), f"/api/v1/contracts/{contract.pk}/end")
    assert (held.status_code, held.json()["error"]["code"]) == (409, "escrow_held")
    assert "“Part 1”" in held.json()["error"]["message"]
    assert post(client_for(olga), f"/api/v1/contracts/{contract.pk}/end").status_code == 404
    assert post(client_for(operator), f"/api/v1/contracts/{contract.pk}/end").status_code == 409

    post(client_for(clara), f"/api/v1/milestones/{first.pk}/release")
    ended = post(client_for(fred), f"/api/v1/contracts/{contract.pk}/end", {"note": "All done, thanks!"})
    assert ended.status_code == 200 and ended.json()["status"] == "ended"
    assert ended.json()["events"][-1]["note"] == "All done, thanks!"
    again = post(client_for(clara), f"/api/v1/contracts/{contract.pk}/end")
    assert (again.status_code, again.json()["error"]["code"]) == (409, "contract_ended")
    ledger_ok()


def test_an_ended_contract_takes_no_more_money(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 20_000)
    milestone = contract.milestones.get()
    top_up(clara, 21_000)
    post(client_for(clara), f"/api/v1/contracts/{contract.pk}/end")
    refused = post(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "contract_ended")
    ledger_ok()


def test_the_page_offers_ending_when_nothing_is_held(clara, fred, olga, client_for, ledger_ok):
    contract = contract_between(clara, fred, 20_000)
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "End this contract" in page
    assert client_for(olga).post(f"/contracts/{contract.pk}/end").status_code == 404
    done = client_for(fred).post(f"/contracts/{contract.pk}/end", {"note": "Not needed"}, follow=True)
    assert "The contract has ended." in done.content.decode()
    assert "End this contract" not in done.content.decode()
    ledger_ok()
