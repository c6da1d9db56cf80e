"""The market's brand as every page, e-mail and file shows it: read once into the shared cache, forgotten when an
operator saves it, with SITE_NAME from the environment as the name until they set one. Reads only: the row is
made when an operator first opens the brand page (services.brand_open)."""

import hashlib
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import HttpRequest

from openhour.lib.colours import AA_NORMAL_TEXT, HEX_COLOUR, contrast_with_white
from openhour.lib.wording import worded
from openhour.operations.models import BRAND_PK, Brand

CACHE_KEY = "operations:brand:v2"  # v2: footer links carry a label per language
CACHE_SECONDS = 24 * 3600  # saving forgets it at once; the timeout only bounds an edit made outside the admin
CSS_REVISION = "1"  # bump when the stylesheet's rules change, so browsers fetch it again


@dataclass(frozen=True)
class FooterLink:
    written: str  # the label as the operator first wrote it
    url: str
    wordings: tuple[tuple[str, str], ...] = ()  # (language code, label) where the operator wrote one

    @property
    def label(self) -> str:
        """The label in the reader's language when the operator wrote one, else as written."""
        return worded(dict(self.wordings), self.written)


@dataclass(frozen=True)
class BrandView:
    """What pages and e-mails show. `name` is never empty once read through `brand()`."""

    name: str
    logo: str  # the stored file's name; empty without a logo
    primary: str  # "#1d5e4a", or empty for the stylesheet's own
    accent: str
    support_email: str
    links: tuple[FooterLink, ...]

    @property
    def logo_url(self) -> str:
        return default_storage.url(self.logo) if self.logo else ""

    @property
    def css_version(self) -> str:
        """Changes whenever the stylesheet would, so its address can be cached for good."""
        return hashlib.sha256(f"{CSS_REVISION}:{self.primary}:{self.accent}".encode()).hexdigest()[:12]


def brand() -> BrandView:
    """The brand, from the shared cache after the first read (no database query per page)."""
    found = cache.get(CACHE_KEY)
    if not isinstance(found, BrandView):
        found = _read()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    # The default is applied on every read, so a changed SITE_NAME shows after a restart, cache or not.
    return found if found.name else replace(found, name=settings.SITE_NAME)


def brand_forget() -> None:
    """Now, and again when the transaction commits, so no process keeps a value it read in between."""
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def mail_context() -> dict[str, Any]:
    """What e-mail templates rendered without a request need: the name and the footer's details."""
    found = brand()
    return {"brand": found, "site_name": found.name}


def context(request: HttpRequest) -> dict[str, Any]:
    """Every page: `brand` for the header, footer and stylesheet, and SITE_NAME as templates have always used it."""
    found = brand()
    return {"brand": found, "SITE_NAME": found.name}


def _read() -> BrandView:
    record = Brand.objects.filter(pk=BRAND_PK).first()
    if record is None:  # no operator has opened the brand page yet: every default
        return BrandView(name="", logo="", primary="", accent="", support_email="", links=())
    return BrandView(
        name=record.name,
        logo=record.logo.name or "",
        primary=_safe_colour(record.primary_colour),
        accent=_safe_colour(record.accent_colour),
        support_email=record.support_email,
        links=tuple(FooterLink(link.label, link.url, link.wordings()) for link in record.links.all()),
    )


def _safe_colour(value: str) -> str:
    """A colour written into CSS must be one the admin would accept today; anything else is left out."""
    ok = HEX_COLOUR.fullmatch(value) and contrast_with_white(value) >= AA_NORMAL_TEXT
    return value.lower() if ok else ""
