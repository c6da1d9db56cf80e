from typing import Any

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.static import serve

from openhour.accounts import selectors as accounts
from openhour.accounts.models import User
from openhour.catalog.selectors import taxonomy as catalog
from openhour.lib import private_files


def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, Any] = {"categories": catalog.category_list(), "freelancers": accounts.freelancer_search()[:6]}
    if isinstance(request.user, User):
        context["completeness"] = accounts.completeness_for(user=request.user)
    return render(request, "home.html", context)


def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and orchestrators: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def media(request: HttpRequest, path: str) -> HttpResponseBase:
    """Uploads on local storage (re-encoded images under random names); S3 deployments serve their own.
    Private files live outside MEDIA_ROOT and are served only by views that check who is asking."""
    public = private_files.public_media_path(path)
    if public is None:
        raise Http404
    return serve(request, public, document_root=str(settings.MEDIA_ROOT))
