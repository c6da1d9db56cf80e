"""Placeholder: filled in by the api_invoices work."""

from ninja import Router

router = Router(tags=["money"])
