"""The Site row (django.contrib.sites) follows SITE_URL and SITE_NAME.

allauth names the site in its mails and links from `get_current_site`, which reads this row; without the sync it
would keep whatever address it was first made with ("example.com"), whatever SITE_URL says now. Every deploy and
`make run` migrates, so the row is brought in step after each migrate.
"""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings


def site_domain() -> str:
    """The host and port of SITE_URL, as the sites framework names a site ("127.0.0.1:8101", "market.example")."""
    return urlsplit(settings.SITE_URL).netloc or "localhost"


def site_sync(*, using: str = "default", **_signal: Any) -> None:
    """Write SITE_URL's domain and SITE_NAME into the current Site row (post_migrate)."""
    from django.contrib.sites.models import Site

    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": site_domain(), "name": settings.SITE_NAME[:50]}
    )
    Site.objects.clear_cache()
