"""An account cannot close while money of the person's is held or on its way, or a dispute of theirs runs: the
API answers 409 with a code, the page says what to do and links to where it is done, and nothing changes."""

import pytest
from django.test import Client

from conftest import PASSWORD
from openhour.accounts.closing.tests.kit import PAGE, close_by_api, error_of
from openhour.accounts.models import User
from openhour.contracts.disputes.services import dispute_open
from openhour.money.models import Payment
from openhour.money.services import escrow
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def funded(clara, fred):
    contract = contract_between(clara, fred, 30_000)
    milestone = contract.milestones.get()
    top_up(clara, 40_000)
    escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    return contract, milestone


def still_open(*people: User) -> bool:
    return all(
        User.objects.get(pk=person.pk).is_active and not User.objects.get(pk=person.pk).closed_at for person in people
    )


def test_a_funded_milestone_holds_both_sides_accounts_open(clara, fred, bearer, client_for, ledger_ok):
    contract, _milestone = funded(clara, fred)

    for person in (fred, clara):
        answer = close_by_api(Client(), **bearer(person))
        assert error_of(answer) == (409, "escrow_held"), answer.content
        assert "Release or refund each funded milestone" in answer.json()["error"]["message"]
    page = client_for(fred).get(PAGE)
    text = page.content.decode()
    assert page.status_code == 200 and "Release or refund each funded milestone" in text
    assert f'href="/contracts/{contract.pk}"' in text and 'name="password"' not in text  # no form to send yet
    assert still_open(clara, fred)
    ledger_ok()


def test_an_open_dispute_is_named_first_with_its_link(clara, fred, bearer, client_for, ledger_ok):
    _contract, milestone = funded(clara, fred)
    dispute = dispute_open(milestone_id=milestone.pk, by=clara, reason="The shop was never delivered.")

    assert error_of(close_by_api(Client(), **bearer(fred))) == (409, "dispute_open")
    text = client_for(fred).get(PAGE).content.decode()
    assert "A dispute of yours is still open" in text and f'href="/disputes/{dispute.pk}"' in text
    sent = client_for(clara).post(PAGE, {"password": PASSWORD})
    assert sent.status_code == 409 and "A dispute of yours is still open" in sent.content.decode()
    assert still_open(clara, fred)
    ledger_ok()


def test_money_left_in_a_wallet_must_be_withdrawn_first(clara, bearer, client_for, ledger_ok):
    top_up(clara, 5_000)

    answer = close_by_api(Client(), **bearer(clara))
    assert error_of(answer) == (409, "balance_remaining")
    assert "Withdraw every balance" in answer.json()["error"]["message"]
    text = client_for(clara).get(PAGE).content.decode()
    assert "Withdraw every balance, in every currency" in text and 'href="/wallet"' in text
    assert still_open(clara)
    ledger_ok()


def test_a_card_payment_still_processing_counts_as_held(clara, bearer, ledger_ok):
    Payment.objects.create(payer=clara, amount=5_000, currency="GBP", gateway="sandbox", status="requires_action")

    assert error_of(close_by_api(Client(), **bearer(clara))) == (409, "escrow_held")
    assert still_open(clara)
    ledger_ok()
