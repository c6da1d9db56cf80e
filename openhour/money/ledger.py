"""`post()` is the only code that changes a balance.

It locks the accounts involved in id order, re-checks idempotency under the lock, refuses overdrafts,
and writes every leg and every balance in one transaction. A transfer id posted twice returns the first
result; the same id with different fields is refused.
"""

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import BigIntegerField, Case, Exists, Q, Value, When
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import Conflict, InvalidInput
from openhour.lib.money import is_whole
from openhour.money.models import Account, Phase, Purpose, Transfer

PLATFORM_SHARDS = 8  # busy platform accounts are split so payments do not queue on one row


class InsufficientFunds(Conflict):
    code = "insufficient_funds"
    default_message = "There is not enough money in the account for that."


class IdempotencyMismatch(Conflict):
    code = "idempotency_key_reused"
    default_message = "That idempotency key was already used for a different request."


@dataclass(frozen=True)
class Leg:
    debit: Account
    credit: Account
    amount: int
    kind: Transfer.Kind
    id: uuid.UUID = field(default_factory=uuid.uuid4)
    phase: str = Phase.POSTED
    pending: Transfer | None = None
    reference: str = ""
    description: str = ""
    milestone_id: int | None = None


def post(*legs: Leg) -> list[Transfer]:
    """Post all legs or none. Returns the transfers (the earlier ones if these ids were posted before)."""
    if not legs:
        return []
    for leg in legs:
        _check_shape(leg)
    _check_distinct(legs)
    try:
        return _post_locked(legs)
    except IntegrityError:
        # A parallel post took one of these ids between other accounts, so our locks never met its own.
        earlier = _earlier(legs)
        if earlier is None:
            raise
        return earlier


def _post_locked(legs: tuple[Leg, ...]) -> list[Transfer]:
    with transaction.atomic():
        accounts = _lock({leg.debit.pk for leg in legs} | {leg.credit.pk for leg in legs})
        earlier = _earlier(legs)
        if earlier is not None:
            return earlier
        return _write(legs, accounts)


def _write(legs: Sequence[Leg], accounts: dict[int, Account]) -> list[Transfer]:
    """Apply the legs to the locked accounts, then insert the transfers and write the balances: two statements."""
    transfers = [_apply(leg, accounts) for leg in legs]
    Transfer.objects.bulk_create(transfers)
    Account.objects.filter(pk__in=accounts).update(
        balance=Case(
            *(When(pk=pk, then=Value(a.balance)) for pk, a in accounts.items()), output_field=BigIntegerField()
        ),
        pending_out=Case(
            *(When(pk=pk, then=Value(a.pending_out)) for pk, a in accounts.items()), output_field=BigIntegerField()
        ),
    )
    return transfers


@dataclass(frozen=True)
class AccountKey:
    """An account by what it is for; `may_go_negative` is used only when it is created."""

    owner_id: int | None
    purpose: str
    currency: str
    reference: str = ""
    may_go_negative: bool = False

    def q(self) -> Q:
        owner = Q(owner__isnull=True) if self.owner_id is None else Q(owner_id=self.owner_id)
        return owner & Q(purpose=self.purpose, currency=self.currency, reference=self.reference)

    def of(self, account: Account) -> bool:
        return (account.owner_id, account.purpose, account.currency, account.reference) == (
            self.owner_id,
            self.purpose,
            self.currency,
            self.reference,
        )


@dataclass(frozen=True)
class Locked:
    """Accounts locked in this transaction by `accounts_locked`, and whether any of the leg ids was posted."""

    accounts: dict[AccountKey, Account]
    posted_before: bool

    def __getitem__(self, key: AccountKey) -> Account:
        return self.accounts[key]


def accounts_locked(*keys: AccountKey, leg_ids: Sequence[uuid.UUID]) -> Locked:
    """Lock the accounts in one statement, in id order; the same statement says whether any of `leg_ids` was
    posted already. Accounts money never touched are created first, before any is locked: an insert made while
    holding locks would take its lock out of id order, and two first releases to one freelancer would deadlock.
    Call inside a transaction."""
    _create_missing(keys)
    found = _locked_by_key(keys, leg_ids)
    accounts = {key: next(account for account in found if key.of(account)) for key in keys}
    return Locked(accounts=accounts, posted_before=any(account.posted for account in found))


