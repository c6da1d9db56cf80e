"""What every identity provider offers: start a check for a person, and whether it needs our own file upload."""

from dataclasses import dataclass
from typing import Protocol

from openhour.lib.errors import DomainError


class ProviderUnavailable(DomainError):
    """The provider could not be reached or answered nonsense; the person's check did not start."""

    code = "identity_provider_unavailable"
    status = 502
    default_message = "The identity service did not answer. Please try again in a moment."


@dataclass(frozen=True)
class Started:
    """A check begun at the provider: `ref` is its id there, `url` where the person completes it (if anywhere)."""

    ref: str = ""
    url: str = ""


class IdentityProvider(Protocol):
    name: str
    takes_files: bool  # the person uploads a document and a selfie to us, and an operator reviews them

    def start(self, *, attempt: str, user_id: int, return_url: str) -> Started:
        """Begin a check. Called outside any database transaction; `attempt` is the idempotency key, so a
        retry after a timeout never opens two sessions."""
        ...
