"""Releases per second through the escrow service on PostgreSQL, next to pgbench's TPC-B on the same server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/openhour_bench python bench/ledger.py [--rounds 3] [--seconds 10]

The database named by DATABASE_URL is dropped and made anew, migrated, and filled through the real
services: clients deposit by the sandbox card, then fund one milestone after another into escrow. pgbench's
own database (`--pgbench-db`) is made at scale `--scale` (10 by default, so its branches are not one hot row).
Then the two take turns, `--rounds` times: `escrow_release` in 1 process, pgbench TPC-B with 1 client, releases
in 4 processes, pgbench with 4 clients, each for `--seconds`. Each of our processes releases the milestones of
its own client-freelancer pairs, as different contracts do, while one more runs the worker's invoice numbering
round every second. The table shows the median of each and our share of
pgbench's; the statements of one release are counted first, and `ledger_check` and a check that every invoice
got its number, without gaps, close the run.
"""

import argparse
import multiprocessing
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/openhour_bench"
PAIRS = 8  # client-freelancer pairs: a pair's releases queue on the freelancer's wallet, as they must
AMOUNT = 10_000  # each milestone: £100
CLIENTS = (1, 4)
FORK = multiprocessing.get_context("fork")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=10, help="how long each measurement runs (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four measurements (default 3)")
    parser.add_argument("--milestones", type=int, default=6_000, help="funded milestones to release (default 6000)")
    parser.add_argument("--scale", type=int, default=10, help="pgbench's scale factor (default 10)")
    parser.add_argument("--pgbench-db", default="openhour_pgbench", help="database for pgbench's own tables")
    return parser.parse_args()


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def recreate(url: str) -> None:
    """Drop and create the database named by `url`, connecting to the server's `postgres` database."""
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')


def start_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# ---- filling the database through the services ---------------------------------------------------------


def cast(count: int) -> list[tuple[Any, Any]]:
    from allauth.account.models import EmailAddress

    from openhour.accounts.models import User

    def person(name: str, **role: bool) -> Any:
        user = User.objects.create_user(username=name, email=f"{name}@example.com", name=name.title(), **role)
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
        return user

    return [(person(f"client{n}", is_client=True), person(f"freelancer{n}", is_freelancer=True)) for n in range(count)]


