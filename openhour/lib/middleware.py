from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat

from openhour.lib.forms import checked_post


def _refusal(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def body_limit(request: HttpRequest) -> int:
    """Files travel in multipart bodies (several attachments at most UPLOAD_MAX_BYTES each); every other body
    is read into memory and kept to DATA_UPLOAD_MAX_MEMORY_SIZE."""
    if request.content_type == "multipart/form-data":
        return settings.REQUEST_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class RequestHygieneMiddleware:
    """Refuses at the door what no view can use: a NUL in the path or query string (PostgreSQL would fail deep
    inside a query) and a body larger than any endpoint accepts (413 before it is read). Page posts holding
    control characters are checked as they are read (openhour/lib/forms.py, whose text rules every form follows
    from start-up: openhour/lib/apps.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return _refusal(request, 400, "invalid", "Null characters are not allowed in addresses.")
        if _content_length(request) > body_limit(request):
            return too_large(request)
        if request.method == "POST" and not request.path.startswith("/api/"):
            try:
                request._post = checked_post(request.POST)  # type: ignore[attr-defined]  # the API checks its own
            except RequestDataTooBig:
                return too_large(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # A body without Content-Length (chunked) is only measured while it is read.
        return too_large(request) if isinstance(exception, RequestDataTooBig) else None


def too_large(request: HttpRequest) -> HttpResponse:
    limit = filesizeformat(body_limit(request))
    return _refusal(request, 413, "payload_too_large", f"The request is too large: at most {limit} is accepted.")


def _content_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0
