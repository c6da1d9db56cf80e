"""The change orders panel on the contract page: propose with a plain form (no JavaScript), see each change
in plain words with what it means for money, accept, reject or withdraw, and the history."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.change_orders.tests.helpers import ADD, answer, funded_contract, propose
from openhour.money import ledger
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db


def form_data(contract, **changes):
    """What the untouched form posts (every milestone as it is), with `changes` on top."""
    data = {"note": "", "deadline": ""}
    for m in contract.milestones.all():
        data |= {
            f"m{m.pk}_title": m.title,
            f"m{m.pk}_due_on": "",
            f"m{m.pk}_criteria": m.criteria,
            f"m{m.pk}_revisions": "0",
        }
        if m.status == "awaiting_funding":
            data[f"m{m.pk}_amount"] = f"{m.amount / 100:.2f}"
    return data | changes


def test_propose_every_kind_of_change_with_the_form(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000, 10_000, 5_000)
    first, second, third = contract.milestones.order_by("pk")
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "Propose a change" in page and "goes back to the client" in page  # the funded one's remove box says so
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    data = form_data(
        contract,
        note="New scope.",
        add0_title="Blog",
        add0_amount="250.50",
        add0_due_on=due,
        **{
            f"m{first.pk}_revisions": "2",
            f"m{second.pk}_remove": "on",
            f"m{third.pk}_amount": "80",
            f"m{third.pk}_criteria": "Works offline.",
        },
    )
    sent = client_for(clara).post(f"/contracts/{contract.pk}/change-orders", data)
    assert sent.status_code == 302, sent.content.decode()
    order = ChangeOrder.objects.get()
    assert [(i.kind, i.milestone_id) for i in order.items.all()] == [
        ("revisions", first.pk),
        ("remove", second.pk),
        ("edit", third.pk),
        ("add", None),
    ]
    seen = client_for(fred).get(f"/contracts/{contract.pk}").content.decode()
    for words in (
        "Add 2 revision rounds to “Part 1”.",
        "Remove “Part 2”, which is not funded yet.",
        "£100 less to fund.",
        "£30 more to fund.",
        "Adds £250.50 to fund",
        "goes from £450 to £630.50",
        "Accept the change",
        "Change to the plan proposed by Clara Client",
    ):
        assert words in seen, words
    assert "Withdraw the change" not in seen
    mine = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "Withdraw the change" in mine and "Accept the change" not in mine and "Propose a change" not in mine
    accepted = client_for(fred).post(f"/change-orders/{order.pk}/accept", {"note": "OK"})
    assert accepted.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert (first.revisions_extra, second.status) == (2, "removed")
    assert (third.amount, third.criteria) == (8_000, "Works offline.")
    assert contract.milestones.get(title="Blog").amount == 25_050
    history = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "Past change orders" in history and "Change to the plan accepted by Fred Freelancer" in history
    ledger_ok()


def test_refused_form_shows_field_errors_with_status_400(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    m = contract.milestones.get()
    for bad in (
        {"add0_title": "Blog", "add0_amount": "-5"},
        {f"m{m.pk}_amount": "abc"},
        {f"m{m.pk}_title": ""},
        {"add0_title": "Blog"},
        {"deadline": "2001-01-01"},
    ):
        refused = client_for(clara).post(f"/contracts/{contract.pk}/change-orders", form_data(contract, **bad))
        assert refused.status_code == 400, bad
        assert 'class="field-errors"' in refused.content.decode() and "<details open>" in refused.content.decode()
    nothing = client_for(clara).post(f"/contracts/{contract.pk}/change-orders", form_data(contract))
    assert nothing.status_code == 400 and "Propose at least one change." in nothing.content.decode()
    assert not ChangeOrder.objects.exists()


def test_funded_removal_on_the_page_refunds_after_acceptance(clara, fred, client_for, ledger_ok):
    contract = funded_contract(clara, fred, client_for, 30_000)
    m = contract.milestones.get()
    client_for(fred).post(f"/contracts/{contract.pk}/change-orders", form_data(contract, **{f"m{m.pk}_remove": "on"}))
    order = ChangeOrder.objects.get()
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "Refunds £300 held in escrow to the client" in page
    assert ledger.wallet(owner=clara, currency="GBP").balance == 0
    rejected = client_for(fred).post(f"/change-orders/{order.pk}/accept")  # the proposer may not accept
    assert rejected.status_code == 403
    client_for(clara).post(f"/change-orders/{order.pk}/accept")
    m.refresh_from_db()
    assert m.status == "refunded" and ledger.wallet(owner=clara, currency="GBP").balance == 31_500
    ledger_ok()


def test_reject_and_withdraw_on_the_page(clara, fred, olga, client_for):
    contract = contract_between(clara, fred, 30_000)
    order_id = propose(client_for(clara), contract, ADD).json()["id"]
    assert client_for(olga).post(f"/change-orders/{order_id}/reject").status_code == 404
    assert client_for(olga).get(f"/contracts/{contract.pk}").status_code == 404
    assert client_for(clara).post(f"/change-orders/{order_id}/reject").status_code == 403
    assert client_for(fred).post(f"/change-orders/{order_id}/reject", {"note": "Too much."}).status_code == 302
    again = client_for(fred).post(f"/change-orders/{order_id}/reject")
    assert again.status_code == 409
    assert client_for(clara).post(f"/change-orders/{order_id}/nonsense").status_code == 404
    second = propose(client_for(fred), contract, ADD).json()["id"]
    assert client_for(fred).post(f"/change-orders/{second}/withdraw").status_code == 302
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "Rejected" in page and "Withdrawn" in page and "Too much." in page
    assert not contract.milestones.filter(title="Extra page").exists()


def test_the_page_costs_the_same_queries_with_more_change_orders(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000, 10_000)
    browser = client_for(clara)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert browser.get(f"/contracts/{contract.pk}").status_code == 200
        return len(captured)

    answer(client_for(fred), propose(browser, contract, ADD).json()["id"], "reject")
    queries()  # warm: caches filled once per process
    one = queries()
    for _ in range(3):
        edit = {"action": "edit", "id": str(contract.milestones.first().pk), "title": "X"}
        order = propose(browser, contract, ADD, edit)
        answer(client_for(fred), order.json()["id"], "reject")
    assert queries() == one
