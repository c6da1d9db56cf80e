"""Releases per second through the escrow service on PostgreSQL, next to pgbench's TPC-B on the same server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/openhour_bench python bench/ledger.py [--seconds 5]

The database named by DATABASE_URL is dropped and made anew, migrated, and filled through the real
services: clients deposit by the sandbox card, then fund one milestone after another into escrow. Then
`escrow_release` runs in 1 process and in 4 (each its own milestones and its own client-freelancer pairs)
for --seconds each, and pgbench runs TPC-B (scale 1, in a database of its own) with 1 and 4 clients for as
long. The table shows both rates and our share of pgbench's; `ledger_check` closes the run.
"""

import argparse
import multiprocessing
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/openhour_bench"
PAIRS = 8  # client-freelancer pairs: a pair's releases queue on its billing row, as they must
AMOUNT = 10_000  # each milestone: £100
FORK = multiprocessing.get_context("fork")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=5, help="how long each measurement runs (default 5)")
    parser.add_argument("--milestones", type=int, default=480, help="funded milestones to release (default 480)")
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


def funded_milestones(total: int, processes: int = 4) -> list[int]:
    """`total` funded milestones in blocks of one pair each: the milestones are made here, then `processes`
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
            Milestone(contract=contract, title=f"Part {n}", amount=AMOUNT, due_in_days=7, position=n % 30_000)
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
    return [pk for block in blocks for pk in block]


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


def release_all(ids: list[int], deadline_after: float, start: Any, results: Any) -> None:
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
    results.put((done, time.perf_counter() - began))
    connections.close_all()


def releases_per_second(ids: list[int], processes: int, seconds: float) -> tuple[float, int, float]:
    """Rate, count and wall time of releases by `processes` workers, each on its own contiguous slice."""
    from django.db import connections

    connections.close_all()  # the workers must not share this process's socket
    start, results = FORK.Barrier(processes + 1), FORK.Queue()
    size = len(ids) // processes
    slices = [ids[n * size : (n + 1) * size] for n in range(processes)]
    workers = [FORK.Process(target=release_all, args=(part, seconds, start, results)) for part in slices]
    for worker in workers:
        worker.start()
    start.wait()
    outcomes = [results.get(timeout=seconds + 120) for _ in workers]
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"a release worker failed (exit code {worker.exitcode})")
    count, wall = sum(done for done, _ in outcomes), max(elapsed for _, elapsed in outcomes)
    return count / wall, count, wall


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
    ids = funded_milestones(args.milestones)
    print(f"funded {len(ids)} milestones through the services in {time.perf_counter() - began:.1f}s")

    # A third for one process, two thirds for four: a phase that runs out early is measured on what it did.
    third = len(ids) // 3 // PAIRS * PAIRS
    ours = {1: releases_per_second(ids[:third], 1, args.seconds), 4: releases_per_second(ids[third:], 4, args.seconds)}

    bench_url = with_database(url, args.pgbench_db)
    recreate(bench_url)
    subprocess.run(  # noqa: S603 -- our own arguments
        [*pgbench_base(bench_url)[:-1], "-i", "-q", "-s", "1", args.pgbench_db],
        check=True,
        capture_output=True,
    )
    theirs = {clients: pgbench(bench_url, clients, args.seconds) for clients in (1, 4)}

    print()
    print(f"{'clients':>7}  {'releases/s':>10}  {'(count in s)':>14}  {'pgbench tps':>11}  {'ratio':>6}")
    for clients in (1, 4):
        rate, count, wall = ours[clients]
        print(
            f"{clients:>7}  {rate:>10.1f}  {f'({count} in {wall:.1f})':>14}  {theirs[clients]:>11.1f}"
            f"  {rate / theirs[clients]:>6.3f}"
        )
    print()
    call_command("ledger_check")


if __name__ == "__main__":
    main()
