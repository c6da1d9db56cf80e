"""Which language a request is read in, and the /<code>/ prefixes of addresses.

A prefixed address (/fr/projects) serves the page at the unprefixed one in that language; every other address
follows the person: their saved language, else the switcher's cookie, else the browser's Accept-Language."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone, translation

from openhour.lib.i18n import supported_language, zone_of

NEVER_PREFIXED = ("/api/",)  # API.md's fixed paths answer unprefixed only


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def split_prefix(path: str) -> tuple[str | None, str]:
    """("fr", "/projects") for "/fr/projects"; (None, path) when the path has no language prefix."""
    first, _slash, rest = path[1:].partition("/")
    if path.startswith("/") and first in codes():
        remainder = "/" + rest
        if not remainder.startswith(NEVER_PREFIXED):
            return first, remainder
    return None, path


def with_prefix(path: str, code: str | None) -> str:
    """The address of `path` (unprefixed) in `code`, or unprefixed when `code` is None."""
    return f"/{code}{path}" if code else path


def saved_language(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return supported_language(user.language)


def asked_language(request: HttpRequest) -> str:
    """The person's saved language, else the switcher's cookie, else Accept-Language, else the site's."""
    return (
        saved_language(getattr(request, "user", None))
        or supported_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
        or supported_language(translation.get_language_from_request(request))
        or settings.LANGUAGE_CODE
    )


def follow(person: Any) -> None:
    """From here on, the request is read as `person` chose (a bearer token names them only once the API's auth
    runs); what they have not chosen stays as the middleware found it. The middleware restores both after."""
    language = saved_language(person)
    if language:
        translation.activate(language)
    if getattr(person, "time_zone", ""):
        timezone.activate(zone_of(person))
