"""Escrow over the API: fund from the wallet or a card (client fee then), release net of the tiered fee,
refund with the client fee, and an operator's split. Only the right party may take each step."""

import pytest

from openhour.money import ledger
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def act(client, path, body=None, **headers):
    return client.post(path, body or {}, content_type="application/json", **headers)


def balance(user, currency="GBP") -> int:
    return ledger.wallet(owner=user, currency=currency).balance


def test_fund_from_wallet_then_release_pays_the_freelancer_net_of_the_tiered_fee(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 60_000)
    milestone = contract.milestones.get()
    top_up(clara, 63_000)
    funded = act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund", {"payment": {"method": "wallet"}})
    assert funded.status_code == 200, funded.content
    assert funded.json()["status"] == "funded"
    assert funded.json()["client_fee"]["amount"] == 3_000  # 5% of £600
    assert balance(clara) == 0

    released = act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/release")
    assert released.status_code == 200, released.content
    assert released.json()["freelancer_fee"]["amount"] == 10_750  # 20% of £500 + 7.5% of £100
    assert balance(fred) == 60_000 - 10_750
    lines = client_for(fred).get("/api/v1/wallet/transactions").json()["items"]
    assert lines[0]["amount"]["amount"] == 49_250 and "£107.50 service fee" in lines[0]["description"]
    ledger_ok()


def test_the_second_release_for_the_same_pair_is_charged_on_the_next_tier(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 50_000, 10_000)
    first, second = contract.milestones.all()
    top_up(clara, 63_000)
    for milestone in (first, second):
        act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
        act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/release")
    second.refresh_from_db()
    assert second.freelancer_fee == 750  # 7.5% of £100: the first £500 is behind them
    ledger_ok()


def test_funding_without_enough_money_moves_nothing(clara, fred, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 60_000).milestones.get()
    top_up(clara, 60_000)  # the fee does not fit
    refused = act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "insufficient_funds")
    milestone.refresh_from_db()
    assert milestone.status == "awaiting_funding" and balance(clara) == 60_000
    ledger_ok()


def test_card_funding_charges_milestone_and_fee_and_3ds_waits_for_the_payer(clara, fred, client_for, ledger_ok):
    first, second = contract_between(clara, fred, 20_000, 20_000).milestones.all()
    paid = act(
        client_for(clara),
        f"/api/v1/milestones/{first.pk}/fund",
        {"payment": {"method": "card", "card_token": "tok_visa"}},
    )
    assert paid.json()["status"] == "funded" and paid.json()["payment"]["amount"]["amount"] == 21_000

    waiting = act(
        client_for(clara),
        f"/api/v1/milestones/{second.pk}/fund",
        {"payment": {"method": "card", "card_token": "tok_3ds"}},
    ).json()
    assert waiting["status"] == "awaiting_funding" and waiting["payment"]["status"] == "requires_action"
    confirm_page = waiting["payment"]["next_action"]["url"].removeprefix("http://127.0.0.1:8000")
    assert client_for(clara).get(confirm_page).status_code == 200
    client_for(clara).post(confirm_page)
    second.refresh_from_db()
    assert second.status == "funded" and balance(clara) == 0
    ledger_ok()


def test_a_declined_card_answers_402_and_funds_nothing(clara, fred, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    declined = act(
        client_for(clara),
        f"/api/v1/milestones/{milestone.pk}/fund",
        {"payment": {"method": "card", "card_token": "tok_declined"}},
    )
    assert (declined.status_code, declined.json()["error"]["code"]) == (402, "card_declined")
    milestone.refresh_from_db()
    assert milestone.status == "awaiting_funding" and balance(clara) == 0
    ledger_ok()


def test_refund_returns_escrow_and_client_fee_and_only_the_freelancer_or_operator_may(
    clara, fred, olga, operator, client_for, ledger_ok
):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, 21_000)
    act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
    assert act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/refund").status_code == 403
    assert act(client_for(olga), f"/api/v1/milestones/{milestone.pk}/refund").status_code == 404
    assert act(client_for(operator), f"/api/v1/milestones/{milestone.pk}/refund").status_code == 400  # no reason
    refunded = act(client_for(fred), f"/api/v1/milestones/{milestone.pk}/refund")
    assert refunded.json()["status"] == "refunded"
    assert balance(clara) == 21_000 and balance(fred) == 0
    ledger_ok()


def test_an_operator_splits_a_milestone_part_released_part_refunded(clara, fred, operator, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, 21_000)
    act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund")
    body = {"release": 15_000, "note": "Half the pages were delivered."}
    assert act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/split", body).status_code == 403
    split = act(client_for(operator), f"/api/v1/milestones/{milestone.pk}/split", body)
    assert split.json()["status"] == "split"
    assert balance(fred) == 15_000 - 3_000  # 20% of £150
    assert balance(clara) == 5_000 + 250  # the refunded quarter and a quarter of the £10 client fee
    ledger_ok()


def test_nobody_but_the_client_funds_or_releases(clara, fred, olga, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(fred, 21_000)
    assert act(client_for(fred), f"/api/v1/milestones/{milestone.pk}/fund").status_code == 403
    assert act(client_for(olga), f"/api/v1/milestones/{milestone.pk}/fund").status_code == 404
    assert act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/release").status_code == 409
    ledger_ok()


def test_a_replayed_idempotency_key_returns_the_first_answer_and_moves_nothing(clara, fred, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, 50_000)
    headers = {"HTTP_IDEMPOTENCY_KEY": "fund-1"}
    first = act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund", **headers)
    again = act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/fund", **headers)
    assert (first.status_code, again.status_code) == (200, 200) and first.json() == again.json()
    assert balance(clara) == 50_000 - 21_000
    other = act(client_for(clara), f"/api/v1/milestones/{milestone.pk}/release", **headers)
    assert (other.status_code, other.json()["error"]["code"]) == (409, "idempotency_key_reused")
    ledger_ok()


def test_deposits_by_card(clara, olga, client_for, ledger_ok):
    body = {"amount": {"amount": 5_000, "currency": "EUR"}, "card_token": "tok_visa"}
    made = act(client_for(clara), "/api/v1/wallet/deposits", body)
    assert (made.status_code, made.json()["status"]) == (201, "succeeded")
    assert balance(clara, "EUR") == 5_000
    declined = act(client_for(clara), "/api/v1/wallet/deposits", body | {"card_token": "tok_declined"})
    assert (declined.status_code, declined.json()["error"]["code"]) == (402, "card_declined")
    for bad in ({"amount": 0, "currency": "EUR"}, {"amount": 5, "currency": "JPY"}):
        refused = act(client_for(clara), "/api/v1/wallet/deposits", body | {"amount": bad})
        assert refused.status_code == 400
    assert client_for(olga).get(f"/api/v1/payments/{made.json()['id']}").status_code == 404
    assert balance(clara, "EUR") == 5_000
    ledger_ok()
