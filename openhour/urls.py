from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from openhour import views
from openhour.api.router import api, unknown_endpoint

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("openhour.seo.urls")),  # robots.txt, sitemap.xml, manifest.webmanifest, sw.js, offline
    path("metrics", include("openhour.operations.metrics.urls")),  # Prometheus; 404 unless operator or METRICS_TOKEN
    # allauth's own sessions list is this one page, with tokens beside the sessions.
    path("accounts/sessions/", RedirectView.as_view(pattern_name="security"), name="usersessions_list"),
    path("accounts/", include("allauth.urls")),
    # Each app lists its own full paths.
    path("", include("openhour.accounts.urls")),
    path("", include("openhour.accounts.language.urls")),  # the switcher and the language settings
    path("", include("openhour.accounts.privacy.urls")),
    path("", include("openhour.accounts.closing.urls")),
    path("", include("openhour.accounts.identity.urls")),
    path("", include("openhour.accounts.legal.urls")),
    path("", include("openhour.jobs.urls")),
    path("", include("openhour.contracts.urls")),
    path("", include("openhour.catalog.urls")),
    path("", include("openhour.money.urls")),
    path("", include("openhour.money.vat.urls")),
    path("", include("openhour.money.reporting.urls")),
    path("", include("openhour.messaging.urls")),
    path("", include("openhour.reviews.urls")),
    path("", include("openhour.webhooks.urls")),
    path("", include("openhour.search.saved.urls")),
    path("", include("openhour.operations.urls")),
    path("", include("openhour.operations.health.urls")),
    path("api/v1/", api.urls),
    re_path(r"^api/v1/(?P<rest>.*)$", unknown_endpoint),
    path("admin/", admin.site.urls),
]
if not settings.S3_BUCKET:
    # Local media (re-encoded images under random names) is served by Django; S3 serves its own.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media)]

handler429 = "openhour.lib.web.rate_limited_page"  # allauth's limits answer with it (Retry-After)
