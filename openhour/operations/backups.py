"""Backups of the whole market, and their restore into a fresh install.

A backup is a folder: the database (pg_dump's custom format on PostgreSQL, SQLite's online backup otherwise),
the uploaded files when they are kept on this machine (public media and private files, one archive each), and
`manifest.json` with every file's SHA-256 and every table's row count. The counts are taken from the very state
that was dumped (on PostgreSQL pg_dump reads the snapshot of the transaction that counted; on SQLite they are
counted in the copy), so a restore can prove it brought back every row. Files kept in S3 are not copied: the
bucket's own versioning or replication is their backup."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from openhour.lib.errors import Conflict, InvalidInput

MANIFEST = "manifest.json"


def backup_make(*, to: Path) -> Path:
    """Write a new backup folder under `to` and return it."""
    folder = to / f"openhour-{timezone.now():%Y%m%d-%H%M%S-%f}"
    folder.mkdir(parents=True)
    rows = _dump_database(folder)
    for name, root in _file_roots().items():
        if root.is_dir():
            with tarfile.open(folder / f"{name}.tar.gz", "w:gz") as archive:
                archive.add(root, arcname=".")
    manifest = {
        "made_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "files_in_s3": bool(settings.S3_BUCKET),
        "rows": rows,
        "sha256": {path.name: _sha256(path) for path in sorted(folder.iterdir())},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    return folder


def backup_restore(*, folder: Path) -> dict[str, int]:
    """Restore a backup folder into this install's empty database and file folders; the row counts restored,
    checked against the manifest (a mismatch raises after the restore, so an operator can look at it)."""
    manifest = _checked_manifest(folder)
    if manifest["database"] != connection.vendor:
        kind, ours = manifest["database"], connection.vendor
        raise InvalidInput(f"This backup is of a {kind} database; this install uses {ours}.")
    _refuse_unless_empty()
    _load_database(folder)
    for name, root in _file_roots().items():
        if (folder / f"{name}.tar.gz").exists():
            root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(folder / f"{name}.tar.gz") as archive:
                archive.extractall(root, filter="data")
    restored = _row_counts()
    if restored != manifest["rows"]:
        backed_up = manifest["rows"]
        differ = sorted(t for t in backed_up.keys() | restored.keys() if backed_up.get(t) != restored.get(t))
        raise Conflict(f"Restored row counts differ from the backup's in: {', '.join(differ)}.")
    return restored


def _file_roots() -> dict[str, Path]:
    if settings.S3_BUCKET:
        return {}
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _checked_manifest(folder: Path) -> dict[str, Any]:
    if not (folder / MANIFEST).is_file():
        raise InvalidInput(f"{folder} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads((folder / MANIFEST).read_text())
    for name, expected in manifest["sha256"].items():
        if not (folder / name).is_file() or _sha256(folder / name) != expected:
            raise InvalidInput(f"{name} in {folder} is missing or damaged: its SHA-256 differs from the manifest's.")
    return manifest


def _refuse_unless_empty() -> None:
    """Restoring over a market would mix two; only an empty database and empty file folders are restored into."""
    if connection.introspection.table_names():
        raise Conflict("This install's database is not empty: restore into a new, empty database.")
    for root in _file_roots().values():
        if root.is_dir() and any(root.iterdir()):
            raise Conflict(f"{root} is not empty: restore into a new install's empty folders.")


# ---- the database, per engine -------------------------------------------------------------------------------


def _dump_database(folder: Path) -> dict[str, int]:
    if connection.vendor == "postgresql":
        with _exported_snapshot() as snapshot:
            _pg("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={folder / 'database.dump'}")
            return _row_counts()
    copy = folder / "database.sqlite3"
    connection.ensure_connection()
    with sqlite3.connect(copy) as target:
        connection.connection.backup(target)
    with sqlite3.connect(copy) as target:
        return _counted(target.cursor(), _tables(target.cursor()))


@contextmanager
def _exported_snapshot() -> Iterator[str]:
    """A repeatable-read transaction whose snapshot pg_dump shares, so the dump and the counts see one state."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor.fetchone()[0]


def _load_database(folder: Path) -> None:
    if connection.vendor == "postgresql":
        dump = str(folder / "database.dump")
        _pg("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", dump)
        return
    target = Path(settings.DATABASES["default"]["NAME"])
    connection.close()
    for leftover in (target, target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        leftover.unlink(missing_ok=True)
    shutil.copyfile(folder / "database.sqlite3", target)


def _pg(program: str, *arguments: str) -> None:
    database = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    where = [f"--host={database.get('HOST') or '127.0.0.1'}", f"--port={database.get('PORT') or 5432}"]
    where += [f"--username={database.get('USER') or 'postgres'}", f"--dbname={database['NAME']}"]
    subprocess.run([program, *where, *arguments], env=env, check=True, capture_output=True)  # noqa: S603


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor) if connection.vendor == "postgresql" else _tables(cursor)
        return _counted(cursor, tables)


def _tables(cursor: Any) -> list[str]:
    """SQLite's tables, full-text ones included, without its own statistics (ANALYZE may differ between copies)."""
    cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return [name for (name,) in cursor.fetchall()]


def _counted(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608  # nosec B608 - names from the catalogue
        counts[table] = cursor.fetchone()[0]
    return counts
