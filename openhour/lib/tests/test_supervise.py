"""`make run` (manage.py run_all) keeps the site, the worker and the timers running: a program that dies is started
again, one that keeps dying at once waits longer each time, and stopping takes the programs' children with them."""

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import within
from openhour.lib.supervise import Program, supervise

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


@contextmanager
def supervising(programs: list[Program]) -> Iterator[None]:
    stop = threading.Event()
    thread = threading.Thread(target=supervise, args=(programs, stop), kwargs={"check_every": 0.1})
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=30)


def alive(pid: int) -> bool:
    """Running, not gone and not a zombie waiting for its parent to read its exit."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_a_killed_program_is_started_again_and_the_others_are_left_alone():
    worker, timers = Program("worker", SLEEPER), Program("timers", SLEEPER)
    with supervising([worker, timers]):
        assert within(10, lambda: worker.process is not None and timers.process is not None)
        first, untouched = worker.process.pid, timers.process.pid
        os.kill(first, signal.SIGKILL)

        assert within(10, lambda: worker.process.pid != first and worker.process.poll() is None)
        assert timers.process.pid == untouched
    assert not alive(worker.process.pid) and not alive(untouched)


def test_a_program_that_keeps_dying_at_once_waits_longer_each_time(tmp_path):
    starts = tmp_path / "starts"
    dying = Program("broken", [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x')"])
    with supervising([dying]):
        time.sleep(5)  # without the growing pause it would be started about fifty times in this while

    assert 2 <= len(starts.read_text()) <= 4
    assert dying.quick_deaths >= 1


def test_stopping_takes_a_program_s_children_with_it(tmp_path):
    child_pid = tmp_path / "child"
    parent = Program("site", ["bash", "-c", f"sleep 60 & echo $! > {child_pid}; wait"])
    with supervising([parent]):
        assert within(10, lambda: child_pid.exists() and child_pid.read_text().strip().isdigit())
        child = int(child_pid.read_text())
        assert alive(child)

    assert within(10, lambda: not alive(child))
