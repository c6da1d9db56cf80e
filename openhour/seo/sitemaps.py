"""The sitemap's sections. Every address starts with SITE_URL, whatever host the sitemap was asked on."""

from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie
from openhour.jobs.models import Project
from openhour.seo import languages, selectors

# Public pages that are not rows.
STATIC_PAGES = (
    "home",
    "projects",
    "freelancers",
    "hourlies",
    "fees",
    "trust_reviews",
    "trust_levels",
    "trust_transparency",
    "legal",
    "legal_terms",
    "legal_privacy",
    "legal_cookies",
    "legal_fees",
    "legal_content",
)


class SiteSitemap(Sitemap):
    limit = 10_000  # addresses per page of a section; the index lists every page

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        """SITE_URL's host, port and any path it is served under."""
        parts = urlsplit(settings.SITE_URL)
        return parts.netloc + parts.path.rstrip("/")

    def get_urls(self, page: int | str = 1, site: Any = None, protocol: str | None = None) -> list[dict[str, Any]]:
        """Each address with its versions in every language (xhtml:link hreflang), as the page's head names them."""
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            path = urlsplit(url["location"]).path.removeprefix(urlsplit(settings.SITE_URL).path.rstrip("/"))
            url["alternates"] = [{"location": a.url, "lang_code": a.hreflang} for a in languages.alternates(path)]
        return urls


class PagesSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self) -> list[str]:
        return [reverse(name) for name in STATIC_PAGES]

    def location(self, item: str) -> str:
        return item


class ProfilesSitemap(SiteSitemap):
    def items(self) -> QuerySet[User]:
        return selectors.public_profiles()

    def location(self, item: User) -> str:
        return reverse("public_profile", args=[item.username])

    def lastmod(self, item: User) -> datetime:
        return item.profile.updated_at


class ProjectsSitemap(SiteSitemap):
    changefreq = "daily"

    def items(self) -> QuerySet[Project]:
        return selectors.public_projects()

    def location(self, item: Project) -> str:
        return reverse("project_detail", args=[item.pk])

    def lastmod(self, item: Project) -> datetime:
        return item.updated_at


class HourliesSitemap(SiteSitemap):
    def items(self) -> QuerySet[Hourlie]:
        return selectors.public_hourlies()

    def location(self, item: Hourlie) -> str:
        return reverse("hourlie_detail", args=[item.pk])

    def lastmod(self, item: Hourlie) -> datetime:
        return item.updated_at


SECTIONS: dict[str, type[SiteSitemap]] = {
    "pages": PagesSitemap,
    "freelancers": ProfilesSitemap,
    "projects": ProjectsSitemap,
    "hourlies": HourliesSitemap,
}
