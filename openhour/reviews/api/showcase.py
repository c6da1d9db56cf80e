"""The showcase over HTTP: a badge and a widget anyone may embed, and the person's own signed export."""

import json

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router

from openhour.api.auth import current_user
from openhour.lib.errors import NotFound
from openhour.reviews import showcase, signing
from openhour.reviews.views.showcase import cached, person_or_404, widget_response

router = Router(tags=["reviews"])

BADGE_MAX_AGE = 900


@router.get("/users/{username}/badge.svg", auth=None, response={200: str})
def badge(request: HttpRequest, username: str) -> HttpResponse:
    """An SVG badge: stars, score to one decimal and the number of reviews ("No reviews yet" before)."""
    svg = showcase.badge_for(person_or_404(username))
    return cached(HttpResponse(svg, content_type="image/svg+xml; charset=utf-8"), BADGE_MAX_AGE)


@router.get("/users/{username}/widget", auth=None, response={200: str})
def widget(request: HttpRequest, username: str) -> HttpResponse:
    """Plain HTML for an iframe: the latest published reviews, newest first, never filtered by rating."""
    return widget_response(request, person_or_404(username))


@router.get("/users/{username}/reviews/export", response={200: dict})
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
