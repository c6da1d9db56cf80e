"""Identity checks over HTTP: your status, and starting a check (two files for a manual one, a URL for Stripe)."""

import json
from datetime import datetime
from typing import Any, Literal

import pydantic
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from openhour.accounts.identity import selectors
from openhour.accounts.identity.services.checks import identity_start
from openhour.accounts.models import User
from openhour.api.auth import current_user
from openhour.api.schemas import Input
from openhour.lib.errors import InvalidInput
from openhour.lib.web import absolute_url
from openhour.messaging.uploads.services import uploads_attached

router = Router(tags=["identity"])

Reason = Literal["first_payout", "yearly_payouts_above", "hourly_contracts"]


class IdentityOut(Schema):
    status: Literal["unverified", "pending", "verified", "rejected"]
    provider: Literal["manual", "stripe"] = Field(description="Who checks: an operator (`manual`) or Stripe Identity")
    reason: str | None = Field(description="Why it was not accepted (status `rejected`); send new documents")
    verified_at: datetime | None
    required: bool = Field(description="Whether you need to be verified for something the settings ask it for")
    required_because: list[Reason] = Field(
        description="`first_payout`: before any withdrawal; `yearly_payouts_above`: this year's withdrawals in a "
        "currency passed the limit; `hourly_contracts`: before accepting or logging hourly work"
    )
    url: str | None = Field(description="Stripe: the page to complete the check at, while it is pending")


class UploadsIn(Input):
    document: str = Field(description="The id of an upload (POST /uploads): a photo or PDF of an identity document")
    selfie: str = Field(description="The id of an upload: a photo of your face")


BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "document": {"type": "string", "format": "binary"},
                        "selfie": {"type": "string", "format": "binary"},
                    },
                }
            },
            "application/json": {"schema": UploadsIn.model_json_schema()},
        }
    }
}


def identity_out(user: User) -> dict[str, Any]:
    return vars(selectors.identity_status(user=user))


@router.get("/me/identity", response=IdentityOut)
def identity_get(request: HttpRequest) -> dict[str, Any]:
    """Your identity check: its status, and whether and why it is required of you."""
    return identity_out(current_user(request))


@router.post("/me/identity", response={201: IdentityOut}, openapi_extra=BODY)
def identity_post(request: HttpRequest) -> Status:
    """Start a check. Manual provider: multipart `document` and `selfie` (PDF, PNG or JPEG, size-limited), or
    JSON `{document, selfie}` with ids from POST /uploads; an operator decides and you are told. Stripe: no
    body; complete the check at `url`. 409 `identity_pending` while one waits, `identity_verified` once done."""
    user = current_user(request)
    return_url = absolute_url("/me/identity")
    if request.content_type == "multipart/form-data":
        identity_start(
            by=user, return_url=return_url, document=request.FILES.get("document"), selfie=request.FILES.get("selfie")
        )
    elif request.body.strip():
        ids = _uploads(request.body)
        with uploads_attached(ids=[ids.document, ids.selfie], by=user) as (document, selfie):
            identity_start(by=user, return_url=return_url, document=document, selfie=selfie)
    else:
        identity_start(by=user, return_url=return_url)
    return Status(201, identity_out(user))


def _uploads(body: bytes) -> UploadsIn:
    try:
        return UploadsIn.model_validate(json.loads(body))
    except (ValueError, pydantic.ValidationError) as error:
        fields: dict[str, list[str]] = {}
        for problem in error.errors() if isinstance(error, pydantic.ValidationError) else []:
            fields.setdefault(".".join(str(p) for p in problem["loc"]) or "body", []).append(problem["msg"])
        raise InvalidInput(fields=fields or {"body": [_("Send JSON or multipart form data.")]}) from None
