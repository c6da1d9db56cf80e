"""The ledger: balances move only through `post`, all legs or none, never into an overdraft, once per id."""

import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openhour.lib.errors import Conflict, InvalidInput
from openhour.money.ledger import (
    IdempotencyMismatch,
    InsufficientFunds,
    Leg,
    platform_account,
    post,
    wallet,
    wallet_found,
)
from openhour.money.models import Account, Phase, Purpose, Transfer


def fresh(account: Account) -> Account:
    return Account.objects.get(pk=account.pk)


@pytest.fixture
def gateway(db) -> Account:
    return platform_account(purpose=Purpose.GATEWAY, currency="GBP")


@pytest.fixture
def clara_wallet(clara) -> Account:
    return wallet(owner=clara, currency="GBP")


@pytest.fixture
def fred_wallet(fred) -> Account:
    return wallet(owner=fred, currency="GBP")


def deposit(gateway: Account, to: Account, amount: int) -> Transfer:
    (transfer,) = post(Leg(debit=gateway, credit=to, amount=amount, kind="deposit"))
    return transfer


def test_a_deposit_and_a_transfer_move_balances(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 10_000)
    assert fresh(clara_wallet).balance == 10_000
    assert fresh(gateway).balance == -10_000  # money from outside: the gateway may go negative

    (transfer,) = post(Leg(debit=clara_wallet, credit=fred_wallet, amount=2_500, kind="payment"))

    assert (transfer.amount, transfer.currency, transfer.phase) == (2_500, "GBP", Phase.POSTED)
    assert fresh(clara_wallet).balance == 7_500
    assert fresh(fred_wallet).balance == 2_500
    ledger_ok()


def test_several_legs_post_together_or_not_at_all(gateway, clara_wallet, fred_wallet, olga, ledger_ok):
    olga_wallet = wallet(owner=olga, currency="GBP")
    deposit(gateway, clara_wallet, 1_000)

    with pytest.raises(InsufficientFunds):
        post(
            Leg(debit=clara_wallet, credit=fred_wallet, amount=600, kind="payment"),
            Leg(debit=clara_wallet, credit=olga_wallet, amount=600, kind="payment"),  # 1,200 > 1,000
        )

    assert [fresh(a).balance for a in (clara_wallet, fred_wallet, olga_wallet)] == [1_000, 0, 0]
    assert Transfer.objects.count() == 1  # only the deposit

    both = post(
        Leg(debit=clara_wallet, credit=fred_wallet, amount=600, kind="payment"),
        Leg(debit=fred_wallet, credit=olga_wallet, amount=600, kind="payment"),  # spends what leg one brought
    )
    assert len(both) == 2
    assert [fresh(a).balance for a in (clara_wallet, fred_wallet, olga_wallet)] == [400, 0, 600]
    ledger_ok()


def test_an_overdraft_is_refused_and_moves_nothing(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 500)

    with pytest.raises(InsufficientFunds) as refused:
        post(Leg(debit=clara_wallet, credit=fred_wallet, amount=501, kind="payment"))

    assert (refused.value.status, refused.value.code) == (409, "insufficient_funds")
    assert (fresh(clara_wallet).balance, fresh(fred_wallet).balance) == (500, 0)
    assert Transfer.objects.count() == 1
    ledger_ok()


@pytest.mark.parametrize("amount", [0, -1, -500, 1.0, 2.5, True, False, "100"])
def test_amounts_must_be_positive_whole_minor_units(amount, gateway, clara_wallet, ledger_ok):
    with pytest.raises(InvalidInput):
        post(Leg(debit=gateway, credit=clara_wallet, amount=amount, kind="deposit"))
    assert Transfer.objects.count() == 0
    assert fresh(clara_wallet).balance == 0
    ledger_ok()


