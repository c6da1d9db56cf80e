"""The task worker and the timers, as real processes on PostgreSQL, outlive the database going away: their
connections run through a TCP relay that the test cuts (every open connection dropped, new ones refused) and
restores, as a database restart or a failover does. Both log the failure, wait, and beat again afterwards."""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from conftest import within
from openhour.operations.health.models import Heartbeat

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(settings.BASE_DIR)


class Relay:
    """Forwards 127.0.0.1:<port> to PostgreSQL until cut; restored on the same port."""

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self.sockets: list[socket.socket] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self._serve()

    def _serve(self) -> None:
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # cut
            server = socket.create_connection(self.upstream)
            self.sockets += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        for end in (source, target):
            end.close()

    def cut(self) -> None:
        ends, self.sockets = [self.listener, *self.sockets], []
        for end in ends:  # shutdown first: it wakes a thread blocked in accept() or recv(), close alone does not
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
            end.close()

    def restore(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port), reuse_port=False)
        self._serve()


@pytest.fixture
def relay() -> Iterator[Relay]:
    database = connection.settings_dict
    relayed = Relay((database["HOST"] or "127.0.0.1", int(database["PORT"] or 5432)))
    yield relayed
    relayed.cut()


def started(command: list[str], relay: Relay, tmp_path: Path) -> subprocess.Popen:
    name = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{relay.port}/{name}", "VAR_DIR": str(tmp_path)}
    env.pop("REDIS_URL", None)
    log = (tmp_path / f"{command[0]}.log").open("w")
    return subprocess.Popen([sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603


def both_beat() -> bool:
    return Heartbeat.objects.filter(process__in=["worker", "timers"]).count() == 2


def test_the_worker_and_timers_beat_again_after_the_database_comes_back(relay, tmp_path):
    processes = [
        started(["run_worker", "--interval", "0.2", "--no-startup-delay"], relay, tmp_path),
        started(["run_timers", "--interval", "1"], relay, tmp_path),
    ]
    try:
        assert within(90, both_beat), (tmp_path / "run_worker.log").read_text()[-2000:]

        relay.cut()
        time.sleep(3)  # both find the database gone
        Heartbeat.objects.all().delete()  # this test's own connection does not pass through the relay
        relay.restore()

        assert within(60, both_beat), (tmp_path / "run_worker.log").read_text()[-2000:]
        assert [process.poll() for process in processes] == [None, None]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
    for log in ("run_worker.log", "run_timers.log"):
        assert "the database failed" in (tmp_path / log).read_text()
