"""A local stand-in for PayPal's Payouts API, speaking its HTTP: OAuth2 client credentials, create a
payout batch (deduplicated on `sender_batch_id`), read a batch. `outcome` decides how payouts end."""

import base64
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

CLIENT_ID, CLIENT_SECRET = "fake-client", "fake-secret"


class FakePayPal:
    def __init__(self) -> None:
        self.batches: dict[str, dict[str, Any]] = {}  # payout_batch_id -> batch
        self.by_sender: dict[str, str] = {}  # sender_batch_id -> payout_batch_id
        self.tokens: set[str] = set()
        self.outcome = "SUCCESS"  # or FAILED, RETURNED, PENDING: what each new payout ends as
        self.down = False  # answer 503 to everything
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def items(self) -> list[dict[str, Any]]:
        return [item for batch in self.batches.values() for item in batch["items"]]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _body(self) -> bytes:
                return self.rfile.read(int(self.headers.get("Content-Length") or 0))

            def _authorised(self) -> bool:
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                return token in fake.tokens

            def do_POST(self) -> None:
                body = self._body()
                if fake.down:
                    return self._answer(503, {"name": "SERVICE_UNAVAILABLE"})
                if self.path == "/v1/oauth2/token":
                    return self._token(body)
                if self.path == "/v1/payments/payouts":
                    if not self._authorised():
                        return self._answer(401, {"name": "AUTHENTICATION_FAILURE"})
                    return self._create(json.loads(body))
                return self._answer(404, {"name": "RESOURCE_NOT_FOUND"})

            def do_GET(self) -> None:
                prefix = "/v1/payments/payouts/"
                if fake.down:
                    return self._answer(503, {"name": "SERVICE_UNAVAILABLE"})
                if not self._authorised():
                    return self._answer(401, {"name": "AUTHENTICATION_FAILURE"})
                batch = fake.batches.get(self.path.removeprefix(prefix)) if self.path.startswith(prefix) else None
                if batch is None:
                    return self._answer(404, {"name": "RESOURCE_NOT_FOUND"})
                return self._answer(200, batch)

            def _token(self, body: bytes) -> None:
                expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
                if (
                    self.headers.get("Authorization") != f"Basic {expected}"
                    or b"grant_type=client_credentials" not in body
                ):
                    return self._answer(401, {"error": "invalid_client"})
                token = uuid.uuid4().hex
                fake.tokens.add(token)
                return self._answer(200, {"access_token": token, "token_type": "Bearer", "expires_in": 32400})

            def _create(self, payload: dict[str, Any]) -> None:
                sender_id = payload.get("sender_batch_header", {}).get("sender_batch_id")
                items = payload.get("items") or []
                if not sender_id or len(items) != 1 or "@" not in str(items[0].get("receiver", "")):
                    return self._answer(400, {"name": "VALIDATION_ERROR", "message": "Invalid request."})
                with fake.lock:
                    if sender_id in fake.by_sender:  # a repeat: PayPal answers with the batch it already has
                        return self._answer(201, fake.batches[fake.by_sender[sender_id]])
                    batch_id = uuid.uuid4().hex[:13].upper()
                    paid_to = {"receiver": items[0]["receiver"], "amount": items[0]["amount"]}
                    item = {
                        **items[0],
                        "payout_item_id": uuid.uuid4().hex[:13].upper(),
                        "transaction_status": fake.outcome,
                        "payout_batch_id": batch_id,
                        "payout_item": paid_to,
                    }
                    if fake.outcome != "SUCCESS":
                        item["errors"] = {"name": "RECEIVER_UNREGISTERED", "message": "The receiver cannot be paid."}
                    fake.batches[batch_id] = {
                        "batch_header": {
                            "payout_batch_id": batch_id,
                            "batch_status": "PENDING",
                            "sender_batch_header": payload["sender_batch_header"],
                        },
                        "items": [item],
                    }
                    fake.by_sender[sender_id] = batch_id
                return self._answer(201, {"batch_header": fake.batches[batch_id]["batch_header"]})

        return Handler

    def start(self) -> "FakePayPal":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def running(settings: Any) -> Iterator[FakePayPal]:
    """A started fake with the settings pointing at it; for a test module's fixture to yield from."""
    fake = FakePayPal().start()
    settings.PAYPAL_API_BASE = fake.url
    settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    yield fake
    fake.stop()
