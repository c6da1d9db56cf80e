"""A cache shared by every process of one machine, in its own SQLite file: the embedded default's cache.

Rate-limit counters must be the same for all web workers, or each worker lets the full limit through. Keeping
them out of the main database means a burst of sign-in attempts never queues behind, or blocks, the one
writer of the marketplace's own data (bench/ratelimit_store.py measures both). Values are pickled, as in
Django's own file and database caches: only what openhour wrote is read back, from a file only it writes.
"""

import os
import pickle  # nosec B403
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

SCHEMA = "CREATE TABLE IF NOT EXISTS cache (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires REAL NOT NULL)"
NEVER = 2.0**62
CULL_EVERY = 500  # writes between sweeps of expired rows


def _prepare(db: sqlite3.Connection) -> None:
    """WAL and the table, once per file; processes starting together may find it busy for a moment."""
    for attempt in range(100):
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")  # SQLite answers busy at once here, without waiting
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute(SCHEMA)
            return
        except sqlite3.OperationalError:
            if attempt == 99:
                raise
            time.sleep(0.05)


class SQLiteCache(BaseCache):
    """Django's cache API on a SQLite file (LOCATION); `add` and `incr` are atomic across processes."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.path = Path(location)
        self._local = threading.local()
        self._writes = 0

    # ---- connection: one per thread and process (a forked worker opens its own) ------------------

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None or getattr(self._local, "pid", None) != os.getpid():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
            _prepare(db)
            self._local.db, self._local.pid = db, os.getpid()
        return db

    def _expiry(self, timeout: Any) -> float:
        seconds = self.get_backend_timeout(timeout)
        return NEVER if seconds is None else float(seconds)

    def _write(self, sql: str, params: tuple[Any, ...]) -> int:
        self._writes += 1
        if self._writes % CULL_EVERY == 0:
            self._db().execute("DELETE FROM cache WHERE expires <= ?", (time.time(),))
        return self._db().execute(sql, params).rowcount

    # ---- the cache API -----------------------------------------------------------------------------

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        row = self._db().execute("SELECT value FROM cache WHERE key = ? AND expires > ?", (key, time.time())).fetchone()
        return default if row is None else pickle.loads(row[0])  # noqa: S301  # nosec B301

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        self._write(
            "INSERT OR REPLACE INTO cache (key, value, expires) VALUES (?, ?, ?)", (key, blob, self._expiry(timeout))
        )

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        # One statement: inserts, or replaces only an expired row, so two processes never both "add".
        changed = self._write(
            "INSERT INTO cache (key, value, expires) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE "
            "SET value = excluded.value, expires = excluded.expires WHERE cache.expires <= ?",
            (key, blob, self._expiry(timeout), time.time()),
        )
        return changed == 1

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        db = self._db()
        db.execute("BEGIN IMMEDIATE")  # the read and the write below happen under one write lock
        try:
            row = db.execute("SELECT value FROM cache WHERE key = ? AND expires > ?", (key, time.time())).fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(row[0]) + delta  # noqa: S301  # nosec B301
            db.execute("UPDATE cache SET value = ? WHERE key = ?", (pickle.dumps(value, pickle.HIGHEST_PROTOCOL), key))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return int(value)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        sql = "UPDATE cache SET expires = ? WHERE key = ? AND expires > ?"
        return self._write(sql, (self._expiry(timeout), key, time.time())) == 1

    def delete(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._write("DELETE FROM cache WHERE key = ?", (key,)) == 1

    def has_key(self, key: Any, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        sql = "SELECT 1 FROM cache WHERE key = ? AND expires > ?"
        return self._db().execute(sql, (key, time.time())).fetchone() is not None

    def clear(self) -> None:
        self._db().execute("DELETE FROM cache")

    def close(self, **kwargs: Any) -> None:
        """Connections stay open for the life of the thread: opening one costs more than the query."""
