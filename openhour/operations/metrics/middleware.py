"""Requests counted by method, route name and status class, and their latency by route name. Route names, never
raw paths: a path can hold any id a visitor types, and every distinct label value is a series kept forever."""

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter, Histogram, disable_created_metrics

METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
UNMATCHED = "unmatched"  # no route: an unknown path, or a request refused before routing (413, HTTPS redirect)

disable_created_metrics()  # a `_created` series beside every counter doubles the series and tells no one anything
REQUESTS = Counter("openhour_http_requests", "Requests answered.", ["method", "route", "status"])
LATENCY = Histogram(
    "openhour_http_request_duration_seconds",
    "Time from the request reaching Django's middleware to its answer.",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)


class RequestMetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_name(request)
        method = request.method if request.method in METHODS else "other"
        REQUESTS.labels(method, route, f"{response.status_code // 100}xx").inc()
        LATENCY.labels(route).observe(time.perf_counter() - started)
        return response


def route_name(request: HttpRequest) -> str:
    """The URL pattern's name (`public_profile`, `api:project_create`), or the view's dotted path when unnamed."""
    match = request.resolver_match
    return match.view_name if match is not None else UNMATCHED
