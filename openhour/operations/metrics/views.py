"""/metrics for Prometheus: operators signed in with their second factor, or a scraper with METRICS_TOKEN.
Anyone else gets the site's ordinary 404, so the page does not say it exists."""

import hmac
import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest, multiprocess

from openhour.accounts.mfa import second_factor_on
from openhour.operations.metrics.collector import MarketCollector


def metrics(request: HttpRequest) -> HttpResponse:
    if not may_scrape(request):
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405, headers={"Allow": "GET, HEAD"})
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


def may_scrape(request: HttpRequest) -> bool:
    scheme, _sep, secret = request.headers.get("Authorization", "").partition(" ")
    if settings.METRICS_TOKEN and scheme.lower() == "bearer":
        return hmac.compare_digest(secret.strip().encode(), settings.METRICS_TOKEN.encode())
    user = request.user
    return bool(user.is_authenticated and user.is_active and user.is_staff and second_factor_on(user))


def exposition() -> bytes:
    """This process's request metrics, or with PROMETHEUS_MULTIPROC_DIR those of every gunicorn worker summed from
    their files; then the market's figures, read from the database now."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)
    else:
        processes = REGISTRY
    market = CollectorRegistry()
    market.register(MarketCollector())
    return generate_latest(processes) + generate_latest(market)
