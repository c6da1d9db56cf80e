"""A release scales with clients: a bounded number of statements, no row shared by releases of different
contracts (the invoice is numbered afterwards, by the worker or its first read), and invoice numbers that stay
gapless and in date order however releases and numbering rounds interleave.

The statement count runs on SQLite and on PostgreSQL; the parallel tests need PostgreSQL's row locks and run
in forked processes, each with its own connection (the parent closes its own before forking).
"""

import multiprocessing
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from conftest import make_user
from openhour.contracts.models import Milestone
from openhour.money import ledger
from openhour.money.ledger import PLATFORM_SHARDS
from openhour.money.models import Invoice, Purpose
from openhour.money.services import escrow, invoices
from openhour.money.tests.kit import contract_between, top_up

FORK = multiprocessing.get_context("fork")
MOST_STATEMENTS = 15


def funded(client: Any, freelancer: Any, *amounts: int) -> list[Milestone]:
    milestones = list(contract_between(client, freelancer, *amounts).milestones.all())
    top_up(client, sum(escrow.funding_quote(m).total for m in milestones))
    return [escrow.escrow_fund(milestone_id=m.pk, actor="client", by=client) for m in milestones]


def fee_shard(milestone: Milestone) -> int:
    """The shard of platform fees the milestone's release pays its fee into."""
    return escrow._leg_id(milestone, "freelancer_fee").int % PLATFORM_SHARDS


def statements_of_one_release(client: Any, freelancer: Any) -> tuple[list[str], list[str]]:
    """The SQL of one release once its accounts exist (the pair's second, every fee shard in use): inside
    its transaction without BEGIN and COMMIT, and after COMMIT."""
    first, second = funded(client, freelancer, 20_000, 30_000)
    escrow.escrow_release(milestone_id=first.pk, actor="client", by=client)
    for shard in range(PLATFORM_SHARDS):
        ledger.platform_account(purpose=Purpose.PLATFORM_FEES, currency="GBP", key=uuid.UUID(int=shard))
    with CaptureQueriesContext(connection) as captured:
        escrow.escrow_release(milestone_id=second.pk, actor="client", by=client)
    sql = [query["sql"] for query in captured.captured_queries]
    assert sql[0].startswith("BEGIN") and "COMMIT" in sql, sql
    commit = sql.index("COMMIT")
    return sql[1:commit], sql[commit + 1 :]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_release_issues_at_most_fifteen_statements(clara, fred, ledger_ok):
    inside, after = statements_of_one_release(clara, fred)

    assert len(inside) <= MOST_STATEMENTS, "\n".join(inside)
    assert after == []  # its statement is numbered by the worker or on first read, not by the payment
    assert not any("money_invoicesequence" in sql for sql in inside)
    ledger_ok()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_release_issues_at_most_fifteen_statements_on_postgres(clara, fred, ledger_ok):
    inside, after = statements_of_one_release(clara, fred)

    assert len(inside) <= MOST_STATEMENTS, "\n".join(inside)
    assert after == []
    assert not any("money_invoicesequence" in sql for sql in inside)
    ledger_ok()


@pytest.mark.django_db
def test_a_statement_not_numbered_yet_is_numbered_when_first_read(clara, fred, client_for, ledger_ok):
    (milestone,) = funded(clara, fred, 20_000)
    invoices.invoices_number_due()  # the worker numbers Clara's receipt
    escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=clara)
    statement = Invoice.objects.get(kind="statement")
    assert statement.number is None  # the worker has not come round yet

    page = client_for(fred).get("/wallet/invoices")

    statement.refresh_from_db()
    expected = f"OH-{statement.issued_at.year}-{invoices.series_for(fred)}-000001"
    assert statement.number == expected and expected in page.text and "numbering" not in page.text
    assert invoices.invoices_number_due() == 0  # nothing left for the worker
    ledger_ok()


# ---- PostgreSQL: releases in parallel --------------------------------------------------------------------


def run_apart(*works: Callable[[], Any]) -> list[Any]:
    """Run each of `works` in its own forked process; each gives back what it returned, or `error: ...`."""
    connections.close_all()  # the children must not inherit an open socket
    results = FORK.Queue()

    def child(index: int, work: Callable[[], Any]) -> None:
        connections.close_all()
        try:
            outcome = work()
        except Exception as error:  # reported to the test, which asserts on it
            outcome = f"error: {error!r}"
        finally:
            connections.close_all()
        results.put((index, outcome))

    children = [FORK.Process(target=child, args=(index, work)) for index, work in enumerate(works)]
    for process in children:
        process.start()
    collected = dict(results.get(timeout=90) for _ in children)
    for process in children:
        process.join(timeout=30)
    return [collected[index] for index in range(len(works))]


