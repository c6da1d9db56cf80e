"""Personal data over HTTP: ask for an archive of all one's data, then follow it until its link is ready."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from ninja import Router, Schema, Status
from pydantic import Field

from openhour.api.auth import current_user
from openhour.lib.private_files import serve
from openhour.lib.web import absolute_url

from . import selectors, services
from .models import Export

router = Router(tags=["privacy"])

ExportStatus = Literal["pending", "ready", "failed", "expired"]


class ExportCreatedOut(Schema):
    id: str
    status: ExportStatus


class ExportOut(ExportCreatedOut):
    created_at: datetime
    ready_at: datetime | None
    expires_at: datetime | None = Field(description="After this the archive is deleted; ask for a new one")
    download_url: str | None = Field(description="Once ready: opens for its owner, signed in on the site")
    archive_url: str | None = Field(description="Once ready: the ZIP itself, for this API's credentials")


def export_out(export: Export) -> dict[str, Any]:
    ready = export.status == Export.Status.READY
    url = absolute_url(reverse("privacy_export_download", args=[export.pk])) if ready else None
    archive = absolute_url(reverse("api:export_archive", args=[export.pk])) if ready else None
    return {
        "id": str(export.pk),
        "status": export.status,
        "created_at": export.created_at,
        "ready_at": export.ready_at,
        "expires_at": export.expires_at,
        "download_url": url,
        "archive_url": archive,
    }


@router.post("/me/export", response={202: ExportCreatedOut})
def export_create(request: HttpRequest) -> Status[dict[str, Any]]:
    """Prepares an archive (a ZIP: data.json and the files you sent) and e-mails you when it is ready. While one
    is being prepared, asking again answers that one; a few new ones a day at most (429 after that)."""
    export = services.export_request(by=current_user(request), request=request)
    return Status(202, {"id": str(export.pk), "status": export.status})


@router.get("/me/export/{export_id}", response=ExportOut)
def export_detail(request: HttpRequest, export_id: str) -> dict[str, Any]:
    """One of your archives; anyone else's is a 404."""
    return export_out(selectors.export_of(owner=current_user(request), export_id=export_id))


ZIP = {
    "responses": {
        200: {
            "description": "The archive as a ZIP download",
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get("/me/export/{export_id}/archive", url_name="export_archive", openapi_extra=ZIP)
def export_archive(request: HttpRequest, export_id: str) -> HttpResponseBase:
    """The ready archive as a ZIP (logged as downloaded), for clients that hold a token rather than a session.
    409 `not_ready` before it is ready or once it has expired; someone else's is a 404."""
    export = services.export_download(by=current_user(request), export_id=export_id, request=request)
    return serve(export.file, name=f"data-{export.created_at:%Y-%m-%d}.zip")
