"""What a saved search keeps and how it runs: the filters of `GET /projects` and `GET /freelancers` (the lists'
selectors take the same names), checked by those endpoints' own schemas, and turned into the page address that
shows the same list."""

from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from pydantic import BaseModel, ValidationError, create_model

from openhour.accounts import selectors as people
from openhour.accounts.api.profiles import FreelancerFilters
from openhour.accounts.models import User
from openhour.api.schemas import Input
from openhour.jobs.api.projects import ProjectFilters
from openhour.jobs.forms.projects import POSTED_CHOICES, to_major
from openhour.jobs.models import Project
from openhour.jobs.selectors import projects
from openhour.lib.errors import InvalidInput
from openhour.search.saved.models import SavedSearch, SavedSearchMatch

PAGING = ("cursor", "limit")
PROJECTS, FREELANCERS = SavedSearch.Kind.PROJECTS.value, SavedSearch.Kind.FREELANCERS.value


def _query_model(name: str, filters: type[BaseModel]) -> type[Input]:
    """The list endpoint's filters without its paging, refusing names it does not know."""
    fields: dict[str, Any] = {
        field: (info.annotation, info) for field, info in filters.model_fields.items() if field not in PAGING
    }
    return cast(type[Input], create_model(name, __base__=Input, **fields))


ProjectSearchQuery = _query_model("ProjectSearchQuery", ProjectFilters)
FreelancerSearchQuery = _query_model("FreelancerSearchQuery", FreelancerFilters)
QUERY_MODELS: dict[str, type[Input]] = {PROJECTS: ProjectSearchQuery, FREELANCERS: FreelancerSearchQuery}
# The currency only says what the amounts are in: without an amount it changes nothing.
AMOUNTS = {PROJECTS: ("min_budget", "max_budget"), FREELANCERS: ("max_rate",)}


def query_clean(*, kind: str, query: dict[str, Any]) -> dict[str, Any]:
    """The filters as stored: checked by the list endpoint's schema, only those that differ from the default."""
    model = QUERY_MODELS.get(kind)
    if model is None:
        raise InvalidInput(_("Choose what to search: projects or freelancers."), fields={"kind": [_("Not a kind.")]})
    try:
        parsed = model.model_validate(query)
    except ValidationError as error:
        fields: dict[str, list[str]] = {}
        for problem in error.errors():
            path = ".".join(["query", *(str(part) for part in problem["loc"])])
            fields.setdefault(path, []).append(str(problem["msg"]))
        raise InvalidInput(_("Please correct the fields listed."), fields=fields) from None
    return normal(kind, parsed.model_dump(mode="json", exclude_defaults=True))


def normal(kind: str, query: dict[str, Any]) -> dict[str, Any]:
    kept = {name: value for name, value in query.items() if value not in ("", None)}
    if not any(name in kept for name in AMOUNTS[kind]):
        kept.pop("currency", None)
    return kept


def project_matches(query: dict[str, Any]) -> QuerySet[Project]:
    """Public projects the search finds (the projects list's selector, as a visitor sees it)."""
    return projects.project_search(viewer=None, **(query | {"sort": "newest"}))


def freelancer_matches(query: dict[str, Any]) -> QuerySet[User]:
    return people.freelancer_search(**(query | {"sort": "newest"}))


MATCHES: dict[str, Callable[[dict[str, Any]], QuerySet[Any]]] = {
    PROJECTS: project_matches,
    FREELANCERS: freelancer_matches,
}
# Alerts look this far back before a search's last look, so a write that committed a little after its timestamp
# is still seen; what a search finds there when it is saved is marked known (`known_mark`).
OVERLAP = timedelta(minutes=1)
FOUND_PER_LOOK = 100  # matches recorded per look
# What makes a row new to a search: a project is new once posted; a person whenever their profile changes.
CHANGED = {PROJECTS: "created_at", FREELANCERS: "profile__updated_at"}
CREATOR = {PROJECTS: "client_id", FREELANCERS: "pk"}


def new_matches(search: SavedSearch, *, since: datetime) -> QuerySet[Any]:
    """What the search finds among rows that appeared or changed after `since`, but not what its owner made."""
    rows = MATCHES[search.kind](search.query)
    return rows.filter(**{f"{CHANGED[search.kind]}__gt": since}).exclude(**{CREATOR[search.kind]: search.owner_id})


def known_mark(search: SavedSearch) -> None:
    """What the search finds just before it starts looking is there already: never sent as new."""
    rows = new_matches(search, since=search.checked_at - OVERLAP).order_by().values_list("pk", flat=True)
    known = [SavedSearchMatch(search=search, object_id=pk, sent_at=search.checked_at) for pk in rows[:FOUND_PER_LOOK]]
    SavedSearchMatch.objects.bulk_create(known, ignore_conflicts=True)


def page_url(search: SavedSearch) -> str:
    """The address of the page that shows the same list. The pages ask for amounts in major units and for the
    posting age in a few steps; a filter a page does not offer (a least rating) is left to the API."""
    query = dict(search.query)
    if search.kind == PROJECTS:
        return _with(reverse("projects"), _project_params(query))
    return _with(reverse("freelancers"), _freelancer_params(query))


def _with(path: str, params: dict[str, Any]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def _project_params(query: dict[str, Any]) -> dict[str, Any]:
    currency = query.get("currency", "GBP")
    params: dict[str, Any] = {
        name: query[name] for name in ("q", "category", "skill", "budget_type", "sort") if name in query
    }
    for name in AMOUNTS[PROJECTS]:
        if name in query:
            params[name] = _major(query[name], currency)
    if params.keys() & set(AMOUNTS[PROJECTS]):
        params["currency"] = currency
    days = query.get("posted_within_days")
    if days:
        offered = [int(value) for value, _label in POSTED_CHOICES if value]
        wider = [each for each in offered if each >= days]
        if wider:
            params["posted"] = wider[0]
    return params


def _freelancer_params(query: dict[str, Any]) -> dict[str, Any]:
    params: dict[str, Any] = {
        name: query[name] for name in ("q", "category", "skill", "country", "sort") if name in query
    }
    if "max_rate" in query:
        params["max_rate"] = _major(query["max_rate"], query.get("currency", "GBP"))
        params["currency"] = query.get("currency", "GBP")
    return params


def _major(amount: int, currency: str) -> str:
    value: Decimal = to_major(int(amount), currency)
    return f"{value:f}"