def held_open_while(milestone: Milestone, client: Any, holding: Any, done: Any) -> Callable[[], str]:
    """A release that keeps its transaction (and every lock it took) open until `done` is set."""

    def work() -> str:
        with transaction.atomic():
            escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=client)
            holding.set()
            done.wait(timeout=60)
        return "released"

    return work


def released_meanwhile(milestone: Milestone, client: Any, holding: Any, done: Any) -> Callable[[], str]:
    """Once the other release holds its locks, release `milestone`, giving up if a lock takes over 3 s."""

    def work() -> str:
        assert holding.wait(timeout=30)
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '3s'")
                escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=client)
            return "released"
        except OperationalError:
            return "waited"
        finally:
            done.set()

    return work


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_releases_of_different_contracts_do_not_wait_on_each_other(clara, fred, ledger_ok):
    # Another client and freelancer, and a milestone of theirs whose fee goes to another shard than ours.
    client = make_user("carl", name="Carl Client", client=True)
    freelancer = make_user("fiona", name="Fiona Freelancer", freelancer=True)
    ours, theirs = funded(clara, fred, 20_000)[0], funded(client, freelancer, 20_000, 20_000, 20_000)
    other = next(m for m in theirs if fee_shard(m) != fee_shard(ours))
    holding, done = FORK.Event(), FORK.Event()

    outcomes = run_apart(held_open_while(ours, clara, holding, done), released_meanwhile(other, client, holding, done))

    assert outcomes == ["released", "released"]
    assert {m.status for m in Milestone.objects.filter(pk__in=[ours.pk, other.pk])} == {"released"}
    ledger_ok()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_releases_to_one_freelancer_from_one_client_do_wait(clara, fred, ledger_ok):
    # The control: the contract, the freelancer's wallet and the pair's billing row are shared, so the test
    # above would see a wait if there were one.
    first, second = funded(clara, fred, 20_000, 20_000)
    holding, done = FORK.Event(), FORK.Event()

    outcomes = run_apart(held_open_while(first, clara, holding, done), released_meanwhile(second, clara, holding, done))

    assert outcomes == ["released", "waited"]
    ledger_ok()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_invoice_numbers_stay_gapless_and_in_date_order_under_parallel_releases(ledger_ok):
    pairs = [
        (
            make_user(f"client{n}", name=f"Client {n}", client=True),
            make_user(f"free{n}", name=f"Free {n}", freelancer=True),
        )
        for n in range(4)
    ]
    milestones = [(client, m) for client, freelancer in pairs for m in funded(client, freelancer, *[10_000] * 3)]

    def release(client: Any, ids: list[int]) -> Callable[[], int]:
        def work() -> int:
            for pk in ids:
                escrow.escrow_release(milestone_id=pk, actor="client", by=client)
            return len(ids)

        return work

    def numbering_rounds() -> int:
        return sum(invoices.invoices_number_due() for _ in range(20))

    by_client: dict[Any, list[int]] = {}
    for client, milestone in milestones:
        by_client.setdefault(client, []).append(milestone.pk)
    outcomes = run_apart(*(release(c, ids) for c, ids in by_client.items()), numbering_rounds, numbering_rounds)
    invoices.invoices_number_due()  # the worker's next round

    assert not [o for o in outcomes if isinstance(o, str)], outcomes
    assert Invoice.objects.filter(kind="statement").count() == 12
    assert not Invoice.objects.filter(number__isnull=True).exists()
    runs: dict[tuple[str, str], list[tuple[int, Any]]] = {}
    for number, issued_at in Invoice.objects.values_list("number", "issued_at"):
        _prefix, year, series, n = str(number).split("-")
        runs.setdefault((year, series), []).append((int(n), issued_at))
    for key, run in runs.items():
        run.sort()
        assert [n for n, _ in run] == list(range(1, len(run) + 1)), key  # no gaps, no repeats
        assert [at for _, at in run] == sorted(at for _, at in run), key  # number order is date order
    ledger_ok()
