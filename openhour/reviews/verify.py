"""Check a signed reviews export offline, with nothing but Python and the `cryptography` package.

    python -m openhour.reviews.verify export.json openhour-reviews.pub

The export is `{"document": {...}, "signature": "<base64>", "algorithm": "Ed25519", ...}`; the signature
covers the document as canonical JSON (keys sorted, no spaces, UTF-8). The key to trust is the file given
on the command line (fetched once from the site's /.well-known/openhour-reviews.pub), never the copy the
export carries. This module imports no Django, so it can be copied and run on its own.
"""

import argparse
import base64
import binascii
import json
import sys
from collections.abc import Sequence
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_public_key

ALGORITHM = "Ed25519"


class Unreadable(Exception):
    """The export or the key file is not what this tool expects."""


def canonical(document: Any) -> bytes:
    """The exact bytes that are signed: one spelling of the document, whoever serialises it."""
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def load_public_key(text: str) -> Ed25519PublicKey:
    """A PEM public key, or the 32 raw key bytes in base64."""
    text = text.strip()
    try:
        if text.startswith("-----BEGIN"):
            key = load_pem_public_key(text.encode())
        else:
            key = Ed25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except (ValueError, binascii.Error) as error:
        raise Unreadable(f"not an Ed25519 public key ({error})") from error
    if not isinstance(key, Ed25519PublicKey):
        raise Unreadable("the public key is not an Ed25519 key")
    return key


def is_valid(export: dict[str, Any], key: Ed25519PublicKey) -> bool:
    """Whether `export` carries a good Ed25519 signature of its document by `key`."""
    if export.get("algorithm") != ALGORITHM or not isinstance(export.get("document"), dict):
        return False
    try:
        signature = base64.b64decode(str(export.get("signature", "")), validate=True)
        key.verify(signature, canonical(export["document"]))
    except (InvalidSignature, binascii.Error, ValueError):
        return False
    return True


def _read_export(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            export = json.load(handle)
    except (OSError, ValueError) as error:
        raise Unreadable(f"cannot read {path} ({error})") from error
    if not isinstance(export, dict):
        raise Unreadable(f"{path} is not a signed reviews export")
    return export


def _read_key(path: str) -> Ed25519PublicKey:
    try:
        with open(path, encoding="utf-8") as handle:
            return load_public_key(handle.read())
    except OSError as error:
        raise Unreadable(f"cannot read {path} ({error})") from error


def summary(document: dict[str, Any]) -> str:
    """ "valid: 3 reviews of fred signed by openhour (https://…)"."""
    issuer, subject = document.get("issuer") or {}, document.get("subject") or {}
    count = len(document.get("reviews") or [])
    signer = f"{issuer.get('name', '?')} ({issuer.get('url', '?')})"
    return f"valid: {count} review{'' if count == 1 else 's'} of {subject.get('username', '?')} signed by {signer}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m openhour.reviews.verify", description="Verify a signed reviews export offline."
    )
    parser.add_argument("export", help="the downloaded export (JSON)")
    parser.add_argument("public_key", help="the platform's public key (PEM), from /.well-known/openhour-reviews.pub")
    args = parser.parse_args(argv)
    try:
        export, key = _read_export(args.export), _read_key(args.public_key)
    except Unreadable as error:
        print(f"INVALID: {error}")
        return 1
    if not is_valid(export, key):
        print("INVALID signature")
        return 1
    print(summary(export["document"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
