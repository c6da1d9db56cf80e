"""Uploads over HTTP: send a private file ahead, then attach it by id in a JSON body."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja import File, Router, Schema, Status, UploadedFile
from pydantic import Field

from openhour.api.auth import current_user
from openhour.messaging.models import Upload
from openhour.messaging.uploads import services

router = Router(tags=["uploads"])


class UploadOut(Schema):
    id: str = Field(description="What to give in `attachments` to attach it")
    name: str
    size: int = Field(description="In bytes")
    content_type: str = Field(description="Read from the checked file name, never the sender's claim")
    created_at: datetime
    expires_at: datetime = Field(description="It is deleted if not attached by then")


def upload_out(upload: Upload) -> dict[str, Any]:
    return {
        "id": str(upload.pk),
        "name": upload.name,
        "size": upload.size,
        "content_type": upload.content_type,
        "created_at": upload.created_at,
        "expires_at": upload.created_at + timedelta(hours=settings.UPLOAD_UNATTACHED_HOURS),
    }


@router.post("/uploads", response={201: UploadOut})
def upload_create(request: HttpRequest, file: File[UploadedFile]) -> Status:
    """Send a private file (multipart `file`; the kinds and size any attachment may have), then attach it by id
    (`attachments: [id]`) to a message, a delivery, a dispute statement, a project's brief or a proposal before
    `expires_at`. Only you can attach it, and only once; one never attached is deleted."""
    upload = services.upload_create(by=current_user(request), file=file)
    return Status(201, upload_out(upload))
