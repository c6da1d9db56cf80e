"""A local stand-in for the parts of Stripe's HTTP API a card gateway uses, and Stripe-style webhook signing.

Written from Stripe's public API reference, not from our adapter: form-encoded bodies with bracketed keys,
`Authorization: Bearer sk_test_...`, `Idempotency-Key` replays the first answer, card errors as 402.
Test tokens: `tok_visa` succeeds; `tok_chargeDeclinedInsufficientFunds` / `tok_declined` are declined for
insufficient funds; `tok_threeDSecure2Required` / `tok_3ds` wait for 3-D Secure; `tok_visa_<suffix>` (letters
and digits) succeeds as a card of its own, like the sandbox's, with a card fingerprint per suffix.
"""

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from openhour.tests.fake_http import FakeServer, serving

SUCCEEDS = {"tok_visa", "tok_mastercard"}
DECLINED = {"tok_chargeDeclinedInsufficientFunds", "tok_declined"}
NEEDS_3DS = {"tok_threeDSecure2Required", "tok_3ds"}
OWN_CARD = re.compile(r"tok_visa_[A-Za-z0-9]{1,64}")


def sign(body: bytes, secret: str, timestamp: int | None = None) -> str:
    """A `Stripe-Signature` header as Stripe documents it: HMAC-SHA256 of "<t>.<body>" with the endpoint secret."""
    t = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={t},v1={digest}"


def event(kind: str, intent: dict[str, Any], event_id: str | None = None) -> bytes:
    """A webhook body carrying a snapshot of the intent."""
    body = {
        "id": event_id or f"evt_{next(_numbers)}",
        "object": "event",
        "api_version": "2024-06-20",
        "created": int(time.time()),
        "type": kind,
        "livemode": False,
        "data": {"object": intent},
    }
    return json.dumps(body).encode()


_numbers = itertools.count(1000)


