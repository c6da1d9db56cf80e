"""Cold start of one gunicorn worker to its first 200, for openhour and for a bare Django project, in the same run.

    uv run python bench/startup.py [--rounds 5] [--also /path/to/another/checkout]

Each round starts gunicorn (one sync worker, no --preload, so the worker imports the site itself as it would
after a restart) on a free loopback port and asks `/healthz` every 20 ms until it answers 200; the time from the
spawn to that answer is the cold start. The bare project is `django-admin startproject` with one view, served
by the same gunicorn from the same virtualenv, so the ratio shows what the site's own imports cost. Rounds
alternate between the projects so that a busy moment of the machine falls on both. `--also` times another
checkout of openhour (e.g. an older commit) beside them. Prints a markdown table of medians and ratios.
"""

import argparse
import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_VIEW = """
from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("healthz", lambda request: HttpResponse("ok"))]
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def bare_project(where: Path) -> Path:
    """A new Django project whose only URL is /healthz."""
    where.mkdir()
    subprocess.run([sys.executable, "-m", "django", "startproject", "bare", str(where)], check=True)  # noqa: S603
    (where / "bare" / "urls.py").write_text(BARE_VIEW)
    return where


def first_answer(port: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz", headers={"Host": "localhost", "X-Forwarded-Proto": "https"})
            if connection.getresponse().status == 200:
                return True
        except OSError:
            pass
        time.sleep(0.02)
    return False


def worker_of(server: subprocess.Popen) -> int:
    """The pid of the gunicorn master's one worker."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    return int(children[0])


def cold_starts(directory: Path, app: str, env: dict[str, str], extra: tuple[str, ...]) -> tuple[float, float]:
    """Seconds from spawning gunicorn in `directory` to the first 200 from its one worker; then from killing that
    worker (SIGKILL, as a crash or the OOM killer would) to the first 200 from the worker the master starts."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", app, "--workers", "1", "--timeout", "120", "--no-control-socket"]
    command += ["--bind", f"127.0.0.1:{port}", *extra]
    started = time.monotonic()
    server = subprocess.Popen(command, cwd=directory, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    try:
        if not first_answer(port, started + 120):
            raise SystemExit(f"{directory} did not answer within 120 s")
        first = time.monotonic() - started
        os.kill(worker_of(server), signal.SIGKILL)
        killed = time.monotonic()
        time.sleep(0.05)  # the dead worker's listening socket closes; an answer after this is the new worker's
        if not first_answer(port, killed + 120):
            raise SystemExit(f"{directory} did not answer within 120 s of losing its worker")
        return first, time.monotonic() - killed
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--also", type=Path, help="another openhour checkout to time beside this one")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="openhour-startup-"))
    quiet = {**os.environ, "DEBUG": "false", "SECRET_KEY": "bench-" + "x" * 50, "ALLOWED_HOSTS": "localhost"}
    quiet |= {"VAR_DIR": str(scratch / "var"), "PYTHONDONTWRITEBYTECODE": "1"}
    bare = {**quiet, "DJANGO_SETTINGS_MODULE": "bare.settings"}
    projects = {"bare Django": (bare_project(scratch / "bare"), "bare.wsgi", bare)}
    projects["openhour"] = (ROOT, "openhour.wsgi", quiet)
    if options.also:
        projects[f"openhour at {options.also.name}"] = (options.also, "openhour.wsgi", quiet)
    for directory, app, env in projects.values():  # the database each site reads, made once, untimed
        if app == "openhour.wsgi":
            subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=directory, env=env, check=True)
    runs = {(name, preload): ([], []) for name in projects for preload in (False, True)}
    for _round in range(options.rounds):
        for (name, preload), (firsts, respawns) in runs.items():
            directory, app, env = projects[name]
            first, respawn = cold_starts(directory, app, env, ("--preload",) if preload else ())
            firsts.append(first)
            respawns.append(respawn)
    report(runs)


def report(runs: dict[tuple[str, bool], tuple[list[float], list[float]]]) -> None:
    floor = statistics.median(runs["bare Django", False][0])
    print("| project | gunicorn | start to 200, median s (min–max) | ratio | worker killed to 200, s | ratio |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for (name, preload), (firsts, respawns) in runs.items():
        first, respawn = statistics.median(firsts), statistics.median(respawns)
        spread = f"{first:.2f} ({min(firsts):.2f}–{max(firsts):.2f})"
        shape = "--preload" if preload else "plain"
        print(f"| {name} | {shape} | {spread} | {first / floor:.1f} | {respawn:.2f} | {respawn / floor:.1f} |")


if __name__ == "__main__":
    main()
