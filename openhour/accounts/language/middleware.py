"""Serves each request in its language and time zone (in place of Django's LocaleMiddleware)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import get_script_prefix, set_script_prefix
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from openhour.accounts.language.choice import asked_language, split_prefix
from openhour.lib.i18n import zone_of


class LanguageMiddleware:
    """/fr/… is the unprefixed page in French: the prefix leaves `path_info` and joins the script prefix for the
    request, so every link the page renders (reverse, {% url %}) stays under /fr/. Without a prefix, the page
    follows the person (see `asked_language`). Comes after AuthenticationMiddleware, as it reads the person."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        prefix, rest = split_prefix(request.path_info)
        language = prefix or asked_language(request)
        request.LANGUAGE_CODE = language  # as LocaleMiddleware names it
        request.language_prefix = prefix  # type: ignore[attr-defined]  # the switcher and hreflang read it
        script_prefix = get_script_prefix()
        request.language_base = script_prefix  # type: ignore[attr-defined]  # where the site is served, before /fr/
        zone = zone_of(getattr(request, "user", None))  # the site's zone for visitors and the undecided
        try:
            if prefix:
                request.path_info = rest
                set_script_prefix(f"{script_prefix}{prefix}/")
            # Both restored afterwards: the test client, unlike the WSGI handler, keeps them between requests.
            with translation.override(language), timezone.override(zone):
                response = self.get_response(request)
                response.headers.setdefault("Content-Language", translation.get_language() or language)
        finally:
            set_script_prefix(script_prefix)
        # An unprefixed page's language depends on who asks; a page that is the same for everyone says so, and then
        # the session read above to find the person's language does not make it vary by cookie either.
        if getattr(response, "same_for_everyone", False):
            if hasattr(request, "session"):
                request.session.accessed = False
        elif not prefix:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
