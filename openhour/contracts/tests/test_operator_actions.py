"""Operators on a contract page: a form of the steps the tables grant them from the current states (end the
contract, withdraw an offer, release or refund a milestone), each with a written reason, through the same
services; and a list of every contract by status. Nobody else sees or uses either."""

import pytest

from openhour.contracts.models import Contract
from openhour.contracts.tests.test_offers_kit import fixed_offer, post
from openhour.money import ledger
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def funded(clara, fred, client_for, *amounts):
    contract = contract_between(clara, fred, *amounts)
    top_up(clara, sum(amounts) * 2)
    for milestone in contract.milestones.all():
        post(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
    return contract


def test_the_operator_form_lists_what_the_tables_grant_from_here(clara, fred, operator, client_for, ledger_ok):
    contract = funded(clara, fred, client_for, 20_000)
    milestone = contract.milestones.get()
    page = client_for(operator).get(f"/contracts/{contract.pk}").content.decode()
    assert "Operator steps" in page
    assert f'value="milestone:{milestone.pk}:release"' in page and f'value="milestone:{milestone.pk}:refund"' in page
    assert "Release “Part 1” (£200) to the freelancer" in page
    assert 'value="contract:end"' not in page  # money is held
    for person in (clara, fred):
        assert "Operator steps" not in client_for(person).get(f"/contracts/{contract.pk}").content.decode()
    ledger_ok()


def test_an_operator_releases_with_a_reason_and_not_without(clara, fred, operator, client_for, ledger_ok):
    contract = funded(clara, fred, client_for, 20_000)
    milestone = contract.milestones.get()
    act = f"/contracts/{contract.pk}/operate"
    refused = client_for(operator).post(act, {"action": f"milestone:{milestone.pk}:release", "note": " "})
    assert refused.status_code == 400 and "Give a reason: every operator step needs one." in refused.content.decode()
    milestone.refresh_from_db()
    assert milestone.status == "funded"
    done = client_for(operator).post(
        act, {"action": f"milestone:{milestone.pk}:release", "note": "Work seen delivered by e-mail."}, follow=True
    )
    assert "The reason is in the contract" in done.content.decode()
    milestone.refresh_from_db()
    event = milestone.events.last()
    assert (milestone.status, event.actor, event.note) == ("released", "operator", "Work seen delivered by e-mail.")
    assert ledger.wallet(owner=fred, currency="GBP").balance == 16_000  # £200 less the 20% fee
    ledger_ok()


def test_an_operator_refunds_then_ends_the_contract(clara, fred, operator, client_for, ledger_ok):
    contract = funded(clara, fred, client_for, 20_000)
    milestone = contract.milestones.get()
    act = f"/contracts/{contract.pk}/operate"
    client_for(operator).post(act, {"action": f"milestone:{milestone.pk}:refund", "note": "Freelancer vanished."})
    assert ledger.wallet(owner=clara, currency="GBP").balance == 40_000
    page = client_for(operator).get(f"/contracts/{contract.pk}").content.decode()
    assert 'value="contract:end"' in page
    client_for(operator).post(act, {"action": "contract:end", "note": "Closed after the refund."})
    contract.refresh_from_db()
    assert (contract.status, contract.outcome) == ("ended", "cancelled")
    assert contract.events.last().note == "Closed after the refund."
    assert "No operator step applies" in client_for(operator).get(f"/contracts/{contract.pk}").content.decode()
    ledger_ok()


def test_an_operator_withdraws_an_offer(clara, fred, operator, client_for):
    offer = fixed_offer(clara, fred)
    act = f"/contracts/{offer.pk}/operate"
    assert client_for(operator).post(act, {"action": "contract:withdraw", "note": ""}).status_code == 400
    # a step the table does not grant from here is not a choice
    assert client_for(operator).post(act, {"action": "contract:end", "note": "Why not"}).status_code == 400
    client_for(operator).post(act, {"action": "contract:withdraw", "note": "Reported as spam."})
    offer.refresh_from_db()
    assert offer.status == "withdrawn" and offer.events.last().actor == "operator"


def test_nobody_but_an_operator_takes_operator_steps(clara, fred, olga, client_for, ledger_ok):
    contract = funded(clara, fred, client_for, 20_000)
    milestone = contract.milestones.get()
    body = {"action": f"milestone:{milestone.pk}:release", "note": "Because."}
    assert client_for(olga).post(f"/contracts/{contract.pk}/operate", body).status_code == 404
    assert client_for(fred).post(f"/contracts/{contract.pk}/operate", body).status_code == 403
    assert client_for(clara).post(f"/contracts/{contract.pk}/operate", body).status_code == 403
    milestone.refresh_from_db()
    assert milestone.status == "funded"
    ledger_ok()


def test_the_operator_api_steps_need_a_reason(clara, fred, operator, client_for, ledger_ok):
    contract = funded(clara, fred, client_for, 20_000)
    milestone = contract.milestones.get()
    bare = post(client_for(operator), f"/api/v1/milestones/{milestone.pk}/refund")
    assert bare.status_code == 400 and bare.json()["error"]["fields"] == {"note": ["Give a reason."]}
    offer = fixed_offer(clara, fred)
    assert post(client_for(operator), f"/api/v1/contracts/{offer.pk}/withdraw").status_code == 400
    assert post(client_for(operator), f"/api/v1/contracts/{offer.pk}/withdraw", {"note": "Spam"}).status_code == 200
    ledger_ok()


def test_operators_list_every_contract_filtered_by_status(clara, fred, olga, operator, client_for):
    active = contract_between(clara, fred, 10_000)
    offer = fixed_offer(clara, olga)
    everyone = client_for(operator).get("/operations/contracts").content.decode()
    assert "2 contracts" in everyone and f"/contracts/{active.pk}" in everyone and f"/contracts/{offer.pk}" in everyone
    offered = client_for(operator).get("/operations/contracts?status=offered").content.decode()
    assert "1 contract" in offered and f'/contracts/{offer.pk}"' in offered
    assert f'/contracts/{active.pk}"' not in offered
    hourly = client_for(operator).get("/operations/contracts?kind=hourly").content.decode()
    assert "0 contracts" in hourly
    assert client_for(clara).get("/operations/contracts").status_code == 403
    assert client_for(olga).get("/operations/contracts").status_code == 403
    assert Contract.objects.count() == 2
