"""The stages in order, the table that records which finished, and the derived tables rebuilt at the end."""

import time
from collections.abc import Callable
from datetime import datetime

from django.core.management import call_command
from django.db import connection, transaction

from bench.data import contracts, messages, people, projects, reviews
from bench.data.plan import Plan


def search(plan: Plan, now: datetime) -> str:
    """The bulk rebuild `manage.py search_reindex` runs, over everything written so far."""
    call_command("search_reindex", stdout=_Quiet())
    return "search index rebuilt"


class _Quiet:
    def write(self, text: str) -> None:
        pass

    def flush(self) -> None:
        pass


STAGES: list[tuple[str, Callable[[Plan, datetime], str]]] = [
    ("people", people.load),
    ("projects", projects.load),
    ("contracts", contracts.load),
    ("reviews", reviews.load),
    ("messages", messages.load),
    ("search", search),
]


def markers_ensure() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_stage (name varchar(40) PRIMARY KEY, size varchar(20) NOT NULL,"
            " seed integer NOT NULL, seconds real NOT NULL, summary text NOT NULL)"
        )


def finished() -> dict[str, tuple[str, int, float, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, size, seed, seconds, summary FROM bench_stage")
        return {name: (size, seed, seconds, summary) for name, size, seed, seconds, summary in cursor.fetchall()}


def run(plan: Plan, now: datetime, *, markers: bool = True, say: Callable[[str], None] = print) -> float:
    """Every stage not finished yet, each in its own transaction; the seconds they took in all."""
    done = finished() if markers else {}
    total = 0.0
    for name, load in STAGES:
        if name in done:
            size, seed, seconds, summary = done[name]
            if (size, seed) != (plan.size, plan.seed):
                raise SystemExit(f"this database holds size {size} seed {seed}: use --fresh to start over")
            say(f"{name:<10} done earlier ({seconds:7.1f} s): {summary}")
            continue
        started = time.monotonic()
        with transaction.atomic():
            summary = load(plan, now)
            seconds = time.monotonic() - started
            if markers:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "INSERT INTO bench_stage (name, size, seed, seconds, summary) VALUES (%s, %s, %s, %s, %s)",
                        [name, plan.size, plan.seed, seconds, summary],
                    )
        total += seconds
        say(f"{name:<10} {seconds:7.1f} s: {summary}")
    return total
