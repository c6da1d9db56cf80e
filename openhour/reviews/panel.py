"""Placeholder: the reviews panel of the contract page (filled in by its part)."""

from typing import Any


def panel(*, contract: Any, user: Any) -> dict[str, Any]:
    return {}