def funded_milestones(total: int, processes: int = 4) -> list[list[int]]:
    """`total` funded milestones, as one list per pair: the milestones are made here, then `processes`
    workers deposit by card and fund them from the wallet, pair by pair."""
    from django.db import connections

    from openhour.contracts.models import Milestone
    from openhour.contracts.services.contracts import ContractTerms, contract_start

    blocks: list[list[int]] = []
    for client, freelancer in cast(PAIRS):
        terms = ContractTerms(title="Benchmark", currency="GBP")
        contract = contract_start(client=client, freelancer=freelancer, terms=terms, milestones=[])
        # Milestones in bulk, after the start: through contract_start each would get a due date and deadline
        # timers, one save at a time, and every release would then cancel them, so the bench would measure
        # timers as well as escrow.
        made = Milestone.objects.bulk_create(
            Milestone.of(contract, title=f"Part {n}", amount=AMOUNT, due_in_days=7, position=n % 30_000)
            for n in range(total // PAIRS)
        )
        blocks.append([m.pk for m in made])
    connections.close_all()  # the workers must not share this process's socket
    workers = [FORK.Process(target=fund_blocks, args=(blocks[n::processes],)) for n in range(processes)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"a funding worker failed (exit code {worker.exitcode})")
    return blocks


def fund_blocks(blocks: list[list[int]]) -> None:
    from django.db import connections

    from openhour.contracts.models import Milestone
    from openhour.money.services import escrow, payments

    connections.close_all()
    for ids in blocks:
        first = Milestone.objects.select_related("contract__client").get(pk=ids[0])
        client, total = first.contract.client, escrow.funding_quote(first).total * len(ids)
        payments.deposit_start(payer=client, amount=total, currency="GBP", card_token="tok_visa")  # noqa: S106
        for pk in ids:
            escrow.escrow_fund(milestone_id=pk, actor="client", by=client)
    connections.close_all()


# ---- measuring ----------------------------------------------------------------------------------------


def statements_per_release(ids: list[int]) -> tuple[int, int]:
    """Statements of one release once its accounts exist: inside its transaction (BEGIN and COMMIT not
    counted), and after it (none: the worker numbers the invoice). Releases the first two milestones of `ids`
    (the first makes the freelancer's wallet), with every fee shard made first, and removes them."""
    import uuid

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openhour.contracts.models import Milestone
    from openhour.money import ledger
    from openhour.money.models import Purpose
    from openhour.money.services import escrow

    for shard in range(ledger.PLATFORM_SHARDS):
        ledger.platform_account(purpose=Purpose.PLATFORM_FEES, currency="GBP", key=uuid.UUID(int=shard))
    first, pk = ids.pop(0), ids.pop(0)
    client = Milestone.objects.select_related("contract__client").get(pk=pk).contract.client
    escrow.escrow_release(milestone_id=first, actor="client", by=client)
    with CaptureQueriesContext(connection) as captured:
        escrow.escrow_release(milestone_id=pk, actor="client", by=client)
    sql = [query["sql"] for query in captured.captured_queries]
    commit = next(n for n, text in enumerate(sql) if text == "COMMIT")
    inside = [text for text in sql[:commit] if text != "BEGIN"]
    after = [text for text in sql[commit + 1 :] if text not in ("BEGIN", "COMMIT")]
    return len(inside), len(after)


def release_all(index: int, ids: list[int], deadline_after: float, start: Any, results: Any) -> None:
    """One worker: release its milestones one by one until they run out or the time is up."""
    from django.db import connections

    from openhour.contracts.models import Milestone
    from openhour.money.services import escrow

    connections.close_all()
    clients = {m.pk: m.contract.client for m in Milestone.objects.filter(pk__in=ids).select_related("contract__client")}
    start.wait()
    began = time.perf_counter()
    done = 0
    for pk in ids:
        if time.perf_counter() - began >= deadline_after:
            break
        escrow.escrow_release(milestone_id=pk, actor="client", by=clients[pk])
        done += 1
    results.put((index, done, time.perf_counter() - began))
    connections.close_all()


class Queues:
    """The funded milestones of each pair not released yet; each worker takes from its own pairs."""

    def __init__(self, blocks: list[list[int]]) -> None:
        self.blocks = [list(block) for block in blocks]

    def lists(self, processes: int, each: int) -> list[list[int]]:
        taken: list[list[int]] = []
        for worker in range(processes):
            mine = self.blocks[worker::processes]
            ids = [pk for block in zip(*mine, strict=False) for pk in block]  # round robin over its pairs
            taken.append(ids[:each])
        return taken

    def used(self, ids: list[int]) -> None:
        gone = set(ids)
        self.blocks = [[pk for pk in block if pk not in gone] for block in self.blocks]


def number_invoices(stop: Any) -> None:
    """The worker's numbering round, every second while releases run (run_timers does it every 30 s)."""
    from django.db import connections

    from openhour.money.services import invoices

    connections.close_all()
    while not stop.wait(1.0):
        invoices.invoices_number_due()
    connections.close_all()


def releases_per_second(queues: Queues, processes: int, seconds: float, each: int) -> tuple[float, int, float, bool]:
    """Rate, count and wall time of releases by `processes` workers, and whether one ran out of milestones."""
    from django.db import connections

    connections.close_all()  # the workers must not share this process's socket
    start, results = FORK.Barrier(processes + 1), FORK.Queue()
    lists = queues.lists(processes, each)
    workers = [
        FORK.Process(target=release_all, args=(index, ids, seconds, start, results)) for index, ids in enumerate(lists)
    ]
    stop = FORK.Event()
    numbering = FORK.Process(target=number_invoices, args=(stop,))
    numbering.start()
    for worker in workers:
        worker.start()
    start.wait()
    outcomes = [results.get(timeout=seconds + 120) for _ in workers]
    stop.set()
    numbering.join()
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"a release worker failed (exit code {worker.exitcode})")
    short = False
    for index, done, _elapsed in outcomes:  # each worker released the first `done` of its list
        queues.used(lists[index][:done])
        short = short or done == len(lists[index])
    count, wall = sum(done for _, done, _ in outcomes), max(elapsed for _, _, elapsed in outcomes)
    return count / wall, count, wall, short


