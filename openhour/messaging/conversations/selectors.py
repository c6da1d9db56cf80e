from typing import Any


def unread_messages_count(*, user: Any) -> int:
    """How many messages from others the person has not read yet, across all conversations."""
    return 0
