"""The /api/v1 application: one NinjaAPI, the apps' routers, and one error format for everything."""

import re
from typing import Any

import ninja.parser
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import AuthenticationError, HttpError, ValidationError

from openhour.accounts.api.profiles import router as accounts_router
from openhour.accounts.api.sessions import router as sessions_router
from openhour.accounts.closing.api import router as closing_router
from openhour.accounts.identity.api import router as identity_router
from openhour.accounts.legal.api import router as legal_router
from openhour.accounts.privacy.api import router as privacy_router
from openhour.api.auth import AUTH
from openhour.api.openapi import DocumentedAPI
from openhour.catalog.api.hourlies import router as hourlies_router
from openhour.catalog.api.taxonomy import router as catalog_router
from openhour.contracts.api.contracts import router as contracts_router
from openhour.contracts.api.offers import router as offers_router
from openhour.contracts.change_orders.api import router as change_orders_router
from openhour.contracts.disputes.api import router as disputes_router
from openhour.contracts.hourly.api import router as hourly_router
from openhour.jobs.api.insights import router as insights_router
from openhour.jobs.api.projects import router as jobs_router
from openhour.jobs.api.proposals import router as proposals_router
from openhour.lib.errors import DomainError, InvalidInput, retry_after_header
from openhour.lib.middleware import too_large
from openhour.lib.text_hygiene import CONTROL_MESSAGE, has_control_characters
from openhour.messaging.conversations.api import router as conversations_router
from openhour.messaging.notifications.api import router as notifications_router
from openhour.messaging.safety.api import router as safety_router
from openhour.messaging.uploads.api import router as uploads_router
from openhour.money.api.invoices import router as invoices_router
from openhour.money.api.payouts import router as payouts_router
from openhour.money.api.wallet import router as money_router
from openhour.money.reporting.api import router as reporting_router
from openhour.money.vat.api import router as vat_router
from openhour.operations.analytics.api import router as analytics_router
from openhour.reviews.api.reviews import router as reviews_router
from openhour.reviews.api.showcase import router as reviews_showcase_router
from openhour.reviews.integrity.api.moderation import router as moderation_router
from openhour.reviews.integrity.api.transparency import router as transparency_router
from openhour.search.saved.api import router as saved_searches_router
from openhour.webhooks.api import router as webhooks_router


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"
    status = 415
    default_message = "Send this request's body as JSON, with Content-Type: application/json."


class Parser(ninja.parser.Parser):
    """JSON bodies are JSON: an empty body means "no options" (`POST /projects/{id}/close` needs nothing more),
    any other content type is a 415. Form and query fields follow the same text rules as JSON fields."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if not request.body.strip():
            return {}
        if not JSON_TYPE.fullmatch(request.content_type or ""):
            raise UnsupportedMediaType
        return super().parse_body(request)

    def parse_querydict(self, data: MultiValueDict, list_fields: list[str], request: HttpRequest) -> dict[str, Any]:
        values = super().parse_querydict(data, list_fields, request)
        refused = {name: [CONTROL_MESSAGE] for name, value in values.items() if _has_control_characters(value)}
        if refused:
            raise InvalidInput("Please correct the fields listed.", fields=refused)
        return values


JSON_TYPE = re.compile(r"application/([\w.-]+\+)?json", re.IGNORECASE)


def _has_control_characters(value: Any) -> bool:
    texts = value if isinstance(value, list) else [value]
    return any(isinstance(text, str) and has_control_characters(text) for text in texts)


api = DocumentedAPI(
    title="openhour API",
    parser=Parser(),
    version="1",
    description="The openhour marketplace over HTTP. Money is integer minor units; ids are opaque strings.",
    auth=AUTH,
    urls_namespace="api",
)
api.add_router("", accounts_router)
api.add_router("", sessions_router)
api.add_router("", catalog_router)
api.add_router("", hourlies_router)
api.add_router("", insights_router)
api.add_router("", jobs_router)
api.add_router("", proposals_router)
api.add_router("", contracts_router)
api.add_router("", offers_router)
api.add_router("", change_orders_router)
api.add_router("", hourly_router)
api.add_router("", disputes_router)
api.add_router("", money_router)
api.add_router("", payouts_router)
api.add_router("", invoices_router)
api.add_router("", conversations_router)
api.add_router("", reviews_router)
api.add_router("", reviews_showcase_router)
api.add_router("", moderation_router)
api.add_router("", transparency_router)
api.add_router("", notifications_router)
api.add_router("", safety_router)
api.add_router("", uploads_router)
api.add_router("", webhooks_router)
api.add_router("", analytics_router)
api.add_router("", saved_searches_router)
api.add_router("", privacy_router)
api.add_router("", closing_router)
api.add_router("", identity_router)
api.add_router("", legal_router)
api.add_router("", vat_router)
api.add_router("", reporting_router)


def error_response(
    request: HttpRequest, status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return api.create_response(request, body, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = error_response(request, exc.status, exc.code, exc.message, exc.fields)
    for header, value in retry_after_header(exc).items():  # a 429 says when to come back
        response[header] = value
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for problem in exc.errors:
        fields.setdefault(_field_name(problem), []).append(str(problem.get("msg", "Invalid value.")))
    return error_response(request, 400, "invalid", "Please correct the fields listed.", fields)


def _field_name(problem: dict[str, Any]) -> str:
    # loc looks like ("body", "payload", "skills", 0) or ("query", "limit"): keep the part after the schema.
    loc = [str(part) for part in problem.get("loc", ())]
    if loc and loc[0] == "body":
        loc = loc[2:] if len(loc) > 2 else loc[1:]
    elif loc:
        loc = loc[1:]
    return ".".join(loc) or "__all__"


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(request, 401, "unauthenticated", "Sign in or send a valid personal access token.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja reports whatever stopped the body from being read as "cannot parse" (400): say what it was.
    if isinstance(exc.__cause__, DomainError):
        return on_domain_error(request, exc.__cause__)
    if isinstance(exc.__cause__, RequestDataTooBig):
        return too_large(request)
    codes = {400: "invalid", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 429: "rate_limited"}
    return error_response(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


@api.exception_handler(RequestDataTooBig)
def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return too_large(request)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(request, 404, "not_found", "Not found.")


@csrf_exempt  # it changes nothing; a bearer client's POST to a wrong path learns the path is wrong, not about CSRF
def unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Paths under /api/v1 that match no endpoint answer in the API's error format, not an HTML page."""
    return error_response(request, 404, "not_found", "No such API endpoint.")
