"""Every answer under /api/ that is an error is the API's error object, even when Django gives it before or
around an endpoint: a method the path does not take (405, with its Allow header), or a refusal by a middleware.
API clients parse one format; an HTML page or plain text in its place breaks them."""

from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse

CODES = {403: "forbidden", 404: "not_found", 405: "method_not_allowed", 413: "payload_too_large", 429: "rate_limited"}


class ApiErrorsAsJsonMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not (request.path.startswith("/api/") and response.status_code >= 400) or _is_json(response):
            return response
        return _as_error_object(response)


def _is_json(response: HttpResponse) -> bool:
    return "json" in response.get("Content-Type", "")


def _as_error_object(response: HttpResponse) -> HttpResponse:
    status = response.status_code
    message = {405: f"This path takes {response.get('Allow', '')}."}.get(status, HTTPStatus(status).phrase + ".")
    code = CODES.get(status, "invalid" if status < 500 else "server_error")
    answer = JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status)
    for header in ("Allow", "Retry-After"):
        if header in response:
            answer[header] = response[header]
    return answer
