from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest


class RefuseNullBytesMiddleware:
    """A NUL character in the path or query string is never meaningful, and PostgreSQL refuses it
    deep inside a query (a 500); answer 400 at the door instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("Null characters are not allowed in addresses.")
        return self.get_response(request)
