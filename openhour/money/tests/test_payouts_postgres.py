"""On PostgreSQL, withdrawals racing each other from one wallet never overdraw it, and one key makes one payout."""

import pytest

from openhour.money import ledger
from openhour.money.ledger import InsufficientFunds
from openhour.money.models import Account, Payout
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.services import payout_request
from openhour.money.tests.kit import in_parallel, top_up

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def method(fred):
    top_up(fred, 10_000)
    return payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})


def test_simultaneous_withdrawals_never_overdraw(fred, method, ledger_ok):
    results = in_parallel(8, lambda: payout_request(owner=fred, amount=3_000, currency="GBP", method_id=method.pk))

    failures = [result for result in results if isinstance(result, Exception)]
    assert all(isinstance(failure, InsufficientFunds) for failure in failures), failures
    assert (len(results) - len(failures), len(failures)) == (10_000 // 3_000, 8 - 10_000 // 3_000)
    assert Payout.objects.filter(status="held").count() == 3
    wallet = ledger.wallet(owner=fred, currency="GBP")
    assert (wallet.balance, wallet.pending_out, wallet.available) == (10_000, 9_000, 1_000)
    assert not Account.objects.filter(may_go_negative=False, balance__lt=0).exists()
    ledger_ok()


def test_one_idempotency_key_sent_at_once_makes_one_payout(fred, method, ledger_ok):
    results = in_parallel(
        6, lambda: payout_request(owner=fred, amount=3_000, currency="GBP", method_id=method.pk, idempotency_key="k")
    )

    assert not [result for result in results if isinstance(result, Exception)], results
    assert len({result.pk for result in results}) == 1
    assert Payout.objects.count() == 1 and ledger.wallet(owner=fred, currency="GBP").pending_out == 3_000
    ledger_ok()
