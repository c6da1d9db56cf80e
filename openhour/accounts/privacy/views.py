"""Pages: /me/privacy (ask for an archive of one's data, download it), and the operators' access log."""

import csv
import io

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from openhour.lib.errors import NotFound, RateLimited
from openhour.lib.private_files import serve
from openhour.lib.web import AuthenticatedHttpRequest, page_of
from openhour.money.views.wallet import safe_cell

from . import selectors, services
from .forms import AccessLogFilter
from .models import PersonalDataAccess

LOG_PAGE = 50
CSV_HEADER = ["at", "what", "by", "subject", "ip"]


@never_cache
@login_required
def privacy(request: AuthenticatedHttpRequest) -> HttpResponse:
    """GET shows one's archives; POST asks for a new one (or answers the one being prepared)."""
    refusal = None
    if request.method == "POST":
        try:
            services.export_request(by=request.user, request=request)
        except RateLimited as error:
            refusal = error
        else:
            messages.success(request, _("We are preparing your archive. We will e-mail you when it is ready."))
            return redirect("privacy")
    exports = selectors.exports_of(owner=request.user)[: selectors.RECENT_EXPORTS]
    pending = any(export.status == export.Status.PENDING for export in exports)
    context = {
        "exports": exports,
        "refusal": refusal,
        "pending": pending,
        "archive_days": settings.PERSONAL_DATA_EXPORT_DAYS,
    }
    return render(request, "privacy/privacy.html", context, status=429 if refusal else 200)


@never_cache
@login_required
@require_GET
def export_download(request: AuthenticatedHttpRequest, export_id: int) -> HttpResponseBase:
    export = services.export_download(by=request.user, export_id=export_id, request=request)
    return serve(export.file, name=f"{request.user.username}-data-{export.created_at:%Y-%m-%d}.zip")


@never_cache
@login_required
@require_GET
def access_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only (anyone else: not found). `?format=csv` downloads every line the filters keep."""
    if not request.user.is_staff:
        raise NotFound
    form = AccessLogFilter(request.GET)
    if not form.is_valid():
        return render(request, "privacy/access_log.html", {"form": form}, status=400)
    rows = selectors.accesses(**form.cleaned_data)
    if request.GET.get("format") == "csv":
        return _csv(rows)
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {"form": form, "page": page_of(rows, request=request, size=LOG_PAGE), "query": query.urlencode()}
    return render(request, "privacy/access_log.html", context)


def _csv(rows: QuerySet[PersonalDataAccess]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows.iterator():
        writer.writerow(
            [row.at.isoformat(), row.what, safe_cell(row.by_label), safe_cell(row.subject_label), row.ip or ""]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"personal-data-access-{timezone.now():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
