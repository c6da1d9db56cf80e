"""Placeholder: filled in by the api_payouts work."""

from ninja import Router

router = Router(tags=["money"])
