"""Escrow on PostgreSQL under real parallel processes: a milestone is funded and released once, a pair's
tiered fee comes out the same whatever order releases land in, a replayed Idempotency-Key moves money once,
and a process killed in the middle of an operation leaves nothing half-done.

Children are forked from the test process, so they inherit a configured Django pointing at the test
database. The parent closes its connection before forking, so no socket is ever shared; each child opens
its own connection and closes it when done.
"""

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.test import Client

from openhour.contracts.models import Milestone, MilestoneEvent
from openhour.lib.errors import DomainError
from openhour.money import fees
from openhour.money.gateways import gateway
from openhour.money.models import Account, Billing, Payment, Purpose, Transfer
from openhour.money.services import escrow, payments
from openhour.money.tests.kit import contract_between, top_up

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FORK = multiprocessing.get_context("fork")


def in_processes(count: int, work: Callable[[], Any]) -> list[Any]:
    """Run `work` in `count` processes released together. Each gives back what `work` returned, or the code
    of the DomainError it raised, or `crash: ...` for anything else."""
    connections.close_all()  # the children must not inherit an open socket
    barrier, results = FORK.Barrier(count), FORK.Queue()

    def child(index: int) -> None:
        connections.close_all()
        try:
            barrier.wait(timeout=30)
            outcome = work()
        except DomainError as error:
            outcome = error.code
        except Exception as error:  # reported to the test, which fails on it
            outcome = f"crash: {error!r}"
        finally:
            connections.close_all()
        results.put((index, outcome))

    children = [FORK.Process(target=child, args=(index,)) for index in range(count)]
    for process in children:
        process.start()
    collected = dict(results.get(timeout=90) for _ in children)
    for process in children:
        process.join(timeout=30)
        assert process.exitcode == 0
    return [collected[index] for index in range(count)]


def balance(user: Any) -> int:
    """A plain read (no get_or_create: that would wait on a wallet row a blocked child is inserting)."""
    found = Account.objects.filter(owner=user, purpose=Purpose.WALLET, currency="GBP").values_list("balance")
    return found[0][0] if found else 0


def funded_milestone(client: Any, freelancer: Any, amount: int = 20_000) -> Milestone:
    milestone = contract_between(client, freelancer, amount).milestones.get()
    top_up(client, escrow.funding_quote(milestone).total)
    return escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=client)


def test_many_simultaneous_releases_of_one_milestone_pay_once(clara, fred, ledger_ok):
    milestone = funded_milestone(clara, fred, 20_000)

    outcomes = in_processes(8, lambda: escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=clara).pk)

    assert sorted(outcomes, key=str) == [milestone.pk] + ["milestone_released"] * 7
    assert balance(fred) == 20_000 - 4_000  # 20% fee, taken once
    assert Transfer.objects.filter(kind="release", reference=f"milestone:{milestone.pk}").count() == 1
    assert MilestoneEvent.objects.filter(milestone=milestone, action="release").count() == 1
    assert Billing.objects.get(client=clara, freelancer=fred).billed == 20_000
    ledger_ok()


def test_simultaneous_fundings_of_one_milestone_charge_the_client_once(clara, fred, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, 100_000)  # enough for several fundings, so only the milestone's state can stop them

    outcomes = in_processes(8, lambda: escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara).pk)

    assert sorted(outcomes, key=str) == [milestone.pk] + ["milestone_funded"] * 7
    milestone.refresh_from_db()
    assert (milestone.status, milestone.client_fee) == ("funded", 1_000)
    assert balance(clara) == 100_000 - 21_000
    assert escrow.escrow_account(milestone).balance == 20_000
    ledger_ok()


def test_releases_of_one_pairs_milestones_at_once_are_billed_cumulatively(clara, fred, ledger_ok):
    # Two contracts, one pair: the fee tiers run on what Fred billed Clara, whichever contract it came from.
    amounts = [40_000, 30_000, 25_000, 15_000]
    milestones = [
        *contract_between(clara, fred, *amounts[:2]).milestones.all(),
        *contract_between(clara, fred, *amounts[2:]).milestones.all(),
    ]
    top_up(clara, sum(escrow.funding_quote(m).total for m in milestones))
    for milestone in milestones:
        escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=clara)
    queue = FORK.Queue()  # each process takes the next milestone
    for milestone in milestones:
        queue.put(milestone.pk)

    def release_one() -> int:
        done = escrow.escrow_release(milestone_id=queue.get(timeout=10), actor="client", by=clara)
        return done.freelancer_fee

    charged = in_processes(len(milestones), release_one)

    whole = fees.freelancer_fee(amount=sum(amounts), billed_before=0, currency="GBP").fee
    assert whole == 10_000 + 4_500  # 20% of £500, 7.5% of the other £600
    assert all(isinstance(fee, int) for fee in charged), charged
    assert sum(charged) == whole  # every part lands on exact pennies here, so the order cannot change the sum
    assert Billing.objects.get(client=clara, freelancer=fred, currency="GBP").billed == sum(amounts)
    assert balance(fred) == sum(amounts) - whole
    assert [m.status for m in Milestone.objects.filter(pk__in=[m.pk for m in milestones])] == ["released"] * 4
    ledger_ok()


