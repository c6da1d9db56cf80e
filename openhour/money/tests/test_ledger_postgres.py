"""On PostgreSQL the database itself guards the ledger, and real parallel requests cannot overdraw it."""

import threading
import uuid

import pytest
from django.db import DatabaseError, connection, transaction

from openhour.money.ledger import InsufficientFunds, Leg, platform_account, post, wallet
from openhour.money.models import Account, Purpose, Transfer
from openhour.money.tests.kit import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def funded(clara, fred):
    """Clara's wallet holding 300 (deposited through the gateway) and Fred's empty one."""
    gateway = platform_account(purpose=Purpose.GATEWAY, currency="GBP")
    payer, payee = wallet(owner=clara, currency="GBP"), wallet(owner=fred, currency="GBP")
    (deposit,) = post(Leg(debit=gateway, credit=payer, amount=300, kind="deposit"))
    return payer, payee, deposit


def refused(sql: str, params: list) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_transfers_cannot_be_updated_or_deleted(funded, ledger_ok):
    _payer, _payee, deposit = funded

    refused("UPDATE money_transfer SET amount = 1 WHERE id = %s", [deposit.pk])
    refused("DELETE FROM money_transfer WHERE id = %s", [deposit.pk])

    assert Transfer.objects.get(pk=deposit.pk).amount == 300
    ledger_ok()


INSERT = (
    "INSERT INTO money_transfer (id, debit_id, credit_id, amount, currency, phase, kind, reference, description,"
    " created_at) VALUES (%s, %s, %s, %s, %s, 'posted', 'raw', '', '', now())"
)


@pytest.mark.parametrize("amount", [0, -100])
def test_a_transfer_row_must_move_a_positive_amount(amount, funded, ledger_ok):
    payer, payee, _deposit = funded

    refused(INSERT, [uuid.uuid4(), payer.pk, payee.pk, amount, "GBP"])

    assert Transfer.objects.count() == 1
    ledger_ok()


def test_a_transfer_row_must_share_its_accounts_currency(funded, ledger_ok):
    payer, payee, _deposit = funded

    refused(INSERT, [uuid.uuid4(), payer.pk, payee.pk, 100, "EUR"])

    assert Transfer.objects.count() == 1
    ledger_ok()


def test_simultaneous_withdrawals_never_overdraw(funded, ledger_ok):
    payer, _payee, _deposit = funded
    payouts = platform_account(purpose=Purpose.PAYOUTS_IN_FLIGHT, currency="GBP")

    results = in_parallel(8, lambda: post(Leg(debit=payer, credit=payouts, amount=60, kind="payout")))

    failures = [result for result in results if isinstance(result, Exception)]
    assert all(isinstance(failure, InsufficientFunds) for failure in failures), failures
    assert (len(results) - len(failures), len(failures)) == (5, 3)
    payer.refresh_from_db()
    assert payer.balance == 0
    assert not Account.objects.filter(may_go_negative=False, balance__lt=0).exists()
    ledger_ok()


def test_the_same_id_posted_at_once_moves_money_once(funded, ledger_ok):
    payer, payee, _deposit = funded
    leg = Leg(debit=payer, credit=payee, amount=120, kind="payment")

    results = in_parallel(6, lambda: post(leg))

    assert not [result for result in results if isinstance(result, Exception)], results
    assert all([t.pk for t in result] == [leg.id] for result in results)
    payer.refresh_from_db()
    payee.refresh_from_db()
    assert (payer.balance, payee.balance) == (180, 120)
    assert Transfer.objects.filter(pk=leg.id).count() == 1
    ledger_ok()


def test_one_id_reused_at_once_between_different_accounts_is_refused_not_a_crash(ledger_ok):
    from openhour.money.ledger import IdempotencyMismatch

    # Four distinct accounts: the two posts lock nothing in common, so only the primary key can stop the second.
    sources = [
        Account.objects.create(purpose=Purpose.GATEWAY, currency="GBP", reference=f"race-{n}", may_go_negative=True)
        for n in "ab"
    ]
    targets = [Account.objects.create(purpose=Purpose.ESCROW, currency="GBP", reference=f"race-{n}") for n in "ab"]
    shared = uuid.uuid4()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def deposit(source: Account, target: Account) -> None:
        try:
            barrier.wait()
            post(Leg(id=shared, debit=source, credit=target, amount=100, kind="deposit"))
            outcomes.append("posted")
        except IdempotencyMismatch:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=deposit, args=pair) for pair in zip(sources, targets, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["posted", "refused"]
    assert Transfer.objects.filter(id=shared).count() == 1
    ledger_ok()
