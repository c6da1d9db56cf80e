"""Each public page in every language: /fr/… and /de/… name the same page in French and German, the address
without a prefix is the one for everyone else (hreflang "x-default")."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.encoding import iri_to_uri

from openhour.lib.web import absolute_url

# What a search engine has no business in: signed-in pages, forms, money, messages, the API and the back office.
# As robots.txt reads them: a path starts with one of these, `*` standing for any characters.
DISALLOWED = (
    "/api/",
    "/accounts/",
    "/operations/",
    "/admin/",
    "/metrics",
    "/me/",
    "/dashboard",
    "/wallet",
    "/messages",
    "/notifications",
    "/contracts",
    "/milestones",
    "/deliveries",
    "/change-orders",
    "/timesheet-",
    "/disputes",
    "/offers",
    "/orders/",
    "/payments/",
    "/proposals",
    "/moderation",
    "/testimonials",
    "/feed",
    "/insights/",
    "/skills/",
    "/webhooks",
    "/projects/new",
    "/projects/*/",
    "/hourlies/new",
    "/hourlies/*/",
)
_DISALLOWED = re.compile("|".join(re.escape(path).replace(r"\*", ".*") for path in DISALLOWED))
X_DEFAULT = "x-default"


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


def indexable(path: str) -> bool:
    """Whether robots.txt lets crawlers read `path` (unprefixed)."""
    return not _DISALLOWED.match(path)


def disallowed_paths() -> list[str]:
    """DISALLOWED, and the same under every language prefix."""
    return [*DISALLOWED, *(f"/{code}{path}" for code, _name in settings.LANGUAGES for path in DISALLOWED)]


def alternates(path: str) -> list[Alternate]:
    """The page at `path` (unprefixed) in each language, then the unprefixed address as x-default."""
    found = [Alternate(code, absolute_url(iri_to_uri(f"/{code}{path}"))) for code, _name in settings.LANGUAGES]
    return [*found, Alternate(X_DEFAULT, absolute_url(iri_to_uri(path)))]
