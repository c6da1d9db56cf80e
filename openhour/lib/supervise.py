"""Keep a few programs running on one machine, as `make run` needs: whichever dies is started again, after a pause
that grows while it keeps dying at once (1, 2, 4 … up to 30 s), so a broken program does not spin a core.
Production uses systemd or supervisor for this (deploy/); this is for the embedded default."""

import contextlib
import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

LONGEST_PAUSE = 30.0
STEADY_AFTER = 10.0  # a program that ran this long before dying is restarted at once, its count of failures reset


@dataclass
class Program:
    name: str
    command: Sequence[str]
    log_file: Path | None = None  # None: the program writes to this terminal
    process: subprocess.Popen | None = field(default=None, repr=False)
    started_at: float = 0.0
    quick_deaths: int = 0
    restart_at: float = 0.0

    def start(self) -> None:
        output = self.log_file.open("ab") if self.log_file else None
        # A session of its own: stopping the program stops its children too (runserver's reloader has one).
        self.process = subprocess.Popen(self.command, stdout=output, stderr=output, start_new_session=True)  # noqa: S603

        self.started_at = time.monotonic()

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def supervise(programs: list[Program], stop: threading.Event, *, check_every: float = 0.5) -> None:
    """Start every program, start again whichever exits, until `stop` is set; then stop them all."""
    for program in programs:
        program.start()
    try:
        while not stop.wait(check_every):
            for program in programs:
                _restart_if_dead(program)
    finally:
        for program in programs:
            program.stop()


def _restart_if_dead(program: Program) -> None:
    now = time.monotonic()
    if program.process is None or program.process.poll() is None:
        return
    if program.restart_at == 0.0:  # just found dead: decide when to start it again
        ran = now - program.started_at
        program.quick_deaths = 0 if ran >= STEADY_AFTER else program.quick_deaths + 1
        pause = 0.0 if program.quick_deaths == 0 else min(LONGEST_PAUSE, 2.0 ** (program.quick_deaths - 1))
        program.restart_at = now + pause
        code = program.process.returncode
        log.warning("%s stopped (exit %s) after %.0f s; starting it again in %.0f s", program.name, code, ran, pause)
    if now >= program.restart_at:
        program.restart_at = 0.0
        program.start()