def test_a_replayed_idempotency_key_sent_at_once_moves_money_once(clara, fred, bearer, ledger_ok):
    milestone = contract_between(clara, fred, 20_000).milestones.get()
    top_up(clara, 100_000)
    headers = bearer(clara) | {"Idempotency-Key": "fund-once"}

    def send() -> tuple[int, Any]:
        answer = Client(headers=headers).post(
            f"/api/v1/milestones/{milestone.pk}/fund", {}, content_type="application/json"
        )
        return answer.status_code, answer.json()

    answers = in_processes(6, send)

    assert not [a for a in answers if isinstance(a, str)], answers
    successes = [body for code, body in answers if code == 200]
    in_progress = [body for code, body in answers if code == 409]
    assert successes, answers
    assert all(body == successes[0] for body in successes), answers  # every repeat gets the first answer
    assert all(body["error"]["code"] == "idempotency_in_progress" for body in in_progress), answers
    assert len(successes) + len(in_progress) == len(answers)
    assert successes[0]["status"] == "funded"
    assert balance(clara) == 100_000 - 21_000
    again = Client(headers=headers).post(f"/api/v1/milestones/{milestone.pk}/fund", {}, content_type="application/json")
    assert (again.status_code, again.json()) == (200, successes[0])
    ledger_ok()


# ---- a process killed mid-operation --------------------------------------------------------------


def hang_inside(operation: Callable[[], Any], ready: Any, backend: Any, in_statement: bool) -> None:
    """Run `operation` in a transaction that never commits: after it, wait (in Python, or inside a SQL
    statement) until killed."""
    connections.close_all()
    with transaction.atomic(), connection.cursor() as cursor:
        operation()
        cursor.execute("SELECT pg_backend_pid()")
        backend.value = cursor.fetchone()[0]
        if in_statement:  # let the server notice the vanished client even while it runs a statement
            cursor.execute("SET LOCAL client_connection_check_interval = 100")
        ready.set()
        if in_statement:
            cursor.execute("SELECT pg_sleep(120)")
        time.sleep(120)


def backend_state(pid: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT state FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row[0] if row else None


def wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def kill_midway(operation: Callable[[], Any], *, in_statement: bool, meanwhile: Callable[[], None]) -> None:
    """Start `operation` in a child, run `meanwhile` (checks) while the child's transaction is open, kill the
    child with SIGKILL, and wait until the server has ended that transaction."""
    connections.close_all()
    ready, backend = FORK.Event(), FORK.Value("i", 0)
    child = FORK.Process(target=hang_inside, args=(operation, ready, backend, in_statement))
    child.start()
    assert ready.wait(timeout=30), "the child never got into its transaction"
    expected = "active" if in_statement else "idle in transaction"
    wait_for(lambda: backend_state(backend.value) == expected, f"the child's backend to be {expected}")
    meanwhile()
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.join(timeout=10)
    assert child.exitcode == -signal.SIGKILL
    wait_for(lambda: backend_state(backend.value) is None, "the server to end the dead child's session")


def row_is_locked(milestone_id: int) -> bool:
    try:
        with transaction.atomic():
            Milestone.objects.select_for_update(nowait=True).filter(pk=milestone_id).first()
    except DatabaseError:
        return True
    return False


@pytest.mark.parametrize("in_statement", [False, True], ids=["idle-in-transaction", "inside-a-statement"])
def test_a_release_killed_midway_leaves_nothing_half_done(clara, fred, in_statement, ledger_ok):
    milestone = funded_milestone(clara, fred, 20_000)
    before = {t.pk for t in Transfer.objects.all()}

    def release() -> str:
        return escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=clara).status

    def meanwhile() -> None:
        assert row_is_locked(milestone.pk)  # the child is mid-release, holding the milestone's lock
        assert balance(fred) == 0  # and nothing it did is visible before a commit

    kill_midway(release, in_statement=in_statement, meanwhile=meanwhile)

    milestone.refresh_from_db()
    assert (milestone.status, milestone.released, milestone.freelancer_fee) == ("funded", 0, 0)
    assert {t.pk for t in Transfer.objects.all()} == before
    assert not MilestoneEvent.objects.filter(milestone=milestone, action="release").exists()
    assert not Billing.objects.filter(client=clara, freelancer=fred, billed__gt=0).exists()
    assert (balance(fred), escrow.escrow_account(milestone).balance) == (0, 20_000)
    ledger_ok()

    assert in_processes(2, release) in (["released", "milestone_released"], ["milestone_released", "released"])
    assert balance(fred) == 16_000
    ledger_ok()


@pytest.mark.parametrize("in_statement", [False, True], ids=["idle-in-transaction", "inside-a-statement"])
def test_a_deposit_killed_while_settling_leaves_nothing_half_done(clara, in_statement, ledger_ok):
    waiting = payments.deposit_start(payer=clara, amount=5_000, currency="GBP", card_token="tok_3ds")
    assert waiting.status == "requires_action"
    charge = gateway(waiting.gateway).lookup(ref=waiting.provider_ref, confirmed=True)  # outside any transaction

    def settle() -> None:
        payments.payment_settle(payment_id=waiting.pk, charge=charge)

    def meanwhile() -> None:
        assert balance(clara) == 0

    kill_midway(settle, in_statement=in_statement, meanwhile=meanwhile)

    waiting.refresh_from_db()
    assert waiting.status == "requires_action"
    assert not Transfer.objects.filter(reference=f"payment:{waiting.pk}").exists()
    assert balance(clara) == 0
    ledger_ok()

    settled = in_processes(3, lambda: payments.payment_confirm(payment_id=waiting.pk, by=clara).status)
    assert settled == ["succeeded"] * 3  # a confirmation after the first one reports the same outcome
    assert Payment.objects.get(pk=waiting.pk).status == "succeeded"
    assert balance(clara) == 5_000
    assert Transfer.objects.filter(reference=f"payment:{waiting.pk}").count() == 1
    ledger_ok()