def pgbench(url: str, clients: int, seconds: float) -> float:
    """TPC-B transactions per second reported by pgbench (excluding connection time)."""
    out = subprocess.run(  # noqa: S603 -- our own arguments
        [*pgbench_base(url), "-n", "-c", str(clients), "-j", str(clients), "-T", str(max(1, round(seconds)))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = re.search(
        r"tps = ([0-9.]+) \((?:without initial connection time|excluding connections establishing)\)", out
    )
    if found is None:
        raise SystemExit(f"could not read pgbench's tps from:\n{out}")
    return float(found.group(1))


def pgbench_base(url: str) -> list[str]:
    parts = urlsplit(url)
    if parts.password:
        os.environ["PGPASSWORD"] = parts.password
    return [
        "pgbench",
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        parts.username or "postgres",
        parts.path.lstrip("/"),
    ]


def invoices_gapless() -> str:
    """Number whatever still waits, then check every series of every year runs 1..n."""
    from openhour.money.models import Invoice
    from openhour.money.services import invoices

    for series in set(Invoice.objects.filter(number__isnull=True).values_list("series", flat=True)):
        invoices.invoices_number(series=series)
    runs: dict[tuple[str, str], list[int]] = {}
    for number in Invoice.objects.values_list("number", flat=True):
        _prefix, year, series, n = str(number).rsplit("-", 3)
        runs.setdefault((year, series), []).append(int(n))
    broken = [key for key, used in runs.items() if sorted(used) != list(range(1, len(used) + 1))]
    count = sum(len(used) for used in runs.values())
    return f"{count} invoices in {len(runs)} series, " + (f"GAPS in {broken}" if broken else "no gaps")


def main() -> None:
    args = arguments()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("bench/ledger.py measures PostgreSQL: set DATABASE_URL=postgres://...")
    print(f"database: {urlsplit(url).hostname}/{urlsplit(url).path.lstrip('/')}")
    recreate(url)
    start_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    blocks = funded_milestones(args.milestones)
    print(f"funded {sum(map(len, blocks))} milestones through the services in {time.perf_counter() - began:.1f}s")
    inside, after = statements_per_release(blocks[0])
    print(f"one release: {inside} statements in its transaction, {after} after it")

    bench_url = with_database(url, args.pgbench_db)
    recreate(bench_url)
    subprocess.run(  # noqa: S603 -- our own arguments
        [*pgbench_base(bench_url)[:-1], "-i", "-q", "-s", str(args.scale), args.pgbench_db],
        check=True,
        capture_output=True,
    )

    queues = Queues(blocks)
    per_round = sum(map(len, blocks)) // args.rounds  # a third for the one process, two thirds for the four
    ours: dict[int, list[float]] = {clients: [] for clients in CLIENTS}
    theirs: dict[int, list[float]] = {clients: [] for clients in CLIENTS}
    ratios: dict[int, list[float]] = {clients: [] for clients in CLIENTS}
    print(
        f"\n{'round':>5}  {'clients':>7}  {'releases/s':>10}  {'(count in s)':>14}  {'pgbench tps':>11}  {'ratio':>6}"
    )
    for round_number in range(1, args.rounds + 1):
        for clients in CLIENTS:
            each = per_round * (1 if clients == 1 else 2) // 3 // clients
            rate, count, wall, short = releases_per_second(queues, clients, args.seconds, each)
            tps = pgbench(bench_url, clients, args.seconds)
            ours[clients].append(rate)
            theirs[clients].append(tps)
            ratios[clients].append(rate / tps)
            note = "  (ran out of milestones)" if short else ""
            print(
                f"{round_number:>5}  {clients:>7}  {rate:>10.1f}  {f'({count} in {wall:.1f})':>14}  {tps:>11.1f}"
                f"  {rate / tps:>6.3f}{note}"
            )
    print()
    print(f"{'median':>5}  {'clients':>7}  {'releases/s':>10}  {'':>14}  {'pgbench tps':>11}  {'ratio':>6}")
    for clients in CLIENTS:
        print(
            f"{'':>5}  {clients:>7}  {statistics.median(ours[clients]):>10.1f}  {'':>14}"
            f"  {statistics.median(theirs[clients]):>11.1f}  {statistics.median(ratios[clients]):>6.3f}"
        )
    scaling = statistics.median(ours[4]) / statistics.median(ours[1])
    their_scaling = statistics.median(theirs[4]) / statistics.median(theirs[1])
    print(f"\n4 clients / 1 client: releases {scaling:.2f}x, pgbench {their_scaling:.2f}x")
    print(f"invoices: {invoices_gapless()}")
    call_command("ledger_check")


if __name__ == "__main__":
    main()
