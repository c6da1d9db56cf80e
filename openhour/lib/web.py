"""Glue between domain errors and server-rendered pages."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from openhour.lib.errors import DomainError, RateLimited, last_rate_limit, retry_after_header
from openhour.lib.pagination import BadCursor, Page, paginate

if TYPE_CHECKING:  # lib imports no app models at run time
    from openhour.accounts.models import User


def absolute_url(url: str) -> str:
    """A path on this site as SITE_URL names it, for links read away from the page (mail, feeds, structured
    data, embeds); a full address (a storage bucket's) is kept."""
    return url if urlsplit(url).scheme else settings.SITE_URL + url


class AuthenticatedHttpRequest(HttpRequest):
    """The request a `@login_required` view receives: its user is a signed-in person, never AnonymousUser."""

    user: "User"


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a service's refusal on the form: on the fields it names, otherwise above the form."""
    if not error.fields:
        form.add_error(None, error.message)
    for name, messages in error.fields.items():
        form.add_error(name if name in form.fields else None, messages)


class DomainErrorMiddleware:
    """A refusal that reaches the top of a page view becomes a clear 403/404/409 page, never a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        last_rate_limit.set(None)
        response = self.get_response(request)
        refusal = last_rate_limit.get()
        if response.status_code == 429 and refusal is not None and not response.has_header("Retry-After"):
            response["Retry-After"] = str(refusal.retry_after)  # a form page that showed the refusal itself
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError):
            return None
        response = render(request, "error.html", {"error": exception}, status=exception.status)
        for header, value in retry_after_header(exception).items():  # a 429 page says when to come back
            response[header] = value
        return response


def rate_limited_page(request: HttpRequest) -> HttpResponse:
    """allauth's own limits (password-reset mails, its sign-in form) refuse through this page. It cannot say
    which limit was hit, so Retry-After is the longest of its windows: never too early to come back."""
    from allauth.account import app_settings
    from allauth.core.internal.ratelimit import parse_rates

    rates = [rate for value in app_settings.RATE_LIMITS.values() for rate in parse_rates(value)]
    wait = int(max((rate.duration for rate in rates), default=60))
    error = RateLimited(_("Too many attempts. Try again later."), retry_after=wait)
    response = render(request, "error.html", {"error": error}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def filtered_list(
    request: HttpRequest, *, form: forms.Form, rows: QuerySet[Any], per_page: int, page: str, fragment: str
) -> HttpResponse:
    """A filtered list, one keyset page at a time with a bounded total: the whole `page` template, or only the
    results `fragment` for htmx. An old `?page=N` link, or a cursor we did not give out, shows the first page."""
    query = request.GET.copy()
    for name in ("page", "cursor"):
        query.pop(name, None)
    template = fragment if request.headers.get("HX-Request") else page
    context = {"form": form, "page": page_of(rows, request=request, size=per_page), "query": query.urlencode()}
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])  # the fragment and the full page must never share a cache entry
    return response


def page_of(rows: QuerySet[Any], *, request: HttpRequest, size: int) -> Page:
    """The page `?cursor=` points to, with its bounded total; the first page for a cursor we did not give out."""
    try:
        return paginate(rows, cursor=request.GET.get("cursor"), size=size, count=True)
    except BadCursor:
        return paginate(rows, cursor=None, size=size, count=True)
