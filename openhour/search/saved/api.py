"""Saved searches over HTTP: list yours, save one (with its e-mail alert), change its alert, delete it. Someone
else's saved search is a 404."""

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Body, Query, Router, Schema, Status
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.pagination import PageQuery, paginate
from openhour.api.schemas import Input, Page
from openhour.lib.web import absolute_url
from openhour.search.saved import filters, selectors, services
from openhour.search.saved.models import SavedSearch

router = Router(tags=["search"])

Alert = Literal["off", "instant", "daily"]
ALERT_HELP = "`instant`: an e-mail as new matches appear; `daily`: one a day listing them; `off`: none"


class SavedSearchOut(Schema):
    id: str
    kind: Literal["projects", "freelancers"]
    query: dict[str, Any] = Field(description="The filters, as GET /projects or GET /freelancers takes them")
    alert: Alert = Field(description=ALERT_HELP)
    name: str
    created_at: datetime
    url: str = Field(description="The page that shows this search's results")


class _SavedSearchIn(Input):
    alert: Alert = Field("daily", description=ALERT_HELP)
    name: str = Field("", max_length=120, description="Named after its filters when left empty")


class ProjectSavedSearchIn(_SavedSearchIn):
    kind: Literal["projects"]
    query: filters.ProjectSearchQuery = Field(  # type: ignore[valid-type]
        default_factory=filters.ProjectSearchQuery, description="The filters of GET /projects, without paging"
    )


class FreelancerSavedSearchIn(_SavedSearchIn):
    kind: Literal["freelancers"]
    query: filters.FreelancerSearchQuery = Field(  # type: ignore[valid-type]
        default_factory=filters.FreelancerSearchQuery, description="The filters of GET /freelancers, without paging"
    )


SavedSearchIn = Annotated[ProjectSavedSearchIn | FreelancerSavedSearchIn, Field(discriminator="kind")]


class SavedSearchChangeIn(Input):
    alert: Alert | None = Field(None, description=ALERT_HELP)
    name: str = Field("", max_length=120)


def saved_search_out(search: SavedSearch) -> dict[str, Any]:
    return {
        "id": str(search.pk),
        "kind": search.kind,
        "query": search.query,
        "alert": search.alert,
        "name": search.name,
        "created_at": search.created_at,
        "url": absolute_url(filters.page_url(search)),
    }


@router.get("/saved-searches", response=Page[SavedSearchOut])
def saved_search_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Your saved searches, newest first."""
    rows = selectors.saved_searches_of(owner=current_user(request))
    return paginate(rows, cursor=query.cursor, limit=query.limit, serialize=saved_search_out)


@router.post("/saved-searches", response={201: SavedSearchOut})
def saved_search_create(request: HttpRequest, payload: Body[SavedSearchIn]) -> Status[dict[str, Any]]:
    """Alerts tell of what appears from now on. At most 20 saved searches each (409 `saved_search_limit`)."""
    search = services.saved_search_create(
        owner=current_user(request),
        kind=payload.kind,
        query=payload.query.model_dump(mode="json", exclude_defaults=True),  # type: ignore[attr-defined]
        alert=payload.alert,
        name=payload.name,
    )
    return Status(201, saved_search_out(search))


@router.patch("/saved-searches/{search_id}", response=SavedSearchOut)
def saved_search_change(request: HttpRequest, search_id: str, payload: SavedSearchChangeIn) -> dict[str, Any]:
    """Change how often you are e-mailed (or the name)."""
    search = services.saved_search_update(
        owner=current_user(request), search_id=search_id, alert=payload.alert, name=payload.name
    )
    return saved_search_out(search)


@router.delete("/saved-searches/{search_id}", response={204: None})
def saved_search_delete(request: HttpRequest, search_id: str) -> Status[None]:
    services.saved_search_delete(owner=current_user(request), search_id=search_id)
    return Status(204, None)
