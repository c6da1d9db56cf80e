from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import uuid4

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage


class FilePerMessageBackend(BaseEmailBackend):
    """Write each outgoing message to its own `.eml` file under EMAIL_FILE_PATH (the embedded default)."""

    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages: list[EmailMessage]) -> int:  # type: ignore[override]
        self.directory.mkdir(parents=True, exist_ok=True)
        for message in email_messages:
            name = f"{datetime.now(UTC):%Y%m%d-%H%M%S-%f}-{uuid4().hex[:8]}.eml"
            (self.directory / name).write_bytes(message.message().as_bytes())
        return len(email_messages)