def unflatten(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """`a[b][c]=1` -> {"a": {"b": {"c": "1"}}} (Stripe's form encoding of nested parameters)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        parts = key.replace("]", "").split("[")
        node = out
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return out


class FakeStripe:
    """State shared with the handler threads. Tests read `charges` and steer the next answers."""

    def __init__(self) -> None:
        self.intents: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.replies: dict[str, tuple[int, dict[str, Any]]] = {}  # Idempotency-Key -> first answer
        self.charges = 0  # card charges attempted (idempotent replays do not count)
        self.requests: list[tuple[str, str]] = []
        self.failures: list[int] = []  # answer the next requests with these statuses
        self.hang_next = 0.0  # do the next request's work, then answer this late (the client has given up)
        self.lock = threading.Lock()
        self.url = ""

    # ---- steering from tests ---------------------------------------------------------------------

    def bank_confirms(self, intent_id: str) -> dict[str, Any]:
        """The payer passed 3-D Secure at their bank: the intent succeeds."""
        with self.lock:
            intent = self.intents[intent_id]
            intent.update(status="succeeded", next_action=None, amount_received=intent["amount"])
            return json.loads(json.dumps(intent))

    def bank_refuses(self, intent_id: str) -> dict[str, Any]:
        with self.lock:
            intent = self.intents[intent_id]
            intent.update(status="requires_payment_method", next_action=None, last_payment_error=_decline())
            return json.loads(json.dumps(intent))

    def fail_next(self, *statuses: int) -> None:
        self.failures.extend(statuses)

    # ---- the API ---------------------------------------------------------------------------------

    def handle(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any], float]:
        with self.lock:
            delay, self.hang_next = self.hang_next, 0.0
        return (*self._handle(method, path, headers, body), delay)

    def _handle(self, method: str, path: str, headers: Any, body: bytes) -> tuple[int, dict[str, Any]]:
        self.requests.append((method, path))
        auth = headers.get("Authorization", "")
        if not auth.startswith("Bearer sk_test_"):
            return 401, _error("invalid_request_error", "Invalid API Key provided.", code="api_key_invalid")
        key = headers.get("Idempotency-Key")
        with self.lock:
            if self.failures:
                return self.failures.pop(0), _error("api_error", "Something went wrong on Stripe's end.")
            if method == "POST" and key and key in self.replies:
                return self.replies[key]
            answer = self._route(method, path, unflatten(parse_qsl(body.decode())))
            if method == "POST" and key and answer[0] != 500:
                self.replies[key] = answer
            return answer

    def _route(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        parts = urlsplit(path).path.strip("/").split("/")
        if method == "POST" and parts == ["v1", "payment_intents"]:
            return self._create_intent(params)
        if method == "GET" and parts[:2] == ["v1", "payment_intents"] and len(parts) == 3:
            intent = self.intents.get(parts[2])
            if intent is None:
                return 404, _error("invalid_request_error", f"No such payment_intent: '{parts[2]}'", "resource_missing")
            return 200, intent
        if method == "POST" and parts == ["v1", "refunds"]:
            return self._create_refund(params)
        return 404, _error("invalid_request_error", f"Unrecognized request URL ({method}: {path}).")

    def _create_intent(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        token = params.get("payment_method_data", {}).get("card", {}).get("token", "")
        if not params.get("amount", "").isdigit() or not params.get("currency"):
            return 400, _error("invalid_request_error", "Missing required param: amount.", param="amount")
        if token not in SUCCEEDS | DECLINED | NEEDS_3DS and not OWN_CARD.fullmatch(token):
            message = f"No such token: '{token}'"
            return 400, _error("invalid_request_error", message, "resource_missing", "payment_method_data[card][token]")
        number = next(_numbers)
        intent: dict[str, Any] = {
            "id": f"pi_{number}",
            "object": "payment_intent",
            "amount": int(params["amount"]),
            "currency": params["currency"],
            "metadata": params.get("metadata", {}),
            "status": "succeeded",
            "next_action": None,
            "last_payment_error": None,
            "amount_received": 0,
            "amount_refunded": 0,
            "client_secret": f"pi_{number}_secret_x",
            "return_url": params.get("return_url"),
            "payment_method": {"id": f"pm_{number}", "object": "payment_method", "card": _card(token)},
        }
        self.intents[intent["id"]] = intent
        self.charges += 1
        if token in DECLINED:
            intent.update(status="requires_payment_method", last_payment_error=_decline())
            problem = dict(intent["last_payment_error"], payment_intent=intent)
            return 402, {"error": problem}
        if token in NEEDS_3DS:
            url = f"{self.url}/3ds/{intent['id']}"
            redirect = {"url": url, "return_url": params.get("return_url")}
            intent.update(
                status="requires_action", next_action={"type": "redirect_to_url", "redirect_to_url": redirect}
            )
        else:
            intent["amount_received"] = intent["amount"]
        return 200, intent

    def _create_refund(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        intent = self.intents.get(params.get("payment_intent", ""))
        if intent is None or intent["status"] != "succeeded":
            return 400, _error(
                "invalid_request_error", "This PaymentIntent has no charge to refund.", param="payment_intent"
            )
        amount = int(params.get("amount") or intent["amount"] - intent["amount_refunded"])
        if amount > intent["amount"] - intent["amount_refunded"]:
            message = f"Refund amount ({amount}) is greater than unrefunded amount on charge."
            return 400, _error("invalid_request_error", message, param="amount")
        intent["amount_refunded"] += amount
        refund = {
            "id": f"re_{next(_numbers)}",
            "object": "refund",
            "amount": amount,
            "currency": intent["currency"],
            "payment_intent": intent["id"],
            "status": "succeeded",
        }
        self.refunds[refund["id"]] = refund
        return 200, refund

    @property
    def refunded(self) -> int:
        return sum(refund["amount"] for refund in self.refunds.values())


def _card(token: str) -> dict[str, Any]:
    """The card behind a test token: Stripe gives one fingerprint per card, the same on every charge."""
    fingerprint = hashlib.sha256(token.encode()).hexdigest()[:16]
    return {"brand": "visa", "last4": "4242", "fingerprint": fingerprint}


def _decline() -> dict[str, Any]:
    return {
        "type": "card_error",
        "code": "card_declined",
        "decline_code": "insufficient_funds",
        "message": "Your card has insufficient funds.",
        "param": "",
    }


def _error(kind: str, message: str, code: str = "", param: str = "") -> dict[str, Any]:
    problem = {"type": kind, "message": message}
    if code:
        problem["code"] = code
    if param:
        problem["param"] = param
    return {"error": problem}


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def _answer(self, method: str) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if method == "GET" and "?" in self.path:
            body = urlsplit(self.path).query.encode()
        status, payload, delay = self.server.fake.handle(method, self.path, self.headers, body)
        time.sleep(delay)
        data = json.dumps(payload).encode()
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Request-Id", f"req_{next(_numbers)}")
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):  # the client timed out and went away
            pass

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


class _Server(FakeServer):
    fake: FakeStripe


def running() -> AbstractContextManager[FakeStripe]:
    """A fake Stripe on 127.0.0.1 at a free port, for the duration of the block."""
    return serving(_Server, _Handler, FakeStripe())


@contextmanager
def configured(settings: Any) -> Iterator[FakeStripe]:
    """A fake Stripe, with the Django settings pointing the `stripe` gateway at it."""
    with running() as fake:
        settings.PAYMENT_GATEWAY = "stripe"
        settings.STRIPE_API_BASE = fake.url
        settings.STRIPE_SECRET_KEY = "sk_test_x"
        settings.STRIPE_WEBHOOK_SECRET = "whsec_x"
        yield fake
