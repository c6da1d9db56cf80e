"""The switcher (POST /language, for anyone) and the "Language and time zone" settings page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from openhour.accounts.language.choice import codes, split_prefix, with_prefix
from openhour.accounts.language.forms import LanguageZoneForm
from openhour.accounts.language.services import person_language_set
from openhour.lib.errors import DomainError
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error


def _next_page(request: HttpRequest) -> str:
    """Where the switcher was used: `next` when it is on this site, else the home page."""
    wanted = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure())
    return wanted if safe and wanted.startswith("/") else reverse("home")


def in_language(request: HttpRequest, url: str, code: str) -> str:
    """`url` read in `code`: a prefixed address gets the new prefix (none for "not chosen"); an unprefixed one
    stays unprefixed, as the person's choice or cookie decides its language."""
    parts = urlsplit(url)
    base = getattr(request, "language_base", "/").rstrip("/")  # where the site is served, before any /fr/
    path = parts.path[len(base) :] if base and parts.path.startswith(base + "/") else parts.path
    prefix, rest = split_prefix(path)
    moved = with_prefix(rest, code or None) if prefix else path
    return base + moved + (f"?{parts.query}" if parts.query else "")


def _remember(response: HttpResponse, code: str) -> HttpResponse:
    if not code:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME, path=settings.LANGUAGE_COOKIE_PATH)
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """One button per language, on every page, signed in or not and without JavaScript."""
    code = request.POST.get("language", "")
    back = _next_page(request)
    if code not in codes():
        messages.error(request, _("That language is not offered here."))
        return HttpResponseRedirect(back)
    if request.user.is_authenticated:
        person_language_set(person=request.user, by=request.user, language=code)
    return _remember(HttpResponseRedirect(in_language(request, back, code)), code)


@never_cache
@login_required
def language_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    person = request.user
    form = LanguageZoneForm(request.POST or None, initial={"language": person.language, "time_zone": person.time_zone})
    if request.method == "POST" and form.is_valid():
        try:
            person_language_set(person=person, by=person, **form.cleaned_data)
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return _saved(request, form.cleaned_data["language"])
    return render(request, "accounts/language/settings.html", {"form": form}, status=400 if form.errors else 200)


def _saved(request: HttpRequest, code: str) -> HttpResponse:
    with translation.override(code or translation.get_language()):  # said in the language just chosen
        messages.success(request, _("Saved: your language and time zone."))
    return _remember(HttpResponseRedirect(in_language(request, request.path, code)), code)