def _create_missing(keys: Sequence[AccountKey]) -> None:
    existing = list(Account.objects.filter(_where(keys)))
    for key in keys:
        if not any(key.of(account) for account in existing):
            account_of(key)


def _where(keys: Sequence[AccountKey]) -> Q:
    where = Q()
    for key in keys:
        where |= key.q()
    return where


def _locked_by_key(keys: Sequence[AccountKey], leg_ids: Sequence[uuid.UUID]) -> list[Any]:
    posted = Exists(Transfer.objects.filter(pk__in=leg_ids))
    return list(Account.objects.select_for_update().filter(_where(keys)).annotate(posted=posted).order_by("pk"))


def account_of(key: AccountKey) -> Account:
    """The account `key` names, created on first use (for writes)."""
    account, _created = Account.objects.get_or_create(
        owner_id=key.owner_id,
        purpose=key.purpose,
        currency=key.currency,
        reference=key.reference,
        defaults={"may_go_negative": key.may_go_negative},
    )
    return account


def post_locked(*legs: Leg, locked: Locked) -> list[Transfer]:
    """`post()` for a caller that locked the legs' accounts with `accounts_locked` in its transaction and
    holds a lock that serialises these leg ids (an escrow step holds its milestone): no second lock, no
    savepoint, and the idempotency check came with the lock. Returns the earlier transfers if posted before."""
    for leg in legs:
        _check_shape(leg)
    _check_distinct(legs)
    if locked.posted_before:
        earlier = _earlier(legs)
        if earlier is not None:
            return earlier
    accounts = {account.pk: account for account in locked.accounts.values()}
    if any(leg.debit.pk not in accounts or leg.credit.pk not in accounts for leg in legs):
        raise InvalidInput(_("Every account of the transfer must be locked first."))
    return _write(legs, accounts)


def _check_shape(leg: Leg) -> None:
    if not is_whole(leg.amount) or leg.amount <= 0:
        raise InvalidInput(
            _("Amounts are whole numbers of minor units above zero."), fields={"amount": [_("Invalid amount.")]}
        )
    if leg.debit.pk == leg.credit.pk:
        raise InvalidInput(_("A transfer moves money between two different accounts."))
    if leg.debit.currency != leg.credit.currency:
        raise InvalidInput(
            _("Both accounts of a transfer must hold the same currency."), fields={"currency": [_("Mixed currencies.")]}
        )
    if (leg.phase in (Phase.POST_PENDING, Phase.VOID_PENDING)) != (leg.pending is not None):
        raise InvalidInput(_("Only posting or voiding a pending transfer refers to one."))


def _check_distinct(legs: Sequence[Leg]) -> None:
    """Within one request, ids and resolved reservations are distinct (else the database would refuse with a 500)."""
    if len({leg.id for leg in legs}) != len(legs):
        raise InvalidInput(_("Each leg of a request needs its own id."))
    resolving = [leg.pending.pk for leg in legs if leg.pending is not None]
    if len(set(resolving)) != len(resolving):
        raise InvalidInput(_("A pending transfer is posted or voided only once."))


def _lock(ids: set[int]) -> dict[int, Account]:
    """Lock in id order, so two posts touching the same accounts can never deadlock."""
    return {account.pk: account for account in Account.objects.select_for_update().filter(pk__in=ids).order_by("pk")}


def _earlier(legs: Sequence[Leg]) -> list[Transfer] | None:
    found = Transfer.objects.in_bulk([leg.id for leg in legs])
    if not found:
        return None
    if len(found) != len(legs) or any(not _same(found[leg.id], leg) for leg in legs):
        raise IdempotencyMismatch()
    return [found[leg.id] for leg in legs]


