"""The shape of a file attached to a project's brief or a proposal, in the API's answers."""

from collections.abc import Iterable
from typing import Any

from django.urls import reverse
from pydantic import Field

from openhour.api.schemas import FileOut
from openhour.jobs.models import AttachedFile


class AttachmentOut(FileOut):
    content_type: str = Field(description="Read from the checked file name, never the sender's claim")


def attachments_out(files: Iterable[AttachedFile], url_name: str) -> list[dict[str, Any]]:
    return [
        {
            "id": str(f.pk),
            "name": f.name,
            "size": f.size,
            "content_type": f.content_type,
            "url": reverse(url_name, args=[f.pk]),
        }
        for f in files
    ]
