"""The status check, as a page for operators and as JSON for a monitor (an operator's session or the scraper's
METRICS_TOKEN); both answer 503 when any part is down or stale, so a monitor needs only the status code."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openhour.lib.errors import NotAllowed
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.operations.health.selectors import status_report
from openhour.operations.metrics.views import may_scrape


@login_required
def status_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    if not request.user.is_staff:
        raise NotAllowed(_("Only operators see the status of the market's processes."))
    checks = status_report()
    healthy = all(check.ok for check in checks)
    context = {"checks": checks, "healthy": healthy, "stale_seconds": settings.HEALTH_STALE_SECONDS}
    return render(request, "operations/status.html", context, status=_code(healthy))


def status_json(request: HttpRequest) -> JsonResponse:
    if not may_scrape(request):
        raise Http404
    checks = status_report()
    healthy = all(check.ok for check in checks)
    body = {"ok": healthy, "checks": [check.__dict__ for check in checks]}
    return JsonResponse(body, status=_code(healthy), headers={"Cache-Control": "no-store"})


def _code(healthy: bool) -> int:
    return 200 if healthy else 503
