"""Long-running processes (the task worker, the timers, payouts) that outlive a locked or restarting database.

A database that is down for a moment (a restart, a failover, SQLite busy beyond its timeout) raises
OperationalError or InterfaceError; instead of dying with it, the process closes its connections, waits
(1, 2, 4 … up to 60 s, with jitter so many processes do not return at once) and tries again. Nothing is run
twice because of this: the worker claims a task before running it, so a task it was running when the database
failed stays claimed, and each timer claims its row with a conditional UPDATE."""

import logging
import random
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import InterfaceError, OperationalError, connections

log = logging.getLogger(__name__)
T = TypeVar("T")

DATABASE_TROUBLE = (OperationalError, InterfaceError)
LONGEST_WAIT = 60.0
QUIET_AFTER = 60.0  # a failure after this long without one starts the waits from the beginning again


def wait_after(failures: int) -> float:
    """Seconds to wait after `failures` failures in a row."""
    base = min(LONGEST_WAIT, 2.0 ** (failures - 1))
    return base * (1 + random.random() / 10)  # noqa: S311 - jitter, not a secret


def outliving_the_database(work: Callable[[], T], *, name: str) -> T:
    """`work()`'s result, calling it again after each database failure until it returns."""
    failures = 0
    while True:
        started = time.monotonic()
        try:
            return work()
        except DATABASE_TROUBLE as error:
            failures = 1 if time.monotonic() - started > QUIET_AFTER else failures + 1
            wait = wait_after(failures)
            log.warning("%s: the database failed (%s); trying again in %.1f s", name, str(error).strip(), wait)
            connections.close_all()
            time.sleep(wait)
