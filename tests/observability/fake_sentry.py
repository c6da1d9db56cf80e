"""A local stand-in for Sentry: it accepts envelopes the way Sentry's ingestion does (POST
/api/<project>/envelope/, gzip or brotli bodies) and keeps them for the test to read."""

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import brotli

PROJECT = "42"


class FakeSentry:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.paths: list[str] = []
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def dsn(self) -> str:
        return f"http://public-key@127.0.0.1:{self.server.server_address[1]}/{PROJECT}"

    def __enter__(self) -> "FakeSentry":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def events(self) -> list[dict[str, Any]]:
        """The error events received (an envelope holds a header line, then item headers and payloads)."""
        found = []
        for body in self.bodies:
            lines = body.split(b"\n")
            for position, line in enumerate(lines[1:-1], start=1):
                if line.startswith(b"{") and json.loads(line).get("type") == "event":
                    found.append(json.loads(lines[position + 1]))
        return found

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                encoding = self.headers.get("Content-Encoding", "")
                body = {"gzip": gzip.decompress, "br": brotli.decompress}.get(encoding, bytes)(body)
                fake.paths.append(self.path)
                fake.bodies.append(body)
                self.send_response(200 if self.path == f"/api/{PROJECT}/envelope/" else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: object) -> None:
                pass

        return Handler
