"""A local stand-in for the EU's VIES REST service, `POST /check-vat-number`, written from its public API
description rather than from our adapter: a JSON body `{"countryCode": "DE", "vatNumber": "123456789"}`,
answered `{"countryCode", "vatNumber", "requestDate", "valid", "requestIdentifier", "name", "address"}`; when a
member state's registry is down or busy, `{"actionSucceed": false, "errorWrappers": [{"error": "MS_UNAVAILABLE"}]}`.
Tests list the numbers registered and can take a member state (or the whole service) down."""

import json
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from typing import Any

from openhour.tests.fake_http import FakeServer, serving

PREFIX = "/taxation_customs/vies/rest-api"  # as on ec.europa.eu, so the adapter's joining of the base is tested


class FakeVies:
    def __init__(self) -> None:
        self.registered: set[str] = set()  # prefixed numbers VIES knows ("DE136695976")
        self.unavailable: set[str] = set()  # country codes whose registry does not answer
        self.broken = False  # the whole service answers 503 with an HTML page
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self.url = ""

    def handle(self, path: str, body: bytes) -> tuple[int, str, bytes]:
        with self.lock:
            if self.broken:
                return 503, "text/html", b"<html><body>Service Unavailable</body></html>"
            if path.rstrip("/") != f"{PREFIX}/check-vat-number":
                return (
                    404,
                    "application/json",
                    _json({"actionSucceed": False, "errorWrappers": [{"error": "NOT_FOUND"}]}),
                )
            try:
                asked = json.loads(body)
                country, number = str(asked["countryCode"]), str(asked["vatNumber"])
            except (ValueError, KeyError, TypeError):
                return 400, "application/json", _json(_error("INVALID_INPUT"))
            self.requests.append(asked)
            if country in self.unavailable:
                return 200, "application/json", _json(_error("MS_UNAVAILABLE"))
            return 200, "application/json", _json(self._answer(country, number))

    def _answer(self, country: str, number: str) -> dict[str, Any]:
        valid = f"{country}{number}" in self.registered
        return {
            "countryCode": country,
            "vatNumber": number,
            "requestDate": datetime.now(UTC).isoformat(),
            "valid": valid,
            "requestIdentifier": "",
            "name": "EXAMPLE TRADING GMBH" if valid else "---",
            "address": "MUSTERSTRASSE 1, 10115 BERLIN" if valid else "---",
        }


def _error(code: str) -> dict[str, Any]:
    return {"actionSucceed": False, "errorWrappers": [{"error": code, "message": "The Member State is not answering"}]}


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload).encode()


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, kind, data = self.server.fake.handle(self.path, body)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


class _Server(FakeServer):
    fake: FakeVies


def running() -> AbstractContextManager[FakeVies]:
    """A fake VIES on 127.0.0.1 at a free port, for the duration of the block."""
    return serving(_Server, _Handler, FakeVies(), PREFIX)


@contextmanager
def configured(settings: Any) -> Iterator[FakeVies]:
    """A fake VIES, with the Django settings pointing the `vies` lookup at it."""
    with running() as fake:
        settings.VAT_NUMBER_LOOKUP = "vies"
        settings.VIES_API_BASE = fake.url
        yield fake
