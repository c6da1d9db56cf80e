"""Request bodies that attach files by upload id. JSON is the documented body; the endpoints that took a
multipart form before uploads existed still read the same fields from a form, with files as `attachments`
(deprecated, and marked so in the schema)."""

from typing import Annotated, Any, get_origin

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from ninja import Schema
from ninja.params.models import Body, BodyModel
from pydantic import Field

from openhour.contracts.services.delivery import MAX_FILES

FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
FORM_NOTE = "Deprecated: send JSON instead, with each file sent first to POST /uploads and named in `attachments`."

# At most as many ids as files may be attached: a longer list is refused before it reaches the database.
AttachmentIds = Annotated[
    list[Annotated[str, Field(max_length=20, json_schema_extra={"format": "upload"})]],
    Field(default_factory=list, max_length=MAX_FILES, description="Ids of your uploads (POST /uploads)"),
]


def is_form(request: HttpRequest) -> bool:
    return request.content_type in FORM_TYPES


def form_files(request: HttpRequest) -> list[UploadedFile]:
    """Files sent the deprecated way, as a form's `attachments`."""
    return request.FILES.getlist("attachments") if is_form(request) else []


class _JsonOrFormModel(BodyModel):
    """A JSON body goes through the API's parser as usual; a form gives the schema's fields, read as ninja reads
    any form (the parser's text rules included)."""

    @classmethod
    def get_request_data(cls, request: HttpRequest, api: Any, path_params: dict[str, Any]) -> dict[str, Any] | None:
        if not is_form(request):
            return super().get_request_data(request, api, path_params)
        name = cls.__read_from_single_attr__
        fields = cls.model_fields[name].annotation.model_fields  # type: ignore[union-attr]
        lists = [field for field, info in fields.items() if get_origin(info.annotation) is list]
        values = api.parser.parse_querydict(request.POST, lists, request)
        # Other form fields (a CSRF token) were always ignored by these endpoints: they still are.
        return {name: {field: value for field, value in values.items() if field in fields}}


class JsonOrForm(Body):  # type: ignore[misc]
    """`payload: Annotated[SomeIn, JsonOrForm(...)]`: the JSON body, or the same fields from a form."""

    _model = _JsonOrFormModel

    @classmethod
    def _param_source(cls) -> str:
        return "body"  # documented as the JSON body; `form_also` adds the form beside it


def form_also(schema: type[Schema]) -> dict[str, Any]:
    """`openapi_extra` documenting the deprecated form beside the JSON body: its fields, files as `attachments`."""
    json_schema = schema.model_json_schema()
    files = {"type": "array", "items": {"type": "string", "format": "binary"}, "description": "Files to attach"}
    form = {
        "title": f"{schema.__name__}Form",
        "type": "object",
        "deprecated": True,
        "description": FORM_NOTE,
        # A form cannot leave a field out and send it empty: a required text is required to say something.
        "properties": {
            name: field | ({"minLength": 1} if name in json_schema.get("required", []) else {})
            for name, field in json_schema["properties"].items()
        }
        | {"attachments": files},
        "required": json_schema.get("required", []),
        "additionalProperties": False,  # as in the JSON body: a field it does not know is a 400
    }
    return {"requestBody": {"content": {"multipart/form-data": {"schema": form}}}}
