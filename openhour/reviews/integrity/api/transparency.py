"""The transparency report over HTTP: public figures; the publication-bias alert only for operators."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field
from pydantic.json_schema import JsonDict

from openhour.accounts import selectors
from openhour.accounts.models import User
from openhour.api.schemas import Input
from openhour.reviews.integrity import transparency

router = Router(tags=["review integrity"])

# The quarter's bounds are written as text by the report itself (with the site's offset): kept as text here,
# so they read exactly as before rather than being re-formatted as date-times.
BOUND: JsonDict = {"format": "date-time"}


class TransparencyReviewsOut(Schema):
    submitted: int
    published: int
    held: int = Field(description="Held for moderation during the quarter")
    still_held: int = Field(description="Of those, the ones an operator has not decided yet")
    removed: int


class DetectionOut(Schema):
    removed: int
    automatic: int = Field(description="Removals whose case the checks opened, not a person's flag")
    share_percent: float | None = Field(description="Null when nothing was removed")


class TransparencyAppealsOut(Schema):
    total: int
    upheld: int = Field(description="The first decision stood")
    changed: int
    pending: int


class StarRateOut(Schema):
    """Of the reviews submitted in the quarter with this many stars (and no longer sealed), how many are published."""

    stars: int
    submitted: int
    published: int
    rate_percent: float | None = Field(description="Null when none was submitted")


class PooledRateOut(Schema):
    submitted: int
    published: int
    rate_percent: float | None


class BiasAlertOut(Schema):
    """Low-star reviews are published at a lower rate than high-star ones, beyond the tolerance."""

    quarter: str
    gap_points: float = Field(description="High-star rate minus low-star rate, in percentage points")
    low_stars: PooledRateOut = Field(description="1 and 2 stars together")
    high_stars: PooledRateOut = Field(description="4 and 5 stars together")
    tolerance_points: int
    min_low_reviews: int = Field(description="Below this many low-star reviews no alert is raised")


class TransparencyReportOut(Schema):
    quarter: str = Field(description="Such as 2026Q4")
    from_: str = Field(alias="from", description="The quarter's first moment", json_schema_extra=BOUND)
    until: str = Field(description="The next quarter's first moment (excluded)", json_schema_extra=BOUND)
    complete: bool = Field(description="False while the quarter runs: its figures will grow")
    reviews: TransparencyReviewsOut
    removed_by_reason: dict[str, int] = Field(description="Content rule (flag reason, or other) -> removals")
    detected_automatically: DetectionOut
    flags_by_reason: dict[str, int]
    cases_by_source: dict[str, int]
    decisions: dict[str, int] = Field(description="First decisions taken in the quarter, by outcome")
    appeals: TransparencyAppealsOut
    publication_rate_by_stars: list[StarRateOut] = Field(description="1 to 5 stars")
    # Absent, not null, for everyone but operators; null for them when there is no alert.
    alert: BiasAlertOut | None = Field(None, description="Operators only: the publication-bias alert, if any")
    quarters: list[str] = Field(description="The quarters to choose from, newest first")


class QuarterQuery(Input):
    quarter: str = Field(
        "",
        max_length=20,
        description="Such as 2026Q4: one of the answer's `quarters`; empty for the current one",
        json_schema_extra={"format": "quarter"},
    )


# `from` is a Python keyword, so the field answers by alias; `alert` is left out where it was never set.
@router.get("/trust/transparency", auth=None, response=TransparencyReportOut, by_alias=True, exclude_unset=True)
def transparency_report(request: HttpRequest, query: Query[QuarterQuery]) -> dict[str, Any]:
    """The quarter's figures (`?quarter=2026Q4`, default the current quarter) and the quarters to choose from.
    A bad or future quarter is a 400 on the field `quarter`."""
    report = transparency.transparency_report(quarter=transparency.quarter_parse(query.quarter))
    body = transparency.report_as_dict(report, staff=_is_staff(request))
    return body | {"quarters": [found.code for found in transparency.quarters_available()]}


def _is_staff(request: HttpRequest) -> bool:
    """An operator signed in by session or by token. The endpoint is public, so a bad token only means the
    caller is treated as anyone else."""
    user: User | AnonymousUser | None = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return bool(user.is_staff)
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return False
    found = selectors.access_token_owner(secret=secret.strip())
    return found is not None and bool(found[1].is_staff)
