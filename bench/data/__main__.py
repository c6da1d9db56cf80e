"""Fill the database DATABASE_URL names with N projects and all that goes with them (bench/README.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/openhour_scale uv run python -m bench.data --size 10k
    DATABASE_URL=sqlite:///var/bench/scale.sqlite3 uv run python -m bench.data --size 100k

A rerun skips the stages that finished; --fresh starts from an empty database. On PostgreSQL the loaded
database is saved with `pg_dump -Fc` to var/bench/<size>.dump, and --restore loads that instead (pg_restore -j2).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/openhour_scale"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="10k", help="10k, 100k, 1m or a number of projects (default 10k)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed on an empty database gives the same rows")
    parser.add_argument("--fresh", action="store_true", help="drop and recreate the database first")
    parser.add_argument("--restore", action="store_true", help="recreate the database from var/bench/<size>.dump")
    parser.add_argument("--no-dump", action="store_true", help="do not write the pg_dump snapshot")
    return parser.parse_args()


def server_url(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def postgres_recreate(url: str, *, drop: bool) -> None:
    import psycopg

    name = database_name(url)
    with psycopg.connect(server_url(url, "postgres"), autocommit=True) as server:
        if drop:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(f'CREATE DATABASE "{name}"')


def sqlite_remove(url: str) -> None:
    path = Path(urlsplit(url).path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def dump_path(size: str) -> Path:
    return ROOT / "var" / "bench" / f"{size.lower()}.dump"


def restore(url: str, size: str) -> None:
    dump = dump_path(size)
    if not dump.exists():
        raise SystemExit(f"no snapshot at {dump}: run without --restore first")
    started = time.monotonic()
    postgres_recreate(url, drop=True)
    subprocess.run(["pg_restore", "-j2", "--no-owner", "-d", url, str(dump)], check=True)  # noqa: S603, S607
    print(f"restored {dump.name} into {database_name(url)} in {time.monotonic() - started:.1f} s")


def dump(url: str, size: str) -> None:
    target = dump_path(size)
    target.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run(["pg_dump", "-Fc", "-Z1", "-f", str(target), url], check=True)  # noqa: S603, S607
    megabytes = target.stat().st_size / 1e6
    print(f"{'dump':<10} {time.monotonic() - started:7.1f} s: {target.relative_to(ROOT)} ({megabytes:.0f} MB)")


def start_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openhour.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def main() -> None:
    options = arguments()
    url = os.environ.get("DATABASE_URL", DEFAULT_URL)
    postgres = url.startswith(("postgres://", "postgresql://"))
    if options.restore:
        if not postgres:
            raise SystemExit("--restore needs PostgreSQL: SQLite runs keep no snapshot")
        return restore(url, options.size)
    if postgres:
        postgres_recreate(url, drop=options.fresh)
    elif options.fresh:
        sqlite_remove(url)
    started = time.monotonic()
    start_django(url)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from bench.data import stages
    from bench.data.plan import Plan

    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")  # a crash loses the last stages, which a rerun redoes
    call_command("migrate", verbosity=0)
    print(f"{'migrate':<10} {time.monotonic() - started:7.1f} s")
    stages.markers_ensure()
    loaded = stages.run(Plan(options.size, options.seed), timezone.now())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"{'total':<10} {time.monotonic() - started:7.1f} s ({loaded:.1f} s in the stages run now)")
    if postgres and not options.no_dump:
        connection.close()
        dump(url, options.size)


if __name__ == "__main__":
    main()
