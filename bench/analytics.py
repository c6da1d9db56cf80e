"""What the operators' analytics cost at the size of a scale database, as ratios to /healthz and to `SELECT 1`.

    DATABASE_URL=sqlite:////tmp/scale/s10k.sqlite3 uv run python bench/analytics.py [--rounds 15] [--explain]

The database is one `python -m bench.data` filled. In one transaction that is rolled back at the end (nothing is
kept), the script makes an operator with a second factor, signs them in with Django's test client, and times,
each --rounds times after one untimed pass: `SELECT 1` on the connection, GET /healthz, the selector
`market_figures` for weeks and for months, and GET /operations/analytics for each (the whole page: middleware,
queries, SVG charts and template): with every period worked out afresh, with only the current one worked out
(the past ones kept in the cache for a day), and as the whole report is kept for the five minutes after. It
prints the median and the worst in milliseconds, each median as a ratio
to /healthz's, and the queries each one makes. --explain prints the database's plan of each selector query.
"""

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class Rollback(Exception):
    """Raised to leave the measuring transaction without keeping anything."""


def timed(work: Callable[[], Any], rounds: int) -> list[float]:
    work()  # untimed: what a long-lived process has loaded once
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def queries_of(work: Callable[[], Any]) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        work()
    return [query["sql"] for query in captured.captured_queries]


def operator_browser() -> Any:
    from allauth.mfa.totp.internal.auth import TOTP
    from django.test import Client

    from openhour.accounts.models import User

    operator = User.objects.create_user(username="bench-operator", email="bench-operator@example.com", is_staff=True)
    TOTP.activate(operator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    browser = Client(headers={"X-Forwarded-Proto": "https"}, secure=True, HTTP_HOST="localhost")
    browser.force_login(operator, backend="django.contrib.auth.backends.ModelBackend")
    return browser


def cases(browser: Any) -> dict[str, Callable[[], Any]]:
    from django.core.cache import cache
    from django.db import connection

    from openhour.operations.analytics import selectors
    from openhour.operations.analytics.periods import window

    def select_one() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    def get(url: str, *, afresh: str = "", past_too: bool = False) -> Callable[[], None]:
        def fetch() -> None:
            if afresh:  # the report kept between requests is dropped: the page works it out again
                cache.delete(f"operations:analytics:{afresh}")
            if past_too:  # and the past periods kept for a day: every period is read again
                cache.delete_many([f"operations:analytics:{afresh}:{start}" for start in window(afresh).starts])
            answer = browser.get(url)
            assert answer.status_code == 200, (url, answer.status_code)

        return fetch

    weeks, months = "/operations/analytics", "/operations/analytics?period=month"
    return {
        "SELECT 1": select_one,
        "GET /healthz": get("/healthz"),
        "market_figures(week)": lambda: selectors.market_figures(period="week"),
        "market_figures(month)": lambda: selectors.market_figures(period="month"),
        "GET /operations/analytics, every week worked out": get(weeks, afresh="week", past_too=True),
        "GET ?period=month, every month worked out": get(months, afresh="month", past_too=True),
        "GET /operations/analytics, this week worked out": get(weeks, afresh="week"),
        "GET ?period=month, this month worked out": get(months, afresh="month"),
        "GET /operations/analytics, kept": get("/operations/analytics"),
        "GET ?period=month, kept": get("/operations/analytics?period=month"),
    }


def explain(sql: str) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)  # nosec B608 -- our own captured queries, on a bench database
        return "\n".join("  " + " ".join(str(part) for part in row) for row in cursor.fetchall())


def report(rounds: int, show_plans: bool) -> str:
    from django.conf import settings

    from openhour.jobs.models import Project
    from openhour.money.models import Transfer

    browser = operator_browser()
    found = cases(browser)
    results = {name: timed(work, rounds) for name, work in found.items()}
    floor = statistics.median(results["GET /healthz"])
    lines = [
        f"{Project.objects.count():,} projects, {Transfer.objects.count():,} transfers, "
        f"{settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, {rounds} rounds",
        "",
        "| what | median ms | worst ms | median ÷ /healthz | queries |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, times in results.items():
        median = statistics.median(times)
        count = len(queries_of(found[name]))
        lines.append(f"| {name} | {median:.2f} | {max(times):.2f} | {median / floor:.1f}x | {count} |")
    if show_plans:
        for period in ("week", "month"):
            for sql in queries_of(found[f"market_figures({period})"]):
                lines += ["", f"-- {period}: {sql[:160]}…", explain(sql)]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--explain", action="store_true", help="print the plan of each selector query")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    import django

    django.setup()
    from django.db import transaction

    try:
        with transaction.atomic():
            print(report(args.rounds, args.explain))
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
