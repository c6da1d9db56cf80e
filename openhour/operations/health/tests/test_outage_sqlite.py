"""On the embedded default, a write that waits longer than SQLite's busy timeout fails with "database is locked":
the timers, as a real process, log it, wait and go on beating once the lock is gone, instead of dying with it."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from conftest import within

ROOT = Path(settings.BASE_DIR)


def test_the_timers_outlive_a_lock_held_longer_than_the_busy_timeout(tmp_path):
    database = tmp_path / "openhour.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "VAR_DIR": str(tmp_path)}
    env.pop("REDIS_URL", None)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    log = tmp_path / "timers.log"
    command = [sys.executable, "manage.py", "run_timers", "--interval", "1"]
    timers = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)  # noqa: S603
    beats = sqlite3.connect(database, timeout=30, isolation_level=None)
    try:
        assert within(60, lambda: last_beat(beats) is not None), log.read_text()[-2000:]
        beats.execute("BEGIN EXCLUSIVE")  # nobody else reads or writes until COMMIT
        within(30, lambda: "the database failed" in log.read_text())
        beats.execute("COMMIT")
        locked_out = last_beat(beats)

        assert "database is locked" in log.read_text()
        assert within(60, lambda: last_beat(beats) != locked_out), log.read_text()[-2000:]
        assert timers.poll() is None
    finally:
        timers.terminate()
        timers.wait(timeout=30)
        beats.close()


def last_beat(beats: sqlite3.Connection) -> str | None:
    row = beats.execute("SELECT beat_at FROM health_heartbeat WHERE process = 'timers'").fetchone()
    return row[0] if row else None
