"""The showcase over HTTP: a badge and a widget anyone may embed, and the person's own signed export."""

import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from pydantic import Field

from openhour.api.auth import current_user
from openhour.lib.errors import NotFound
from openhour.reviews import showcase, signing
from openhour.reviews.views.showcase import cached, person_or_404, widget_response

router = Router(tags=["reviews"])

BADGE_MAX_AGE = 900


class ExportIssuerOut(Schema):
    name: str
    url: str
    public_key_url: str = Field(description="Where the key to check the signature with is published")
    key_id: str = Field(description="A short fingerprint of the signing key")


class ExportSubjectOut(Schema):
    username: str
    name: str
    profile_url: str


class ExportReviewerOut(Schema):
    name: str = Field(description="First name and initial")
    role: str = Field(description="The role the reviewer wrote as")


class ExportedReviewOut(Schema):
    id: str
    role: str = Field(description="The part the person exported played on the contract")
    reviewer: ExportReviewerOut
    overall: int = Field(description="1 to 5 stars")
    criteria: dict[str, int | None] = Field(description="Criterion -> 1 to 5 stars, null when not rated")
    would_work_again: bool
    went_well: str
    could_improve: str
    reply: str | None = Field(description="The person's public reply")
    category: str
    budget_band: str
    duration_band: str
    verified_contract: bool
    published_at: datetime | None = Field(description="UTC, to the second")


class ExportDocumentOut(Schema):
    format: str = Field(description=f"Always `{signing.FORMAT}` for this shape")
    issuer: ExportIssuerOut
    subject: ExportSubjectOut
    issued_at: datetime = Field(description="UTC, to the second")
    reviews: list[ExportedReviewOut] = Field(description="Published reviews in both roles, oldest first")


class ReviewsExportOut(Schema):
    document: ExportDocumentOut
    signature: str = Field(description="Base64 Ed25519 signature of the document as canonical JSON (sorted keys)")
    algorithm: str
    public_key: str = Field(description="A copy of the public key (PEM); trust the one at `public_key_url`")


def _not_json(content_type: str, description: str) -> dict[str, Any]:
    """The schema's entry for a success whose body is not JSON."""
    content = {content_type: {"schema": {"type": "string"}}}
    return {"responses": {200: {"description": description, "content": content}}}


@router.get("/users/{username}/badge.svg", auth=None, openapi_extra=_not_json("image/svg+xml", "An SVG image"))
def badge(request: HttpRequest, username: str) -> HttpResponse:
    """An SVG badge: stars, score to one decimal and the number of reviews ("No reviews yet" before)."""
    svg = showcase.badge_for(person_or_404(username))
    return cached(HttpResponse(svg, content_type="image/svg+xml; charset=utf-8"), BADGE_MAX_AGE)


@router.get("/users/{username}/widget", auth=None, openapi_extra=_not_json("text/html", "An HTML page"))
def widget(request: HttpRequest, username: str) -> HttpResponse:
    """Plain HTML for an iframe: the latest published reviews, newest first, never filtered by rating."""
    return widget_response(request, person_or_404(username))


# The signature covers these exact bytes, so the response is returned as built: ninja passes an HttpResponse
# through untouched, and the schema only describes it.
@router.get("/users/{username}/reviews/export", response={200: ReviewsExportOut})
def export(request: HttpRequest, username: str) -> HttpResponse:
    """The signed document of your own published reviews; check it with `python -m openhour.reviews.verify`."""
    me = current_user(request)
    if me.username != username:
        raise NotFound(_("No such person."))
    body = json.dumps(signing.signed(signing.export_document(user=me)), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{signing.export_filename(me.username)}"'
    response["Cache-Control"] = "private, no-store"
    return response
