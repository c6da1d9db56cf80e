"""Holds a signed-in person at /legal/accept while the terms changed in a way they must accept and they have not.
Comes after the language middleware, so it sees paths without their /fr/ prefix."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from openhour.accounts.legal import selectors

# What stays reachable: the documents themselves, signing out, the language switcher, assets and what browsers fetch
# beside a page, the API (it answers in JSON, see GET /me/terms) and the admin, where operators publish the terms.
OPEN_PREFIXES = (
    "/legal",
    "/accounts/logout/",
    "/language",
    "/static/",
    "/media/",
    "/brand.css",
    "/sw.js",
    "/offline",
    "/manifest.webmanifest",
    "/robots.txt",
    "/api/",
    "/admin/",
)
SESSION_KEY = "legal_terms_ok"  # the number of the required version this session was found to have accepted


class TermsAcceptanceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_accept(request):
            target = reverse("legal_accept")
            if request.method in ("GET", "HEAD"):
                target += "?" + urlencode({"next": request.get_full_path()})
            return redirect(target)
        return self.get_response(request)

    def _must_accept(self, request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path_info.startswith(OPEN_PREFIXES):
            return False
        required = selectors.required_terms()  # from the cache: no query on most page views
        if required.published_at is None or user.date_joined >= required.published_at:
            return False
        if request.session.get(SESSION_KEY) == required.number:
            return False
        if selectors.needs_acceptance(user, required=required):
            return True
        request.session[SESSION_KEY] = required.number
        return False
