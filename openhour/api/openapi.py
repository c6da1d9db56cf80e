"""The schema names the errors each operation can answer with, all in the one error object (`schemas.Error`).

Endpoints declare their successes; the errors follow from what an operation takes and who may call it, so they
are added here once rather than repeated on 130 decorators: any input can be refused (400), a body can be too
large or not JSON (413, 415), a path naming something can find nothing (404), an operation that needs
credentials can be refused them (401, 403), a write can meet the wrong state (409), and anything can be rate
limited (429). An operation may document an error it rarely gives; it never gives one it does not document."""

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from openhour.api.schemas import Error

WHY = {
    400: "Bad input: `fields` names what to correct",
    401: "No credentials, or a second factor is needed",
    402: "The card was declined",
    403: "Signed in, but not allowed",
    404: "Not found, or not yours to see",
    409: "Not in a state that allows it",
    413: "The body is too large",
    415: "The body is not JSON",
    429: "Too many requests: wait for Retry-After seconds",
    502: "The payment provider did not answer; nothing was charged",
}
PAYING = ("/fund", "/deposits", "/orders", "/pay", "/confirm", "/refunds")


def errors_of(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses an operation can answer with, from its shape."""
    statuses = {400, 429}
    if "requestBody" in operation:
        statuses |= {413, 415}
    if "{" in path:
        statuses.add(404)
    security = operation.get("security")
    if security and {} not in security:
        statuses |= {401, 403}
    if method != "get":
        statuses |= {403, 409}
    if method == "post" and path.endswith(PAYING):
        statuses |= {402, 502}
    return sorted(statuses)


def with_errors(schema: dict[str, Any]) -> dict[str, Any]:
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = Error.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    schema["components"]["schemas"].update(schema["components"]["schemas"]["Error"].pop("$defs", {}))
    reference = {"$ref": "#/components/schemas/Error"}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            for status in errors_of(path, method, operation):
                responses.setdefault(
                    status, {"description": WHY[status], "content": {"application/json": {"schema": reference}}}
                )
    return schema


class DocumentedAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        with_errors(schema)
        return schema
