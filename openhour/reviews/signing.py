"""Portable reputation: a person's published reviews as a document signed by the platform (Ed25519).

The key is REVIEWS_SIGNING_KEY (an Ed25519 private key in PEM) or, without it, derived from SECRET_KEY with
HKDF, so an installation signs with the same key for as long as its SECRET_KEY lives. Anyone can check an
export offline with `python -m openhour.reviews.verify` and the key served at /.well-known/openhour-reviews.pub.
"""

import base64
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from openhour.accounts.models import User
from openhour.operations.branding import brand
from openhour.reviews.criteria import CRITERIA, subject_role
from openhour.reviews.models import Review
from openhour.reviews.selectors import published_reviews_of, short_name
from openhour.reviews.verify import ALGORITHM, canonical

FORMAT = "openhour-reviews/1"
KEY_PATH = "/.well-known/openhour-reviews.pub"
HKDF_SALT = b"openhour reviews signing key"
HKDF_INFO = b"ed25519 v1"


def signing_key() -> Ed25519PrivateKey:
    return _key(settings.REVIEWS_SIGNING_KEY, settings.SECRET_KEY)


@lru_cache(maxsize=4)
def _key(pem: str, secret: str) -> Ed25519PrivateKey:
    """The configured key, else one derived from SECRET_KEY (stable per installation)."""
    if pem:
        loaded = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(loaded, Ed25519PrivateKey):
            raise ImproperlyConfigured("REVIEWS_SIGNING_KEY must be an Ed25519 private key in PEM.")
        return loaded
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=HKDF_SALT, info=HKDF_INFO).derive(secret.encode())
    return Ed25519PrivateKey.from_private_bytes(seed)


def public_key_pem() -> str:
    public = signing_key().public_key()
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def key_id() -> str:
    """A short fingerprint of the public key, so a reader can tell keys apart at a glance."""
    digest = hashes.Hash(hashes.SHA256())
    digest.update(signing_key().public_key().public_bytes_raw())
    return "ed25519:" + digest.finalize().hex()[:16]


def signed(document: dict[str, Any]) -> dict[str, Any]:
    """The export envelope: the document, its signature over the canonical JSON, and the public key."""
    signature = signing_key().sign(canonical(document))
    return {
        "document": document,
        "signature": base64.b64encode(signature).decode(),
        "algorithm": ALGORITHM,
        "public_key": public_key_pem(),
    }


def export_filename(username: str) -> str:
    return f"{slugify(brand().name) or 'reviews'}-reviews-{username}.json"


def export_document(*, user: User, now: datetime | None = None) -> dict[str, Any]:
    """Everything public about `user`'s reviews, in both roles, oldest first; never private notes."""
    reviews = published_reviews_of(user=user).order_by("published_at", "id")
    profile = settings.SITE_URL + reverse("public_profile", args=[user.username])
    return {
        "format": FORMAT,
        "issuer": {
            "name": brand().name,
            "url": settings.SITE_URL,
            "public_key_url": settings.SITE_URL + KEY_PATH,
            "key_id": key_id(),
        },
        "subject": {"username": user.username, "name": user.name, "profile_url": profile},
        "issued_at": _when(now or timezone.now()),
        "reviews": [review_entry(review) for review in reviews],
    }


def review_entry(review: Review) -> dict[str, Any]:
    """One review as exported: only what its public page shows, in JSON types that sign unambiguously."""
    reply = getattr(review, "reply", None)
    return {
        "id": str(review.pk),
        "role": subject_role(review.author_role),  # the part the subject played on the contract
        "reviewer": {"name": short_name(review.author), "role": review.author_role},
        "overall": review.overall,
        "criteria": {name: getattr(review, name) for name, _label in CRITERIA[review.author_role]},
        "would_work_again": review.would_work_again,
        "went_well": review.went_well,
        "could_improve": review.could_improve,
        "reply": reply.text if reply is not None else None,
        "category": review.category,
        "budget_band": review.budget_band,
        "duration_band": review.duration_band,
        "verified_contract": True,
        "published_at": _when(review.published_at),
    }


def _when(moment: datetime | None) -> str | None:
    """UTC, to the second: the same text whichever database or time zone produced it."""
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
