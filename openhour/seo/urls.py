"""Fixed paths at the root (API.md, "Additions"): crawlers and browsers look for them there."""

from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, path

from openhour.seo import views
from openhour.seo.sitemaps import SECTIONS

urlpatterns: list[URLPattern] = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path(
        "sitemap-<str:section>.xml",
        sitemap,
        {"sitemaps": {name: cls() for name, cls in SECTIONS.items()}},
        name="sitemap_section",
    ),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("offline", views.offline, name="offline"),
]
