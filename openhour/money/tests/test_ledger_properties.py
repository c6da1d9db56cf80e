"""Whatever sequence of operations people attempt, the ledger adds up and no wallet goes below zero.

Each example runs against a small model of what should happen (balances and reservations per wallet), so
a refusal that should not happen, or a success that should not, fails too.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openhour.lib.errors import Conflict, DomainError, InvalidInput
from openhour.money.audit import ledger_problems
from openhour.money.ledger import InsufficientFunds, Leg, platform_account, post, wallet
from openhour.money.models import Account, Phase, Purpose, Transfer

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

WALLETS = 3
who = st.integers(0, WALLETS - 1)
amount = st.integers(1, 5_000)
operation = st.one_of(
    st.tuples(st.just("deposit"), who, amount),
    st.tuples(st.just("transfer"), who, who, amount),
    st.tuples(st.just("pair"), who, who, who, amount, amount),  # two legs in one post
    st.tuples(st.just("reserve"), who, who, amount),
    st.tuples(st.just("post_pending"), st.integers(0, 9), amount),
    st.tuples(st.just("void"), st.integers(0, 9)),
    st.tuples(st.just("repeat"), st.integers(0, 20)),  # post an earlier successful request again
)


@dataclass
class Reservation:
    transfer: Transfer
    debit: int
    credit: int
    amount: int
    resolved: bool = False


class Model:
    """What the wallets should hold, in plain integers."""

    def __init__(self) -> None:
        self.balance = [0] * WALLETS
        self.pending_out = [0] * WALLETS

    def available(self, i: int) -> int:
        return self.balance[i] - self.pending_out[i]


def run(ops: list[tuple], users: list) -> None:
    gateway = platform_account(purpose=Purpose.GATEWAY, currency="GBP")
    wallets = [wallet(owner=user, currency="GBP") for user in users]
    model = Model()
    reservations: list[Reservation] = []
    done: list[tuple[Leg, ...]] = []

    def attempt(legs: tuple[Leg, ...], expected: type[Exception] | None) -> list[Transfer] | None:
        if expected is None:
            result = post(*legs)
            done.append(legs)
            return result
        try:
            post(*legs)
        except expected:
            return None
        raise AssertionError(f"expected {expected.__name__} from {legs}")

    for op in ops:
        before = model.balance[:], model.pending_out[:]
        kind = op[0]
        if kind == "deposit":
            _, i, n = op
            attempt((Leg(debit=gateway, credit=wallets[i], amount=n, kind="deposit"),), None)
            model.balance[i] += n
        elif kind == "transfer":
            _, a, b, n = op
            leg = Leg(debit=wallets[a], credit=wallets[b], amount=n, kind="payment")
            if a == b:
                attempt((leg,), InvalidInput)
            elif model.available(a) < n:
                attempt((leg,), InsufficientFunds)
            else:
                attempt((leg,), None)
                model.balance[a] -= n
                model.balance[b] += n
        elif kind == "pair":
            _, a, b, c, n, m = op
            legs = (
                Leg(debit=wallets[a], credit=wallets[b], amount=n, kind="payment"),
                Leg(debit=wallets[b], credit=wallets[c], amount=m, kind="payment"),
            )
            if a == b or b == c:
                attempt(legs, InvalidInput)
            elif model.available(a) < n or model.available(b) + n < m:
                attempt(legs, InsufficientFunds)
            else:
                attempt(legs, None)
                model.balance[a] -= n
                model.balance[b] += n - m
                model.balance[c] += m
        elif kind == "reserve":
            _, a, b, n = op
            leg = Leg(debit=wallets[a], credit=wallets[b], amount=n, kind="payout", phase=Phase.PENDING)
            if a == b:
                attempt((leg,), InvalidInput)
            elif model.available(a) < n:
                attempt((leg,), InsufficientFunds)
            else:
                (pending,) = attempt((leg,), None) or []
                reservations.append(Reservation(pending, a, b, n))
                model.pending_out[a] += n
        elif kind in ("post_pending", "void") and reservations:
            r = reservations[op[1] % len(reservations)]
            n = op[2] if kind == "post_pending" else r.amount
            phase = Phase.POST_PENDING if kind == "post_pending" else Phase.VOID_PENDING
            leg = Leg(
                debit=wallets[r.debit],
                credit=wallets[r.credit],
                amount=n,
                kind="payout",
                phase=phase,
                pending=r.transfer,
            )
            if r.resolved:
                attempt((leg,), Conflict)
            elif n > r.amount:
                attempt((leg,), InvalidInput)
            else:
                attempt((leg,), None)
                r.resolved = True
                model.pending_out[r.debit] -= r.amount
                if phase == Phase.POST_PENDING:
                    model.balance[r.debit] -= n
                    model.balance[r.credit] += n
        elif kind == "repeat" and done:
            legs = done[op[1] % len(done)]
            again = post(*legs)
            assert [t.pk for t in again] == [leg.id for leg in legs]
        else:
            continue
        if kind == "repeat":
            assert (model.balance, model.pending_out) == before  # the same ids move nothing the second time

        for account, expected_balance, expected_pending in zip(wallets, model.balance, model.pending_out, strict=True):
            account.refresh_from_db()
            assert (account.balance, account.pending_out) == (expected_balance, expected_pending), op
        assert not Account.objects.filter(may_go_negative=False, balance__lt=0).exists()
        assert ledger_problems() == []
        gateways = Account.objects.filter(purpose=Purpose.GATEWAY).aggregate(total=Sum("balance"))["total"]
        assert sum(model.balance) == -gateways


class Rollback(Exception):
    pass


@PROPERTY_SETTINGS
@given(ops=st.lists(operation, max_size=25))
def test_random_operations_keep_the_ledger_sound(db, clara, fred, olga, ops):
    try:
        with transaction.atomic():
            run(ops, [clara, fred, olga])
            raise Rollback  # every example starts from an empty ledger
    except Rollback:
        pass
    assert ledger_problems() == []


@PROPERTY_SETTINGS
@given(n=amount, m=amount)
def test_a_refused_request_never_leaves_a_trace(db, clara, fred, n, m):
    try:
        with transaction.atomic():
            gateway = platform_account(purpose=Purpose.GATEWAY, currency="GBP")
            payer, payee = wallet(owner=clara, currency="GBP"), wallet(owner=fred, currency="GBP")
            post(Leg(debit=gateway, credit=payer, amount=n, kind="deposit"))
            count = Transfer.objects.count()
            try:
                post(Leg(debit=payer, credit=payee, amount=m, kind="payment"))
            except DomainError:
                assert m > n
                assert Transfer.objects.count() == count
            payer.refresh_from_db()
            payee.refresh_from_db()
            assert payer.balance >= 0
            assert payer.balance + payee.balance == n
            assert ledger_problems() == []
            raise Rollback
    except Rollback:
        pass
    assert ledger_problems() == []
