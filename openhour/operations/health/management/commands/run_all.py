import logging
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from openhour.lib.supervise import Program, supervise


class Command(BaseCommand):
    help = (
        "Run the site (runserver), the task worker and the timers together on this machine, starting again "
        "whichever stops; the worker's and timers' output goes to VAR_DIR/log. For `make run`, not production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("address", nargs="?", default="127.0.0.1:8000", help="where runserver listens")

    def handle(self, *args: Any, address: str, **options: Any) -> None:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
        site_url = site_url_for(address, os.environ.get("SITE_URL", ""))
        os.environ["SITE_URL"] = site_url  # the site, worker and timers link, mail and pay for this address
        self.stdout.write(f"Serving {site_url}")
        if _local(site_url) and urlsplit(site_url).port != _port_of(address):
            self.stderr.write(f"SITE_URL is {site_url} but the site listens on {address}: links name SITE_URL.")
        logs = Path(settings.VAR_DIR) / "log"
        logs.mkdir(parents=True, exist_ok=True)
        manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
        programs = [
            Program("site", [*manage, "runserver", address]),
            Program("worker", [*manage, "run_worker", "--no-startup-delay"], logs / "worker.log"),
            Program("timers", [*manage, "run_timers"], logs / "timers.log"),
        ]
        stop = threading.Event()
        for stopping in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stopping, lambda *_: stop.set())
        supervise(programs, stop)


def site_url_for(address: str, site_url: str) -> str:
    """SITE_URL when it is set, otherwise the address runserver listens on (a port alone means 127.0.0.1)."""
    if site_url:
        return site_url.rstrip("/")
    host, _colon, port = address.rpartition(":")
    if host in ("", "0.0.0.0", "[::]", "::"):  # noqa: S104  # nosec B104 -- listening everywhere: answered locally
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def _port_of(address: str) -> int | None:
    port = address.rpartition(":")[2]
    return int(port) if port.isdigit() else None


def _local(url: str) -> bool:
    return urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")
