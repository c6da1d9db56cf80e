"""The `Openhour-Signature` header of webhook deliveries, and how a receiver checks it.

    Openhour-Signature: t=1767225600,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd

`t` is when the attempt was made (Unix seconds); each `v1` is the hex HMAC-SHA256 of "<t>.<raw body>" under an
endpoint secret. Right after a secret is rotated, deliveries carry two `v1` entries, the new secret's first, so a
receiver may switch secrets at its own pace. This module imports nothing but the standard library: copy it into
a receiver and call `verify(raw_body, header, secret)` before trusting a delivery, then ignore any event `id`
already handled (a delivery may come more than once).
"""

import hashlib
import hmac
import time
from collections.abc import Iterable

HEADER = "Openhour-Signature"
DEFAULT_TOLERANCE = 300  # seconds a delivery's timestamp may be off, so a recorded one cannot be replayed later


class InvalidSignature(ValueError):
    """The delivery is not signed with the secret, or too long ago: do not trust it."""


def sign(secret: str, timestamp: int, body: bytes) -> str:
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()


def header(secrets: Iterable[str], timestamp: int, body: bytes) -> str:
    """The header's value, with one `v1` per secret, in the order given."""
    return ",".join([f"t={timestamp}", *(f"v1={sign(secret, timestamp, body)}" for secret in secrets)])


def verify(
    body: bytes, signature: str, secret: str, *, tolerance: int = DEFAULT_TOLERANCE, now: float | None = None
) -> int:
    """Check `signature` (the header's value) over the raw `body` with `secret`; returns its timestamp, or raises
    InvalidSignature. Pass the body exactly as received: parsing and re-encoding the JSON changes the bytes."""
    timestamp, candidates = _parsed(signature)
    if abs((time.time() if now is None else now) - timestamp) > tolerance:
        raise InvalidSignature("The timestamp is outside the tolerance: an old delivery, or a clock far off.")
    expected = sign(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, candidate) for candidate in candidates):
        raise InvalidSignature("No signature matches this secret.")
    return timestamp


def _parsed(signature: str) -> tuple[int, list[str]]:
    pairs = [item.strip().partition("=") for item in signature.split(",")]
    stamps = [value for key, _eq, value in pairs if key == "t"]
    candidates = [value for key, _eq, value in pairs if key == "v1"]
    if len(stamps) != 1 or not stamps[0].isdigit() or not candidates:
        raise InvalidSignature("The header is not t=<seconds>,v1=<signature>.")
    return int(stamps[0]), candidates
