"""Domain errors: services raise these; pages and the API turn them into messages and status codes."""

from contextvars import ContextVar
from typing import Any


class DomainError(Exception):
    """A rule of the marketplace said no. `code` is stable; `message` is for people."""

    code = "invalid"
    status = 400
    default_message = "That request is not valid."

    def __init__(
        self, message: str | None = None, *, fields: dict[str, list[str]] | None = None, code: str | None = None
    ):
        self.message = str(message or self.default_message)
        self.fields = fields or {}
        self.code = code or self.code
        super().__init__(self.message)


class InvalidInput(DomainError):
    code = "invalid"
    status = 400


class NotAllowed(DomainError):
    code = "forbidden"
    status = 403
    default_message = "You are not allowed to do that."


class EmailUnverified(NotAllowed):
    code = "email_unverified"
    default_message = "Verify your e-mail address first: we sent you a link when you signed up."


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = "Not found."


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = "That cannot be done in the current state."


def field_errors(django_errors: dict) -> dict[str, list[str]]:
    """Flatten a Django ErrorDict (or ValidationError.message_dict) into plain strings per field."""
    return {name: [str(m) for m in messages] for name, messages in django_errors.items()}


class RateLimited(DomainError):
    """Too many attempts; `retry_after` (seconds) becomes the response's Retry-After header."""

    code = "rate_limited"
    status = 429
    default_message = "Too many attempts. Wait a few minutes and try again."

    def __init__(self, message: str | None = None, *, retry_after: int = 60, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = max(1, int(retry_after))
        last_rate_limit.set(self)  # a page that shows the refusal on its form still gets the header


last_rate_limit: ContextVar[RateLimited | None] = ContextVar("last_rate_limit", default=None)


def retry_after_header(error: DomainError) -> dict[str, str]:
    """The headers a refusal adds to its response: Retry-After for a rate limit, nothing otherwise."""
    return {"Retry-After": str(error.retry_after)} if isinstance(error, RateLimited) else {}
