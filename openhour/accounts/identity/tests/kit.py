"""Building blocks for identity tests: the files a person sends, sending them, and an operator's decision."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from conftest import image_bytes

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def document(name: str = "passport.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def selfie(name: str = "me.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("JPEG"), content_type="image/jpeg")


def send_documents(browser: Client, **files: Any) -> Any:
    """The person sends their document and selfie from /me/identity, as the form does."""
    return browser.post("/me/identity", {"document": document(), "selfie": selfie(), **files})


def decide(browser: Client, check_id: int, action: str, reason: str = "") -> Any:
    return browser.post(f"/operations/identity/{check_id}/decide", {"action": action, "reason": reason})
