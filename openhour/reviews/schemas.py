"""Review bodies over HTTP. They take any JSON value and leave the checking to `services.checked`, so a
rating of "seven" or a missing criterion comes back as that service's field error (`ratings.quality`)."""

from typing import Any, Literal

from pydantic import Field
from pydantic.json_schema import JsonDict

from openhour.api.pagination import PageQuery
from openhour.api.schemas import Input

STARS: JsonDict = {"type": "integer", "minimum": 1, "maximum": 5}


def _loose(kind: str, description: str, default: Any = None, *, stars: bool = False) -> Any:
    # Typed in the OpenAPI document, checked by the service: its messages are the ones people should read.
    return Field(default, description=description, json_schema_extra=STARS if stars else {"type": kind})


class ReviewIn(Input):
    overall: Any = _loose("integer", "Required: the overall rating, 1 to 5 stars", stars=True)
    ratings: Any = Field(
        None,
        json_schema_extra={"type": "object", "additionalProperties": STARS},
        description="Required: 1–5 per criterion. A client rates quality, communication, expertise, timeliness, value; "
        "a freelancer rates clarity, communication, payment_promptness, scope_stability",
    )
    would_work_again: Any = _loose("boolean", "Required: would hire (or work for) them again")
    went_well: Any = _loose("string", "What went well (required, public)", "")
    could_improve: Any = _loose("string", "What could be better (public)", "")
    private_note: Any = _loose("string", "A note to the platform, never shown publicly", "")


class ReplyIn(Input):
    text: Any = _loose("string", "The public reply, at most 3,000 characters", "")


class ReviewFilters(PageQuery):
    sort: Literal["recent", "rating"] = "recent"
    role: Literal["freelancer", "client"] | None = Field(None, description="The role the person was reviewed in")


class RoleQuery(Input):
    role: Literal["freelancer", "client"] | None = Field(None, description="Only this role; both if left out")
