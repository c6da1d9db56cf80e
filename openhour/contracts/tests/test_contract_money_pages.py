"""The contract page's money steps: the client funds (wallet or card) and releases, the freelancer may
refund; each shows its breakdown before the click, asks once more with the amounts (`confirm=yes` is the
answer), and nobody else can take them."""

import pytest
from django.test import Client

from openhour.money import ledger
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db
YES = {"confirm": "yes"}


def test_the_client_sees_what_funding_costs_and_funds_from_the_wallet(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    top_up(clara, 40_000)
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "Client service fee" in page and "£15" in page and "Pay £315 into escrow" in page
    assert "Pay £315" not in client_for(fred).get(f"/contracts/{contract.pk}").content.decode()

    asked = client_for(clara).post(f"/milestones/{milestone.pk}/fund", {f"m{milestone.pk}-method": "wallet"})
    assert "Confirm and pay £315" in asked.content.decode()
    assert ledger.wallet(owner=clara, currency="GBP").balance == 40_000  # the first click moves nothing
    done = client_for(clara).post(
        f"/milestones/{milestone.pk}/fund", {f"m{milestone.pk}-method": "wallet", **YES}, follow=True
    )
    assert "The milestone is funded" in done.content.decode()
    assert ledger.wallet(owner=clara, currency="GBP").balance == 40_000 - 31_500
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "Fred Freelancer receives" in page and "£240" in page  # £300 less 20%
    assert "“Part 1” funded" in page
    ledger_ok()


def test_not_enough_in_the_wallet_re_renders_the_form_with_the_reason(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    refused = client_for(clara).post(f"/milestones/{milestone.pk}/fund", {f"m{milestone.pk}-method": "wallet", **YES})
    assert refused.status_code == 400
    assert "not enough money" in refused.content.decode()
    milestone.refresh_from_db()
    assert milestone.status == "awaiting_funding"
    ledger_ok()


def test_card_funding_with_3ds_goes_to_the_confirmation_page(clara, fred, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    form = {f"m{milestone.pk}-method": "card", f"m{milestone.pk}-card_token": "tok_3ds", **YES}
    answer = client_for(clara).post(f"/milestones/{milestone.pk}/fund", form)
    assert answer.status_code == 302 and "/authenticate" in answer["Location"]
    client_for(clara).post(answer["Location"].removeprefix("http://127.0.0.1:8000"))
    milestone.refresh_from_db()
    assert milestone.status == "funded"
    ledger_ok()


def test_a_declined_card_re_renders_the_form_and_funds_nothing(clara, fred, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    form = {f"m{milestone.pk}-method": "card", f"m{milestone.pk}-card_token": "tok_declined", **YES}
    declined = client_for(clara).post(f"/milestones/{milestone.pk}/fund", form)
    assert declined.status_code == 400 and "insufficient funds" in declined.content.decode()
    milestone.refresh_from_db()
    assert milestone.status == "awaiting_funding"
    ledger_ok()


def test_release_and_refund_from_the_page(clara, fred, olga, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000, 10_000)
    first, second = contract.milestones.all()
    top_up(clara, 42_000)
    for milestone in (first, second):
        client_for(clara).post(f"/milestones/{milestone.pk}/fund", {f"m{milestone.pk}-method": "wallet", **YES})
    assert client_for(olga).post(f"/milestones/{first.pk}/release", YES).status_code == 404
    assert client_for(fred).post(f"/milestones/{first.pk}/release").status_code == 403
    assert client_for(clara).post(f"/milestones/{second.pk}/refund").status_code == 403
    first.refresh_from_db()
    assert first.status == "funded"  # the freelancer cannot release to themselves

    asked = client_for(clara).post(f"/milestones/{first.pk}/release").content.decode()
    assert "Nothing has been delivered" in asked and "Confirm and release £300" in asked and "£240" in asked
    asked = client_for(fred).post(f"/milestones/{second.pk}/refund", {"note": "Not needed after all"})
    assert "Confirm and refund £100" in asked.content.decode() and "£105" in asked.content.decode()
    first.refresh_from_db()
    assert first.status == "funded"  # asking moves nothing
    client_for(clara).post(f"/milestones/{first.pk}/release", YES)
    client_for(fred).post(f"/milestones/{second.pk}/refund", {"note": "Not needed after all", **YES})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("released", "refunded")
    assert ledger.wallet(owner=fred, currency="GBP").balance == 24_000
    assert ledger.wallet(owner=clara, currency="GBP").balance == 42_000 - 31_500
    page = client_for(fred).get(f"/contracts/{contract.pk}").content.decode()
    assert "Not needed after all" in page
    ledger_ok()


def test_outsiders_and_anonymous_readers_cannot_fund(clara, fred, olga, client_for, ledger_ok):
    milestone = contract_between(clara, fred, 30_000).milestones.get()
    top_up(olga, 40_000)
    assert (
        client_for(olga).post(f"/milestones/{milestone.pk}/fund", {f"m{milestone.pk}-method": "wallet"}).status_code
        == 404
    )
    assert (
        client_for(fred).post(f"/milestones/{milestone.pk}/fund", {f"m{milestone.pk}-method": "wallet"}).status_code
        == 403
    )
    assert client_for(olga).post("/milestones/999999/fund").status_code == 404
    assert Client().post(f"/milestones/{milestone.pk}/fund").status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == "awaiting_funding"
    ledger_ok()


def test_opening_the_contract_page_creates_no_wallet(clara, fred, client_for, ledger_ok):
    contract = contract_between(clara, fred, 30_000)
    page = client_for(clara).get(f"/contracts/{contract.pk}").content.decode()
    assert "In your wallet" in page and "£0" in page
    assert not ledger.Account.objects.filter(owner=clara, purpose=ledger.Purpose.WALLET).exists()
    ledger_ok()


def test_release_is_offered_once_work_is_delivered(clara, fred, client_for, ledger_ok):
    from openhour.contracts.services.delivery import milestone_submit

    milestone = contract_between(clara, fred, 30_000).milestones.get()
    top_up(clara, 31_500)
    client_for(clara).post(f"/milestones/{milestone.pk}/fund", {f"m{milestone.pk}-method": "wallet", **YES})
    page = client_for(clara).get(f"/contracts/{milestone.contract_id}").content.decode()
    assert "Approve and release" not in page and "Pay “Part 1” before delivery" in page
    milestone_submit(milestone_id=milestone.pk, by=fred, message="Done.")
    page = client_for(clara).get(f"/contracts/{milestone.contract_id}").content.decode()
    assert "Approve and release £300" in page and "before delivery" not in page
    ledger_ok()


def test_an_ended_contract_says_its_unfunded_milestone_was_never_funded(clara, fred, client_for):
    from openhour.contracts.services.contracts import contract_end

    contract = contract_between(clara, fred, 30_000)
    contract_end(contract_id=contract.pk, by=clara)
    page = client_for(fred).get(f"/contracts/{contract.pk}").content.decode()
    assert "Never funded" in page and "Awaiting funding" not in page
