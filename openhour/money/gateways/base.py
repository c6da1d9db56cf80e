"""What every card gateway offers: charge a card, look a charge up again, refund part of it."""

from dataclasses import dataclass
from typing import Literal, Protocol

from openhour.lib.errors import DomainError


class GatewayError(DomainError):
    """The provider could not be reached or answered nonsense; no money moved on our side."""

    code = "gateway_unavailable"
    status = 502
    default_message = "The card processor did not answer. Nothing was charged; please try again in a moment."


@dataclass(frozen=True)
class Charge:
    """The provider's view of a charge. `ref` is the provider's id for it."""

    ref: str
    status: Literal["succeeded", "requires_action", "failed"]
    action_url: str = ""  # where the payer confirms (3-D Secure), for requires_action
    failure_code: str = ""
    failure_message: str = ""


class Gateway(Protocol):
    name: str

    def charge(self, *, payment_id: str, amount: int, currency: str, card_token: str, return_url: str) -> Charge:
        """Charge `amount` minor units. Called outside any database transaction; `payment_id` is the
        idempotency key, so a retry after a timeout never charges twice."""
        ...

    def lookup(self, *, ref: str, confirmed: bool = False) -> Charge:
        """The charge's current state; `confirmed` says the payer has just confirmed it on our page."""
        ...

    def refund(self, *, ref: str, amount: int, refund_id: str) -> str:
        """Refund `amount` of a succeeded charge; returns the provider's refund id."""
        ...