def _same(transfer: Transfer, leg: Leg) -> bool:
    return (
        transfer.debit_id == leg.debit.pk
        and transfer.credit_id == leg.credit.pk
        and transfer.amount == leg.amount
        and transfer.kind == leg.kind
        and transfer.phase == leg.phase
        and transfer.pending_id == (leg.pending.pk if leg.pending else None)
        and transfer.reference == leg.reference
        and transfer.milestone_id == leg.milestone_id
    )


def _apply(leg: Leg, accounts: dict[int, Account]) -> Transfer:
    debit, credit = accounts[leg.debit.pk], accounts[leg.credit.pk]
    if leg.phase == Phase.POSTED:
        _spend(debit, leg.amount)
        credit.balance += leg.amount
    elif leg.phase == Phase.PENDING:
        _reserve(debit, leg.amount)
    else:
        _resolve(leg, debit, credit)
    return Transfer(
        id=leg.id,
        debit=debit,
        credit=credit,
        amount=leg.amount,
        currency=debit.currency,
        phase=leg.phase,
        pending=leg.pending,
        kind=leg.kind,
        reference=leg.reference,
        description=leg.description,
        milestone_id=leg.milestone_id,
    )


def _spend(account: Account, amount: int) -> None:
    if not account.may_go_negative and account.available < amount:
        raise InsufficientFunds()
    account.balance -= amount


def _reserve(account: Account, amount: int) -> None:
    if not account.may_go_negative and account.available < amount:
        raise InsufficientFunds()
    account.pending_out += amount


def _resolve(leg: Leg, debit: Account, credit: Account) -> None:
    pending = leg.pending
    assert pending is not None
    if pending.phase != Phase.PENDING or Transfer.objects.filter(pending=pending).exists():
        raise Conflict(_("That pending transfer was already posted or voided."), code="pending_resolved")
    if (pending.debit_id, pending.credit_id) != (debit.pk, credit.pk):
        raise InvalidInput(_("A pending transfer is posted between its own two accounts."))
    if leg.phase == Phase.VOID_PENDING and leg.amount != pending.amount:
        raise InvalidInput(_("Voiding releases the whole pending amount."))
    if leg.amount > pending.amount:
        raise InvalidInput(_("Cannot post more than was reserved."), fields={"amount": [_("Too large.")]})
    debit.pending_out -= pending.amount  # the whole reservation ends; any remainder is free again
    if leg.phase == Phase.POST_PENDING:
        debit.balance -= leg.amount
        credit.balance += leg.amount


# ---- accounts ------------------------------------------------------------------------------------


def account_found(*, owner: User, purpose: str, currency: str, reference: str = "") -> Account:
    """For reads, which never create: the account, or an unsaved empty one if no money has touched it yet."""
    found = Account.objects.filter(owner=owner, purpose=purpose, currency=currency, reference=reference).first()
    return found or Account(owner=owner, purpose=purpose, currency=currency, reference=reference)


def wallet_found(*, owner: User, currency: str) -> Account:
    """The wallet as a page shows it: read only, an empty unsaved one when the person has none in `currency`."""
    return account_found(owner=owner, purpose=Purpose.WALLET, currency=currency)


def account_for(*, owner: User, purpose: str, currency: str, reference: str = "") -> Account:
    """For writes (posting): the account, created on first use."""
    return account_of(AccountKey(owner.pk, purpose, currency, reference))


def platform_account(*, purpose: str, currency: str, key: uuid.UUID | None = None) -> Account:
    """One of several shards of a platform account (fees, gateway, exchange): chosen at random, or from
    `key` so that repeating an idempotent request finds the same accounts."""
    return account_of(platform_key(purpose=purpose, currency=currency, key=key))


def platform_key(*, purpose: str, currency: str, key: uuid.UUID | None = None) -> AccountKey:
    """Which shard `platform_account` picks, as a key for `accounts_locked`."""
    number = key.int % PLATFORM_SHARDS if key else random.randrange(PLATFORM_SHARDS)  # noqa: S311 -- load, not security
    return AccountKey(None, purpose, currency, f"shard-{number}", may_go_negative=True)


def wallet(*, owner: User, currency: str) -> Account:
    return account_for(owner=owner, purpose=Purpose.WALLET, currency=currency)
