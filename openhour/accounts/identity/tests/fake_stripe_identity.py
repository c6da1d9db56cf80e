"""A local stand-in for Stripe Identity's verification sessions, speaking Stripe's HTTP, and its webhooks.

Written from Stripe's API reference: `POST /v1/identity/verification_sessions` (form-encoded, bracketed keys,
`Authorization: Bearer sk_test_...`, `Idempotency-Key` replays the first answer) answers a session in status
`requires_input` with a `url` to send the person to; tests then finish it (`verify`, `refuse`) and deliver the
event Stripe would send, signed with the Stripe-Signature scheme.
"""

import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from openhour.money.tests.fake_stripe import sign, unflatten
from openhour.tests.fake_http import FakeServer, serving

_numbers = itertools.count(5000)
VERIFIED, REQUIRES_INPUT = "identity.verification_session.verified", "identity.verification_session.requires_input"


class FakeStripeIdentity:
    """State shared with the handler threads; tests read `sessions` and `created` and finish sessions."""

    def __init__(self) -> None:
        self.sessions: dict[str, dict[str, Any]] = {}
        self.replies: dict[str, tuple[int, dict[str, Any]]] = {}
        self.created = 0  # sessions opened (idempotent replays do not count)
        self.failures: list[int] = []
        self.lock = threading.Lock()
        self.url = ""

    def verify(self, session_id: str) -> dict[str, Any]:
        """The person showed a valid document and a matching selfie."""
        with self.lock:
            self.sessions[session_id].update(status="verified", last_error=None)
            return json.loads(json.dumps(self.sessions[session_id]))

    def refuse(self, session_id: str, reason: str) -> dict[str, Any]:
        with self.lock:
            problem = {"code": "document_expired", "reason": reason}
            self.sessions[session_id].update(status="requires_input", last_error=problem)
            return json.loads(json.dumps(self.sessions[session_id]))

    def handle(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any]]:
        if not headers.get("Authorization", "").startswith("Bearer sk_test_"):
            return 401, _error("Invalid API Key provided.")
        key = headers.get("Idempotency-Key")
        with self.lock:
            if self.failures:
                return self.failures.pop(0), _error("Something went wrong on Stripe's end.", kind="api_error")
            if method == "POST" and key and key in self.replies:
                return self.replies[key]
            answer = self._route(method, urlsplit(path).path, unflatten(parse_qsl(body.decode())))
            if method == "POST" and key:
                self.replies[key] = answer
            return answer

    def _route(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if method == "POST" and path == "/v1/identity/verification_sessions":
            if params.get("type") not in ("document", "id_number"):
                return 400, _error("Missing required param: type.")
            number = next(_numbers)
            session = {
                "id": f"vs_{number}",
                "object": "identity.verification_session",
                "type": params["type"],
                "status": "requires_input",
                "url": f"{self.url}/verify/vs_{number}",
                "client_secret": f"vs_{number}_secret_x",
                "metadata": params.get("metadata", {}),
                "options": params.get("options", {}),
                "return_url": params.get("return_url"),
                "last_error": None,
                "livemode": False,
            }
            self.sessions[session["id"]] = session
            self.created += 1
            return 200, session
        return 404, _error(f"Unrecognized request URL ({method}: {path}).")


def event(kind: str, session: dict[str, Any]) -> bytes:
    body = {
        "id": f"evt_{next(_numbers)}",
        "object": "event",
        "created": int(time.time()),
        "type": kind,
        "livemode": False,
        "data": {"object": session},
    }
    return json.dumps(body).encode()


def _error(message: str, kind: str = "invalid_request_error") -> dict[str, Any]:
    return {"error": {"type": kind, "message": message}}


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, payload = self.server.fake.handle("POST", self.path, self.headers, body)
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", f"req_{next(_numbers)}")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(FakeServer):
    fake: FakeStripeIdentity


@contextmanager
def configured(settings: Any) -> Iterator[FakeStripeIdentity]:
    """A fake Stripe Identity on a free local port, with the settings pointing the `stripe` provider at it."""
    with serving(_Server, _Handler, FakeStripeIdentity()) as fake:
        settings.IDENTITY_PROVIDER = "stripe"
        settings.STRIPE_API_BASE = fake.url
        settings.STRIPE_SECRET_KEY = "sk_test_identity"
        settings.STRIPE_IDENTITY_WEBHOOK_SECRET = "whsec_identity"
        yield fake


__all__ = ["REQUIRES_INPUT", "VERIFIED", "FakeStripeIdentity", "configured", "event", "sign"]
