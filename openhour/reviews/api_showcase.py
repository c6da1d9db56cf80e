"""Placeholder: badge, widget and signed export over the API (filled in by its part)."""

from ninja import Router

router = Router(tags=["reviews"])
