"""robots.txt, the sitemap index, the web app manifest, the service worker and the offline page."""

import hashlib
import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from openhour.lib.web import absolute_url
from openhour.operations.branding import brand
from openhour.seo.languages import disallowed_paths
from openhour.seo.sitemaps import SECTIONS
from openhour.seo.templatetags.seo import DEFAULT_THEME

ICONS = (("icons/icon-192.png", "192x192", "any"), ("icons/icon-512.png", "512x512", "any"))
MASKABLE = ("icons/icon-maskable-512.png", "512x512", "maskable")
# Shown offline as well as online: nothing on them depends on who is signed in.
PRECACHED_STATIC = (
    "vendor/pico-2.1.1.jade.min.css",
    "css/app.css",
    "vendor/htmx-2.0.11.min.js",
    "js/sw-register.js",
    "favicon.svg",
    "icons/icon-192.png",
)


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in disallowed_paths())]
    lines += ["", f"Sitemap: {absolute_url(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=3600)
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """Every page of every section, each page at most `limit` addresses long."""
    locations = []
    for section, sitemap in SECTIONS.items():
        where = absolute_url(reverse("sitemap_section", args=[section]))
        pages = sitemap().paginator.num_pages
        locations += [where if page == 1 else f"{where}?{urlencode({'p': page})}" for page in range(1, pages + 1)]
    body = render_to_string("seo/sitemap_index.xml", {"locations": locations})
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=3600)
def manifest(request: HttpRequest) -> HttpResponse:
    """What a phone or desktop needs to install the site as an app, in the brand's name and colours."""
    found = brand()
    data = {
        "id": "/",
        "name": found.name,
        "short_name": found.name[:12],
        "description": _("Hire skilled freelancers or find work, with payments held safely until the job is done."),
        "lang": settings.LANGUAGE_CODE,
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": found.primary or DEFAULT_THEME,
        "icons": [
            {"src": staticfiles_storage.url(src), "sizes": sizes, "type": "image/png", "purpose": purpose}
            for src, sizes, purpose in (*ICONS, MASKABLE)
        ],
    }
    return HttpResponse(json.dumps(data, indent=2), content_type="application/manifest+json")


@require_safe
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """Served from the root so that it may look after every page (its scope); browsers check it for changes on
    each visit, and a new list of assets names a new cache."""
    assets = [reverse("offline"), f"{reverse('brand_css')}?v={brand().css_version}"]
    assets += [staticfiles_storage.url(name) for name in PRECACHED_STATIC]
    version = hashlib.sha256("\n".join(assets).encode()).hexdigest()[:12]
    context = {
        "version": version,
        "offline": json.dumps(reverse("offline")),
        "assets": json.dumps(assets),
        "static_prefix": json.dumps(settings.STATIC_URL),
        # Hashed names never change content, so they are served from the cache first; plain ones may.
        "immutable": json.dumps(isinstance(staticfiles_storage, ManifestFilesMixin)),
    }
    response = HttpResponse(render_to_string("seo/sw.js", context), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
@cache_control(public=True, max_age=3600)
def offline(request: HttpRequest) -> HttpResponse:
    """What the service worker shows when a page cannot be reached; the same for everyone, so it may be kept."""
    return render(request, "seo/offline.html", {"brand": brand(), "SITE_NAME": brand().name})
