"""Database helpers with no models."""

from django.db import connection


def in_transaction() -> bool:
    """Whether code runs inside a transaction of ours. A test case's own wrapping transaction does not
    count, so tests exercise the same guard production does."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def require_no_transaction(what: str) -> None:
    """Refuse to call a provider while holding locks: a slow answer would hold them all that time."""
    if in_transaction():
        raise RuntimeError(f"{what} must not run inside a database transaction")
