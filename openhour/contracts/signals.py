"""Signals other apps listen to, so that contracts never import them."""

from django.dispatch import Signal

# Sent inside the transaction that ends a contract, with `contract` (its outcome and ended_at set).
contract_ended = Signal()
