import logging
import signal
import sys
import threading
from pathlib import Path
from typing import Any

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
