"""An e-mail backend whose server is down: every send raises, and counts how often it was tried."""

from typing import Any

from django.core.mail.backends.base import BaseEmailBackend


class DownBackend(BaseEmailBackend):
    attempts = 0

    def send_messages(self, email_messages: Any) -> int:
        DownBackend.attempts += 1
        raise ConnectionRefusedError("The mail server is down.")
