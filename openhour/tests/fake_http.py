"""Where a provider's fake lives in tests of adapters that speak HTTP: a threaded server on 127.0.0.1 at a free port,
with the fake (its state and answers) on the server, where the handler reads it as `self.server.fake`."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol, TypeVar


class Addressed(Protocol):
    url: str


Fake = TypeVar("Fake", bound=Addressed)


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True
    fake: Any  # each fake's module narrows it on a subclass, for its handler


@contextmanager
def serving(
    server_class: type[FakeServer], handler: type[BaseHTTPRequestHandler], fake: Fake, prefix: str = ""
) -> Iterator[Fake]:
    """Serve `fake` for the duration of the block; its `url` is where, `prefix` included."""
    server = server_class(("127.0.0.1", 0), handler)
    server.fake = fake
    fake.url = f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
