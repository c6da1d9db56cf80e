"""Showcase pages: the PNG card of a published review, the platform's public key, the embeddable widget
(served under /api/v1, rendered here) and /me/reviews/share with the snippets to copy."""

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from openhour.accounts.models import User
from openhour.lib.errors import NotFound
from openhour.lib.i18n import language_of, read_by
from openhour.lib.web import AuthenticatedHttpRequest, absolute_url
from openhour.operations.branding import brand
from openhour.reviews import showcase, signing
from openhour.reviews.scoring import reputation_of
from openhour.reviews.selectors import published_review_or_404, published_reviews_of, short_name

WIDGET_REVIEWS = 5  # newest first, whatever their rating
CARD_MAX_AGE = 3600
KEY_MAX_AGE = 86400
WIDGET_MAX_AGE = 600

# The widget's only style, allowed by its hash: the page carries no script and loads nothing else.
WIDGET_CSS = (
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2a37;"
    "background:#fff}main{padding:12px 14px}p{margin:0 0 6px}h1{font-size:17px;margin:0 0 2px}a{color:#1d5e4a}"
    ".muted,.meta{color:#4d5868;font-size:13px}.score{margin:0 0 10px}ol{list-style:none;padding:0;margin:0}"
    "li{border-top:1px solid #dfe3e8;padding:10px 0}.stars{color:#b7791f;font-size:17px;letter-spacing:1px}"
    ".meta{margin:2px 0 4px}.verified{color:#14532d;font-weight:600}blockquote{margin:0}"
    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
)
WIDGET_CSP = {
    "frame-ancestors": ["*"],
    "style-src": ["'sha256-" + base64.b64encode(hashlib.sha256(WIDGET_CSS.encode()).digest()).decode() + "'"],
    "script-src": ["'none'"],
    "form-action": ["'none'"],
}


def person_or_404(username: str) -> User:
    person = User.objects.filter(username=username, is_active=True).first()
    if person is None:
        raise NotFound(_("No such person."))
    return person


def cached(response: HttpResponse, seconds: int) -> HttpResponse:
    response["Cache-Control"] = f"public, max-age={seconds}"
    return response


@require_GET
def review_card(request: HttpRequest, review_id: int) -> HttpResponse:
    """A shareable picture of one published review; sealed or missing reviews are not found."""
    review = published_review_or_404(review_id)
    response = HttpResponse(showcase.card_png(review), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="review-{review.pk}.png"'
    return cached(response, CARD_MAX_AGE)


@require_GET
def public_key(request: HttpRequest) -> HttpResponse:
    """The key that checks signed exports, for anyone, from anywhere."""
    response = HttpResponse(signing.public_key_pem(), content_type="text/plain; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return cached(response, KEY_MAX_AGE)


@dataclass
class WidgetRow:
    stars: str
    overall: int
    reviewer: str
    published_at: datetime | None
    went_well: str


def widget_response(request: HttpRequest, person: User) -> HttpResponse:
    """Plain HTML for an iframe on any site: no script, one hashed style, frameable by anyone."""
    role = showcase.showcase_role(person)
    summary = reputation_of(user=person, role=role)
    rows = [
        WidgetRow("★" * r.overall + "☆" * (5 - r.overall), r.overall, short_name(r.author), r.published_at, r.went_well)
        for r in published_reviews_of(user=person, role=role, sort="recent")[:WIDGET_REVIEWS]
    ]
    context = {
        "person": person,
        "summary": summary,
        "rows": rows,
        "css": WIDGET_CSS,
        "profile_url": absolute_url(reverse("public_profile", args=[person.username])),
        "how_url": absolute_url("/trust/reviews"),
        "SITE_NAME": brand().name,
    }
    # Rendered without the request, in the reviewed person's language (it sits on their own site): the same page
    # for everyone, so it never reads the session or the visitor's language (no Vary: Cookie, Accept-Language).
    with read_by(person):
        response = HttpResponse(render_to_string("reviews/widget.html", context))
    response["Content-Language"] = language_of(person)
    response.same_for_everyone = True  # type: ignore[attr-defined]  # the language middleware reads it
    response.xframe_options_exempt = True  # what @xframe_options_exempt sets
    response._csp_replace = WIDGET_CSP  # type: ignore[attr-defined]  # django-csp reads this per response
    return cached(response, WIDGET_MAX_AGE)


@login_required
@require_GET
def share(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The person's badge, widget and export, with what to paste where."""
    return render(request, "reviews/share.html", share_context(request.user))


def share_context(person: User) -> dict[str, Any]:
    name = person.name or person.username
    profile_url = absolute_url(reverse("public_profile", args=[person.username]))
    badge_path = f"/api/v1/users/{person.username}/badge.svg"
    widget_url = absolute_url(f"/api/v1/users/{person.username}/widget")
    export_name = signing.export_filename(person.username)
    title = escape(_("Reviews of %(name)s on %(site)s") % {"name": name, "site": brand().name})
    # Plain text for a textarea (the template escapes it once more): the HTML to paste elsewhere.
    img_snippet = f'<a href="{escape(profile_url)}"><img src="{escape(absolute_url(badge_path))}" alt="{title}"></a>'
    iframe_snippet = (
        f'<iframe src="{escape(widget_url)}" title="{title}" width="400" height="560" loading="lazy" '
        'style="border:0"></iframe>'
    )
    return {
        "person": person,
        "badge_path": badge_path,
        "widget_url": widget_url,
        "profile_url": profile_url,
        "img_snippet": img_snippet,
        "iframe_snippet": iframe_snippet,
        "export_path": f"/api/v1/users/{person.username}/reviews/export",
        "export_name": export_name,
        "key_url": absolute_url(signing.KEY_PATH),
        "verify_command": f"python -m openhour.reviews.verify {export_name} openhour-reviews.pub",
        "recent": list(published_reviews_of(user=person)[:WIDGET_REVIEWS]),
    }
