"""Every public page in every language, for search engines: hreflang alternates in the page's head and in the
sitemap, the unprefixed address as x-default, a prefixed page canonical to itself, and robots.txt keeping
crawlers out of the private pages under every prefix too."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def canonical(html: str) -> str:
    found = re.search(r'<link rel="canonical" href="([^"]+)">', html)
    assert found
    return found.group(1)


def test_a_public_page_names_itself_in_every_language_and_the_unprefixed_one_for_everyone_else(client, fred):
    site = settings.SITE_URL

    html = client.get("/u/fred").content.decode()

    assert alternates(html) == {
        "en": f"{site}/en/u/fred",
        "fr": f"{site}/fr/u/fred",
        "de": f"{site}/de/u/fred",
        "x-default": f"{site}/u/fred",
    }
    assert canonical(html) == f"{site}/u/fred"


def test_a_prefixed_page_is_its_own_canonical_with_the_same_alternates(client, fred):
    site = settings.SITE_URL

    html = client.get("/de/u/fred?utm_source=mail").content.decode()

    assert canonical(html) == f"{site}/de/u/fred"
    assert alternates(html)["x-default"] == f"{site}/u/fred"
    assert alternates(html)["fr"] == f"{site}/fr/u/fred"


def test_pages_kept_from_crawlers_name_no_alternates(client_for, fred):
    assert alternates(client_for(fred).get("/me/profile").content.decode()) == {}
    assert alternates(client_for(fred).get("/fr/me/profile").content.decode()) == {}


def test_the_sitemap_gives_each_address_its_versions_in_every_language(client, fred):
    site = settings.SITE_URL

    xml = client.get("/sitemap-freelancers.xml").content.decode()

    assert f"<loc>{site}/u/fred</loc>" in xml
    for code in ("en", "fr", "de"):
        assert f'<xhtml:link rel="alternate" hreflang="{code}" href="{site}/{code}/u/fred"/>' in xml
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{site}/u/fred"/>' in xml


def test_robots_keeps_crawlers_out_of_private_pages_under_every_prefix(client):
    lines = client.get("/robots.txt").content.decode().splitlines()

    for path in ("/me/", "/api/", "/dashboard", "/projects/*/"):
        assert f"Disallow: {path}" in lines
        assert all(f"Disallow: /{code}{path}" in lines for code in ("en", "fr", "de"))
    assert not any(line in lines for line in ("Disallow: /fr/", "Disallow: /fr/projects", "Disallow: /de/u/"))
