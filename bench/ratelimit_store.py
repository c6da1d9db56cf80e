"""What shared rate-limit counters cost on the embedded default, as ratios measured in one run.

1. Writes per second on the main SQLite database (WAL, one writer at a time, as openhour runs it) while
   --hitters processes count limit hits as fast as they can: (a) nobody counts, (b) counters in their own
   SQLite file (openhour's choice, CACHE_FILE), (c) counters inside the main database file (what Django's
   DatabaseCache on the default database would do). A ratio near 1 means the limits do not slow the market.
2. The cost of one limit hit (openhour.lib.ratelimit.limit_hit) per store: in-process memory (what each
   worker had alone before), the SQLite cache file, and Redis when --redis-url answers; and of rendering the
   sign-in page (a form a rate-limited POST comes back to) with the in-memory cache and with the file.

    uv run python bench/ratelimit_store.py [--seconds 4] [--hitters 3] [--redis-url redis://127.0.0.1:6379/12]
"""

import argparse
import contextlib
import multiprocessing
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _django(cache_file: str | None = None, redis_url: str | None = None, locmem: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "openhour.settings"
    if cache_file:
        os.environ["CACHE_FILE"] = cache_file
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    import django
    from django.conf import settings

    django.setup()
    if locmem:
        from django.core.cache import caches

        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
        caches._settings = caches.settings = caches.configure_settings(None)  # type: ignore[attr-defined]


def _writer(main_db: str, seconds: float, out: Any) -> None:
    db = sqlite3.connect(main_db, timeout=5, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE IF NOT EXISTS market (id INTEGER PRIMARY KEY, body TEXT)")
    waits: list[float] = []
    deadline = time.perf_counter() + seconds
    while (started := time.perf_counter()) < deadline:
        db.execute("BEGIN IMMEDIATE")  # waits here while anyone else holds the write lock
        waits.append(time.perf_counter() - started)
        db.execute("INSERT INTO market (body) VALUES (?)", ("a proposal, a message, a transfer",))
        db.execute("COMMIT")
    waits.sort()
    out.put((len(waits) / seconds, waits[int(len(waits) * 0.99)] * 1e6))


def _hitter(cache_file: str, seconds: float, n: int, pace: float, out: Any) -> None:
    """Limit hits at `pace` per second (a busy site's sign-ins, messages and sign-ups), not flat out: on a
    shared machine a flat-out loop would measure stolen CPU instead of lock contention."""
    _django(cache_file=cache_file)
    from openhour.lib.errors import RateLimited
    from openhour.lib.ratelimit import limit_hit

    hits, start = 0, time.perf_counter()
    while (now := time.perf_counter()) < start + seconds:
        if hits >= (now - start) * pace:
            time.sleep(hits / pace - (now - start))  # until the next hit is due
            continue
        with contextlib.suppress(RateLimited):
            limit_hit(scope="bench", ident=f"{n}-{hits % 50}", rate="1000000/m")
        hits += 1
    out.put(hits / seconds)


def _phase(
    main_db: str, cache_file: str | None, seconds: float, hitters: int, pace: float
) -> tuple[float, float, float]:
    context = multiprocessing.get_context("spawn")
    writes, hits = context.Queue(), context.Queue()
    procs = [context.Process(target=_hitter, args=(cache_file, seconds + 2, n, pace, hits)) for n in range(hitters)]
    procs = procs if cache_file else []
    for proc in procs:
        proc.start()
    time.sleep(2 if procs else 0)  # let the hitters start Django before the writer counts
    writer = context.Process(target=_writer, args=(main_db, seconds, writes))
    writer.start()
    writer.join()
    for proc in procs:
        proc.join()
    rate, p99 = writes.get()
    return rate, p99, sum(hits.get() for _ in procs)


def _per_hit(store: str, redis_url: str | None, cache_file: str, count: int = 2000) -> float:
    """Microseconds per limit hit, in a fresh process for each store."""
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    proc = context.Process(target=_time_hits, args=(store, redis_url, cache_file, count, out))
    proc.start()
    proc.join()
    return float(out.get())


def _time_hits(store: str, redis_url: str | None, cache_file: str, count: int, out: Any) -> None:
    _django(cache_file=cache_file, redis_url=redis_url if store == "redis" else None, locmem=store == "memory")
    from openhour.lib.ratelimit import limit_hit

    started = time.perf_counter()
    for n in range(count):
        limit_hit(scope=f"bench-{store}", ident=str(n % 100), rate="1000000/m")
    out.put((time.perf_counter() - started) / count * 1e6)


def _page(store: str, cache_file: str, out: Any, count: int = 100) -> None:
    """The sign-in page shown, then a wrong password posted to it (3 limit hits, the password hash checked
    against no account), in milliseconds each, on a migrated copy of the embedded database."""
    _django(cache_file=cache_file, locmem=store == "memory")
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    for name in ("PER_ADDRESS", "PER_ACCOUNT_ADDRESS", "PER_ACCOUNT"):
        setattr(settings, f"RATE_LOGIN_FAILURES_{name}", "1000000/m")
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": ""}  # allauth's 30/m per address
    client = Client()
    client.get("/accounts/login/")
    started = time.perf_counter()
    for _ in range(count):
        client.get("/accounts/login/")
    shown = time.perf_counter()
    for n in range(count):
        client.post("/accounts/login/", {"login": f"nobody{n}@example.com", "password": "wrong"})
    out.put(((shown - started) / count * 1e3, (time.perf_counter() - shown) / count * 1e3))


def _page_ms(store: str, cache_file: str) -> tuple[float, float]:
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    proc = context.Process(target=_page, args=(store, cache_file, out))
    proc.start()
    proc.join()
    shown, posted = out.get()
    return float(shown), float(posted)


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """Interleaved runs on a shared machine: the median of each column."""
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _redis_answers(url: str | None) -> bool:
    if not url:
        return False
    try:
        import redis

        redis.Redis.from_url(url).ping()
        return True
    except Exception:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--hitters", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pace", type=float, default=500, help="limit hits per second per process")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="openhour-bench-") as folder:
        os.environ["VAR_DIR"] = folder
        main_db, own_file = str(Path(folder) / "openhour.sqlite3"), str(Path(folder) / "cache.sqlite3")
        phases = {"nobody counting": None, "counters in their own file": own_file, "counters in the main file": main_db}
        results: dict[str, list[tuple[float, float, float]]] = {name: [] for name in phases}
        for _round in range(args.rounds):  # interleaved, so a neighbour's load spreads over all three
            for name, cache_file in phases.items():
                results[name].append(_phase(main_db, cache_file, args.seconds, args.hitters, args.pace))
        medians = {name: [statistics.median(r[i] for r in rows) for i in range(3)] for name, rows in results.items()}
        base_rate, base_wait, _hits = medians["nobody counting"]
        print(
            f"main-database writes, {args.hitters} processes counting up to {args.pace:.0f} limit hits/s each "
            f"(median of {args.rounds}):"
        )
        for name, (rate, wait, hits) in medians.items():
            print(
                f"  {name:28s} {rate:7.0f} writes/s ratio {rate / base_rate:4.2f}   "
                f"p99 lock wait {wait:7.0f} us ratio {wait / base_wait:6.1f}   ({hits:.0f} hits/s)"
            )
        stores = ["memory", "file"] + (["redis"] if _redis_answers(args.redis_url) else [])
        costs = {store: _per_hit(store, args.redis_url, own_file) for store in stores}
        print("one limit hit, microseconds (ratio to in-process memory):")
        for store, micros in costs.items():
            print(f"  {store:8s} {micros:8.1f}  ratio {micros / costs['memory']:5.1f}")
        Path(own_file).unlink(missing_ok=True)
        runs = [(store, _page_ms(store, own_file)) for _ in range(3) for store in ("memory", "file")]
        pages = {store: _median([r for s, r in runs if s == store]) for store in ("memory", "file")}
        print("sign-in page, milliseconds: shown (GET) and a wrong password posted (ratio to in-process memory):")
        for store, (shown, posted) in pages.items():
            memory_shown, memory_posted = pages["memory"]
            print(
                f"  {store:8s} GET {shown:6.2f} ratio {shown / memory_shown:4.2f}   "
                f"POST {posted:6.2f} ratio {posted / memory_posted:4.2f}"
            )


if __name__ == "__main__":
    main()
