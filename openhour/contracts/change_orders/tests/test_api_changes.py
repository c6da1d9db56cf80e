"""Each kind of change over the API: add, remove (unfunded, or funded and refunded once accepted), edit,
more revision rounds and a common deadline; applied only when the other party accepts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.change_orders.selectors import actions_for
from openhour.contracts.change_orders.tests.helpers import ADD, JSON, answer, fund, funded_contract, propose
from openhour.contracts.services.contracts import contract_end
from openhour.money import ledger
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def wallet(user):
    return ledger.wallet(owner=user, currency="GBP").balance


def test_an_added_milestone_waits_for_the_client_to_fund_it(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    day = timezone.localdate() + timedelta(days=10)
    due = day.isoformat()
    created = propose(client_for(fred), contract, ADD | {"due_on": due, "criteria": "Responsive."})
    assert created.status_code == 201, created.content
    assert created.json()["summary"][0] == {
        "change": f"Add “Extra page”: £200, due {day.day} {day:%b %Y}.",
        "money": "Adds £200 to fund, plus the client service fee.",
    }
    assert created.json()["total"] == "The contract's total goes from £300 to £500."
    assert not contract.milestones.filter(title="Extra page").exists()  # nothing changes before the answer
    accepted = answer(client_for(clara), created.json()["id"], "accept", "Fine by me.")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    added = contract.milestones.get(title="Extra page")
    assert (added.status, added.amount, added.due_on.isoformat(), added.criteria) == (
        "awaiting_funding",
        20_000,
        due,
        "Responsive.",
    )
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert f'action="/milestones/{added.pk}/fund"' in page
    top_up(clara, 21_000)
    assert fund(client_for(clara), added).json()["status"] == "funded"
    ledger_ok()


def test_removing_an_unfunded_milestone(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000, 10_000)
    second = contract.milestones.get(title="Part 2")
    order = propose(client_for(clara), contract, {"action": "remove", "id": str(second.pk)}).json()
    assert order["summary"][0]["money"] == "£100 less to fund."
    answer(client_for(fred), order["id"], "accept")
    second.refresh_from_db()
    assert second.status == "removed" and second.events.last().actor == "system"
    assert fund(client_for(clara), second).json()["error"]["code"] == "milestone_removed"
    ledger_ok()


def test_a_funded_milestone_is_refunded_only_once_the_other_party_accepts(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000)
    milestone = contract.milestones.get()
    assert wallet(clara) == 0
    order = propose(client_for(clara), contract, {"action": "remove", "id": str(milestone.pk)}).json()
    assert order["summary"][0]["money"] == (
        "Refunds £300 held in escrow to the client, with the £15 service fee paid on it."
    )
    milestone.refresh_from_db()
    assert milestone.status == "funded" and wallet(clara) == 0  # a proposal alone moves no money
    answer(client_for(fred), order["id"], "reject", "Work has started.")
    assert wallet(clara) == 0
    again = propose(client_for(clara), contract, {"action": "remove", "id": str(milestone.pk)}).json()
    answer(client_for(fred), again["id"], "accept")
    milestone.refresh_from_db()
    assert milestone.status == "refunded" and milestone.refunded == 30_000
    assert wallet(clara) == 31_500 and wallet(fred) == 0
    ledger_ok()


def test_editing_title_amount_criteria_and_due_date(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000, 10_000)
    first, second = contract.milestones.order_by("pk")
    due = (timezone.localdate() + timedelta(days=3)).isoformat()
    refused = propose(client_for(fred), contract, {"action": "edit", "id": str(first.pk), "amount": 40_000})
    assert refused.status_code == 400
    assert "remove the milestone and add a new one" in refused.json()["error"]["fields"]["milestones.0.amount"][0]
    order = propose(
        client_for(fred),
        contract,
        {"action": "edit", "id": str(first.pk), "title": "Home page", "due_on": due},
        {"action": "edit", "id": str(second.pk), "amount": 15_000, "criteria": "Tested on phones."},
    ).json()
    assert [line["money"] for line in order["summary"]] == ["", "£50 more to fund."]
    answer(client_for(clara), order["id"], "accept")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.title, first.due_on.isoformat(), first.status) == ("Home page", due, "funded")
    assert (second.amount, second.criteria) == (15_000, "Tested on phones.")
    ledger_ok()


def test_past_the_revision_rounds_a_change_order_adds_one(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000)
    contract.revisions = 1
    contract.save(update_fields=["revisions"])
    milestone = contract.milestones.get()

    def submit() -> None:
        client_for(fred).post(f"/api/v1/milestones/{milestone.pk}/submit", {"message": "Done."})

    def ask():
        url = f"/api/v1/milestones/{milestone.pk}/request-changes"
        return client_for(clara).post(url, {"message": "Bigger logo."}, content_type=JSON)

    submit()
    assert ask().status_code == 200
    submit()
    refused = ask()
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "revisions_used_up")
    order = propose(client_for(clara), contract, {"action": "revisions", "id": str(milestone.pk), "revisions": 1})
    assert order.json()["summary"][0]["change"] == "Add 1 revision round to “Part 1”."
    answer(client_for(fred), order.json()["id"], "accept")
    asked = ask()
    assert asked.status_code == 200 and asked.json()["revisions"] == {"allowed": 2, "used": 2}
    ledger_ok()


def test_a_deadline_brings_every_unfinished_milestone_forward(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000, 10_000)
    first, second = contract.milestones.order_by("pk")
    soon = timezone.localdate() + timedelta(days=2)
    second.due_on = soon - timedelta(days=1)
    second.save(update_fields=["due_on"])
    order = propose(client_for(fred), contract, deadline=soon.isoformat()).json()
    answer(client_for(clara), order["id"], "accept")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.due_on == soon and second.due_on == soon - timedelta(days=1)  # never later than it was
    ledger_ok()


BAD = [
    (ADD | {"amount": -500}, "milestones.0.amount"),
    (ADD | {"amount": 0}, "milestones.0.amount"),
    (ADD | {"amount": 10**12}, "milestones.0.amount"),
    (ADD | {"amount": 12.5}, "milestones.0.amount"),
    (ADD | {"title": "  "}, "milestones.0.title"),
    (ADD | {"due_on": "2001-01-01"}, "milestones.0.due_on"),
    ({"action": "edit", "id": "999999", "title": "Ghost"}, "milestones.0.id"),
    ({"action": "edit", "id": "MID"}, "milestones.0.title"),
    ({"action": "revisions", "id": "MID", "revisions": 0}, "milestones.0.revisions"),
    ({"action": "teleport"}, "milestones.0.action"),
]


@pytest.mark.parametrize(("change", "field"), BAD)
def test_bad_changes_are_field_errors_and_nothing_is_proposed(change, field, clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    if change.get("id") == "MID":
        change = change | {"id": str(contract.milestones.get().pk)}
    refused = propose(client_for(clara), contract, ADD, change)
    assert refused.status_code == 400, refused.content
    fields = refused.json()["error"]["fields"]
    assert field.replace(".0.", ".1.") in fields, fields
    assert not ChangeOrder.objects.exists()


def test_empty_or_repeated_changes_and_past_deadlines_are_refused(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    mid = str(contract.milestones.get().pk)
    assert "milestones" in propose(client_for(clara), contract).json()["error"]["fields"]
    remove, edit = {"action": "remove", "id": mid}, {"action": "edit", "id": mid, "title": "X"}
    twice = propose(client_for(clara), contract, remove, edit)
    assert "milestones.1.id" in twice.json()["error"]["fields"]
    late = propose(client_for(clara), contract, deadline="2001-01-01")
    assert "deadline" in late.json()["error"]["fields"]
    assert not ChangeOrder.objects.exists()


def test_one_open_change_order_at_a_time(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    first = propose(client_for(clara), contract, ADD).json()
    second = propose(client_for(fred), contract, ADD)
    assert (second.status_code, second.json()["error"]["code"]) == (409, "change_order_open")
    answer(client_for(clara), first["id"], "withdraw")
    assert propose(client_for(fred), contract, ADD).status_code == 201


def test_a_change_overtaken_by_events_cannot_be_accepted(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    order = propose(client_for(fred), contract, {"action": "edit", "id": str(milestone.pk), "amount": 35_000}).json()
    top_up(clara, 31_500)
    fund(client_for(clara), milestone)
    stale = answer(client_for(clara), order["id"], "accept")
    assert (stale.status_code, stale.json()["error"]["code"]) == (409, "change_order_stale")
    milestone.refresh_from_db()
    assert milestone.amount == 30_000 and ChangeOrder.objects.get().status == "proposed"
    ledger_ok()


def test_privacy_and_who_may_propose(clara, fred, olga, operator, client_for):
    contract = contract_between(clara, fred, 30_000)
    assert propose(client_for(olga), contract, ADD).status_code == 404
    assert propose(client_for(operator), contract, ADD).status_code == 403
    order = propose(client_for(clara), contract, ADD).json()
    assert client_for(olga).get(f"/api/v1/contracts/{contract.pk}/change-requests").status_code == 404
    assert client_for(olga).get(f"/api/v1/change-requests/{order['id']}").status_code == 404
    assert answer(client_for(olga), order["id"], "accept").status_code == 404
    assert answer(client_for(clara), order["id"], "accept").status_code == 403  # not one's own
    listed = client_for(operator).get(f"/api/v1/contracts/{contract.pk}/change-requests").json()
    assert [item["id"] for item in listed["items"]] == [order["id"]]
    assert [a.kind for a in actions_for(user=fred)] == ["answer_change_order"]
    assert actions_for(user=clara) == [] and actions_for(user=olga) == []
    contract_end(contract_id=contract.pk, by=clara)
    assert actions_for(user=fred) == []
    ended = answer(client_for(fred), order["id"], "accept")  # it lapsed when the contract ended
    assert (ended.status_code, ended.json()["error"]["code"]) == (409, "changeorder_withdrawn")
    refused = propose(client_for(fred), contract, ADD)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "contract_ended")


def test_hourly_contracts_change_by_their_time_sheets_not_change_orders(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    contract.kind, contract.hourly_rate, contract.weekly_limit = "hourly", 4_500, 10
    contract.save(update_fields=["kind", "hourly_rate", "weekly_limit"])
    refused = propose(client_for(clara), contract, ADD)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "contract_hourly")
    assert "Propose a change" not in client_for(clara).get(f"/contracts/{contract.pk}").content.decode()


def test_change_orders_are_listed_newest_first_and_paged(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    first = propose(client_for(clara), contract, ADD).json()
    answer(client_for(fred), first["id"], "reject", "Not now.")
    second = propose(client_for(fred), contract, ADD).json()
    url = f"/api/v1/contracts/{contract.pk}/change-requests"
    page = client_for(clara).get(url, {"limit": 1}).json()
    assert [o["id"] for o in page["items"]] == [second["id"]] and page["next_cursor"]
    rest = client_for(clara).get(url, {"limit": 1, "cursor": page["next_cursor"]}).json()
    assert [o["status"] for o in rest["items"]] == ["rejected"] and rest["items"][0]["answer_note"] == "Not now."
    one = client_for(fred).get(f"/api/v1/change-requests/{first['id']}").json()
    assert [e["action"] for e in one["events"]] == ["propose", "reject"] and one["answered_by"] == "fred"
