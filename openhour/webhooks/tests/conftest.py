"""Webhook tests post to a real HTTP receiver on 127.0.0.1 and run deliveries through the database task queue, as
a deployment does: a test commits its steps (`committed`), then runs the worker (`run_worker`) at the time it
chooses (time_machine). Loopback is allowed as a target unless a test says otherwise.

Cast, as everywhere: Clara (client) and Fred (freelancer) are the parties; Olga has nothing to do with their
contracts and must hear nothing of them; the operator may subscribe to the whole market."""

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from openhour.webhooks.models import SUBSCRIBABLE, Endpoint
from openhour.webhooks.services.endpoints import endpoint_create


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def event(self) -> dict[str, Any]:
        return json.loads(self.body)


@dataclass
class Receiver:
    """What the receiver was sent, and what it answers next (`status`, `location` for a redirect)."""

    port: int
    requests: list[Received] = field(default_factory=list)
    connections: int = 0
    status: int = 200
    location: str = ""

    def url(self, host: str = "127.0.0.1", scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}/hooks?source=openhour"

    def events(self, type_: str | None = None, *, to: str = "") -> list[dict[str, Any]]:
        """The events posted, of one type, to the endpoint of one person (see `hook_for`)."""
        return [
            r.event
            for r in self.requests
            if (type_ is None or r.event["type"] == type_) and (not to or r.path.endswith(f"&for={to}"))
        ]


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.requests.append(Received(self.path, dict(self.headers.items()), body))
            self.send_response(receiver.status)
            if receiver.location:
                self.send_header("Location", receiver.location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

    return Handler


class CountingServer(ThreadingHTTPServer):
    receiver: Receiver

    def verify_request(self, request: Any, client_address: Any) -> bool:
        self.receiver.connections += 1  # any connection at all, a request or not
        return True


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = CountingServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.receiver = found = Receiver(port=server.server_address[1])
    server.RequestHandlerClass = _handler(found)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield found
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def queued(settings: Any) -> None:
    """Deliveries wait in the database queue for the worker; loopback may be targeted (the development default)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.WEBHOOK_ALLOWED_PRIVATE_TARGETS = ["127.0.0.0/8", "::1/128"]
    settings.WEBHOOK_TIMEOUT_SECONDS = 5


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[..., Any]:
    """Run `work()` and then what it left for after commit (queueing deliveries, e-mails), as a commit would."""

    def run(work: Callable[[], Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return work()

    return run


@pytest.fixture
def run_worker(committed: Callable[..., Any]) -> Callable[[], None]:
    """Run every task that is due now, and what they leave for after commit (the next attempt, e-mails)."""

    def run() -> None:
        for _round in range(5):  # tasks that queue tasks (review checks publish a review, whose event is delivered)
            committed(lambda: call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0))
            if not DBTaskResult.objects.ready().exists():
                return

    return run


def subscribe(owner: Any, url: str, *events: str, scope: str = Endpoint.Scope.MINE) -> Endpoint:
    return endpoint_create(owner=owner, url=url, events=list(events), scope=scope)


def hook_for(owner: Any, receiver: Receiver, *events: str, scope: str = Endpoint.Scope.MINE) -> Endpoint:
    """An endpoint of `owner` at the receiver, told apart by its path: `receiver.events(to=owner.username)`."""
    return subscribe(owner, receiver.url() + f"&for={owner.username}", *(events or EVERY_EVENT), scope=scope)


EVERY_EVENT = [value for value, _label in SUBSCRIBABLE]
