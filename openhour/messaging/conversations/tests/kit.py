"""Shared helpers for the conversation tests: a message between two of the cast, and small files."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from openhour.messaging.conversations.services import message_send
from openhour.messaging.models import Message

PDF = b"%PDF-1.4 the brief"


def say(by: Any, to: Any, text: str = "Hello there", **extra: Any) -> Message:
    return message_send(to=to, by=by, text=text, **extra)


def pdf(name: str = "brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
