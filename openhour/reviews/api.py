"""Placeholder: the reviews API (filled in by its part)."""

from ninja import Router

router = Router(tags=["reviews"])