def test_a_transfer_needs_two_accounts_of_one_currency(gateway, clara, clara_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    euros = wallet(owner=clara, currency="EUR")

    with pytest.raises(InvalidInput):
        post(Leg(debit=clara_wallet, credit=clara_wallet, amount=100, kind="payment"))
    with pytest.raises(InvalidInput) as mixed:
        post(Leg(debit=clara_wallet, credit=euros, amount=100, kind="payment"))

    assert "currency" in mixed.value.fields
    assert (fresh(clara_wallet).balance, fresh(euros).balance) == (1_000, 0)
    ledger_ok()


def test_posting_the_same_ids_twice_moves_money_once(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    legs = (
        Leg(debit=clara_wallet, credit=fred_wallet, amount=300, kind="payment"),
        Leg(debit=clara_wallet, credit=fred_wallet, amount=200, kind="payment"),
    )

    first = post(*legs)
    again = post(*legs)

    assert [t.pk for t in again] == [t.pk for t in first] == [leg.id for leg in legs]
    assert (fresh(clara_wallet).balance, fresh(fred_wallet).balance) == (500, 500)
    assert Transfer.objects.count() == 3
    ledger_ok()


def test_the_same_id_for_a_different_request_is_refused(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    key = uuid.uuid4()
    post(Leg(debit=clara_wallet, credit=fred_wallet, amount=300, kind="payment", id=key))

    with pytest.raises(IdempotencyMismatch) as refused:
        post(Leg(debit=clara_wallet, credit=fred_wallet, amount=301, kind="payment", id=key))
    with pytest.raises(IdempotencyMismatch):  # part of an earlier request plus a new leg
        post(
            Leg(debit=clara_wallet, credit=fred_wallet, amount=300, kind="payment", id=key),
            Leg(debit=clara_wallet, credit=fred_wallet, amount=1, kind="payment"),
        )

    assert (refused.value.status, refused.value.code) == (409, "idempotency_key_reused")
    assert (fresh(clara_wallet).balance, fresh(fred_wallet).balance) == (700, 300)
    ledger_ok()


# ---- pending (two-phase) transfers -----------------------------------------------------------------


def reserve(debit: Account, credit: Account, amount: int) -> Transfer:
    (pending,) = post(Leg(debit=debit, credit=credit, amount=amount, kind="payout", phase=Phase.PENDING))
    return pending


def resolve(pending: Transfer, amount: int, phase: str = Phase.POST_PENDING) -> list[Transfer]:
    return post(
        Leg(debit=pending.debit, credit=pending.credit, amount=amount, kind="payout", phase=phase, pending=pending)
    )


def test_a_reservation_reduces_available_not_balance(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)

    reserve(clara_wallet, fred_wallet, 700)

    clara_now = fresh(clara_wallet)
    assert (clara_now.balance, clara_now.pending_out, clara_now.available) == (1_000, 700, 300)
    assert fresh(fred_wallet).balance == 0
    with pytest.raises(InsufficientFunds):
        reserve(clara_wallet, fred_wallet, 301)
    with pytest.raises(InsufficientFunds):  # reserved money cannot be spent either
        post(Leg(debit=clara_wallet, credit=fred_wallet, amount=301, kind="payment"))
    reserve(clara_wallet, fred_wallet, 300)
    assert fresh(clara_wallet).available == 0
    ledger_ok()


def test_posting_a_reservation_in_full(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    pending = reserve(clara_wallet, fred_wallet, 700)

    (posted,) = resolve(pending, 700)

    assert (posted.phase, posted.pending_id) == (Phase.POST_PENDING, pending.pk)
    clara_now = fresh(clara_wallet)
    assert (clara_now.balance, clara_now.pending_out) == (300, 0)
    assert fresh(fred_wallet).balance == 700
    ledger_ok()


def test_posting_part_of_a_reservation_releases_the_rest(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    pending = reserve(clara_wallet, fred_wallet, 700)

    resolve(pending, 450)

    clara_now = fresh(clara_wallet)
    assert (clara_now.balance, clara_now.pending_out, clara_now.available) == (550, 0, 550)
    assert fresh(fred_wallet).balance == 450
    ledger_ok()


def test_voiding_a_reservation_releases_it(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    pending = reserve(clara_wallet, fred_wallet, 700)

    with pytest.raises(InvalidInput):  # a void releases the whole amount, not part of it
        resolve(pending, 100, Phase.VOID_PENDING)
    resolve(pending, 700, Phase.VOID_PENDING)

    clara_now = fresh(clara_wallet)
    assert (clara_now.balance, clara_now.pending_out) == (1_000, 0)
    assert fresh(fred_wallet).balance == 0
    ledger_ok()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (Phase.POST_PENDING, Phase.POST_PENDING),
        (Phase.POST_PENDING, Phase.VOID_PENDING),
        (Phase.VOID_PENDING, Phase.POST_PENDING),
        (Phase.VOID_PENDING, Phase.VOID_PENDING),
    ],
)
def test_a_reservation_is_resolved_only_once(first, second, gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    pending = reserve(clara_wallet, fred_wallet, 700)
    resolve(pending, 700, first)
    before = (fresh(clara_wallet).balance, fresh(fred_wallet).balance)

    with pytest.raises(Conflict) as refused:
        resolve(pending, 700, second)

    assert (refused.value.status, refused.value.code) == (409, "pending_resolved")
    assert (fresh(clara_wallet).balance, fresh(fred_wallet).balance) == before
    ledger_ok()


def test_cannot_post_more_than_was_reserved(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    pending = reserve(clara_wallet, fred_wallet, 700)

    with pytest.raises(InvalidInput):
        resolve(pending, 701)

    clara_now = fresh(clara_wallet)
    assert (clara_now.balance, clara_now.pending_out) == (1_000, 700)
    resolve(pending, 700)  # still open, and can be posted properly
    ledger_ok()


def test_a_resolution_must_use_the_reservations_accounts(gateway, clara_wallet, fred_wallet, olga, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    pending = reserve(clara_wallet, fred_wallet, 700)
    olga_wallet = wallet(owner=olga, currency="GBP")

    with pytest.raises(InvalidInput):
        post(
            Leg(
                debit=clara_wallet,
                credit=olga_wallet,
                amount=700,
                kind="payout",
                phase=Phase.POST_PENDING,
                pending=pending,
            )
        )
    with pytest.raises(InvalidInput):  # a resolving phase needs the pending transfer it resolves
        post(Leg(debit=clara_wallet, credit=fred_wallet, amount=700, kind="payout", phase=Phase.POST_PENDING))

    assert fresh(olga_wallet).balance == 0
    assert fresh(clara_wallet).pending_out == 700
    ledger_ok()


# ---- ledger_check ---------------------------------------------------------------------------------


def test_ledger_check_passes_on_a_good_ledger(gateway, clara_wallet, fred_wallet, capsys, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    post(Leg(debit=clara_wallet, credit=fred_wallet, amount=400, kind="payment"))
    reserve(clara_wallet, fred_wallet, 100)

    call_command("ledger_check")

    assert "ledger check passed" in capsys.readouterr().out
    ledger_ok()


def test_ledger_check_fails_after_a_balance_is_tampered_with(gateway, clara_wallet, fred_wallet, capsys, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    Account.objects.filter(pk=clara_wallet.pk).update(balance=5_000)

    with pytest.raises(CommandError, match="ledger check failed"):
        call_command("ledger_check")

    assert f"account {clara_wallet.pk}" in capsys.readouterr().err

    Account.objects.filter(pk=clara_wallet.pk).update(balance=1_000)  # put it back; the ledger adds up again
    call_command("ledger_check")
    ledger_ok()


def test_one_request_cannot_resolve_a_reservation_twice_or_reuse_an_id(gateway, clara_wallet, fred_wallet, ledger_ok):
    deposit(gateway, clara_wallet, 1_000)
    pending = reserve(clara_wallet, fred_wallet, 300)
    key = uuid.uuid4()

    with pytest.raises(InvalidInput):  # was an IntegrityError (a 500) from the unique constraint on `pending`
        post(
            Leg(
                debit=clara_wallet,
                credit=fred_wallet,
                amount=300,
                kind="payout",
                phase=Phase.POST_PENDING,
                pending=pending,
            ),
            Leg(
                debit=clara_wallet,
                credit=fred_wallet,
                amount=300,
                kind="payout",
                phase=Phase.VOID_PENDING,
                pending=pending,
            ),
        )
    with pytest.raises(InvalidInput):  # was an IntegrityError on the primary key
        post(
            Leg(debit=clara_wallet, credit=fred_wallet, amount=1, kind="payment", id=key),
            Leg(debit=clara_wallet, credit=fred_wallet, amount=1, kind="payment", id=key),
        )

    clara_now = fresh(clara_wallet)
    assert (clara_now.balance, clara_now.pending_out, fresh(fred_wallet).balance) == (1_000, 300, 0)
    ledger_ok()


def test_reading_a_wallet_creates_no_account(clara, gateway, ledger_ok):
    shown = wallet_found(owner=clara, currency="GBP")
    assert shown.pk is None and shown.available == 0
    assert not Account.objects.filter(owner=clara).exists()
    deposit(gateway, wallet(owner=clara, currency="GBP"), 700)
    assert wallet_found(owner=clara, currency="GBP").available == 700
