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
from openhour.lib.text_hygiene import HIDDEN_CLASS, SECRET_FIELDS

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
# What every text input lets through (`schemas.Input._clean_text`), stated so a client knows it before a 400.
CONTROLS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
NO_CONTROL_CHARACTERS = f"^[^{CONTROLS}]*$"
# A text that must be given (a least length) also needs one visible character: not only spaces or invisibles.
VISIBLE_TEXT = f"^[^{CONTROLS}]*[^{HIDDEN_CLASS}][^{CONTROLS}]*$"
NO_NUL = "^[^\\u0000]*$"  # secrets are only hashed: a NUL is all they refuse


def errors_of(path: str, method: str, operation: dict[str, Any]) -> list[int]:
    """The error statuses an operation can answer with, from its shape."""
    statuses = {400, 429}
    if "{" in path or method != "get" or path.startswith("/api/v1/operations"):
        statuses.add(404)  # the thing named, in the path or the body, may not exist or not be yours to see
    if "requestBody" in operation:
        statuses |= {413, 415}
    security = operation.get("security")
    if security and {} not in security:
        statuses |= {401, 403}
    if method != "get":
        statuses |= {403, 409}
    if method == "post" and path.endswith(PAYING):
        statuses |= {402, 502}
    return sorted(statuses)


def _string_schemas(field: dict[str, Any]) -> list[dict[str, Any]]:
    """The free-text string schemas in a property: itself, a nullable's member, a list's items."""
    if field.get("type") == "string" and not {"format", "enum", "pattern"} & set(field):
        return [field]
    members = [*field.get("anyOf", []), *([field["items"]] if isinstance(field.get("items"), dict) else [])]
    return [text for member in members for text in _string_schemas(member)]


def _state_text_rule(name: str, field: dict[str, Any]) -> None:
    for text in _string_schemas(field):
        if name in SECRET_FIELDS:
            text["pattern"] = NO_NUL
        else:
            text["pattern"] = VISIBLE_TEXT if text.get("minLength", 0) else NO_CONTROL_CHARACTERS


def with_text_rules(schema: dict[str, Any]) -> dict[str, Any]:
    """Input schemas (those refusing unknown fields) and query and path parameters state the text rule."""
    for component in schema.get("components", {}).get("schemas", {}).values():
        if component.get("additionalProperties") is False:
            for name, field in component.get("properties", {}).items():
                _state_text_rule(name, field)
    for operations in schema["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                _state_text_rule(parameter["name"], parameter.get("schema", {}))
            form = operation.get("requestBody", {}).get("content", {}).get("multipart/form-data", {}).get("schema", {})
            for name, field in form.get("properties", {}).items():
                _state_text_rule(name, field)
    return schema


BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def with_bounds_named(node: Any) -> Any:
    """Pydantic writes a bound on a type with a `BeforeValidator` (`WholeNumber`, `QueryMinorUnits`) under its
    Python name (`ge`, `le`), which JSON Schema ignores: name it as JSON Schema does, keeping a bound stated
    alongside (`json_schema_extra`)."""
    if isinstance(node, list):
        for item in node:
            with_bounds_named(item)
    elif isinstance(node, dict):
        if node.get("type") in ("integer", "number"):
            for python, json_name in BOUNDS.items():
                if python in node:
                    node.setdefault(json_name, node.pop(python))
        for value in node.values():
            with_bounds_named(value)
    return node


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
        with_text_rules(schema)
        with_bounds_named(schema)
        return schema
