"""Projects over HTTP: post, browse, read, edit while open, close, invite freelancers."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field
from pydantic.json_schema import JsonDict

from openhour.accounts.models import User
from openhour.api.auth import ANYONE_MAY_READ, OPTIONAL_AUTH, current_user, viewer
from openhour.api.bodies import AttachmentIds
from openhour.api.pagination import PageQuery, page_of
from openhour.api.schemas import (
    CategorySlug,
    Input,
    Money,
    MoneyOut,
    Page,
    Patch,
    PersonOut,
    QueryMinorUnits,
    SkillSlug,
    TransitionOut,
    WholeNumber,
    changes_of,
    money,
)
from openhour.catalog.api.taxonomy import CategoryRefOut, SkillOut, category_ref, skill_ref
from openhour.contracts.services.delivery import MAX_FILES
from openhour.jobs import feed
from openhour.jobs.api.attachments import AttachmentOut, attachments_out
from openhour.jobs.models import BudgetType, Project, Visibility
from openhour.jobs.selectors import attachments as attachment_selectors
from openhour.jobs.selectors import projects as selectors
from openhour.jobs.selectors.projects import ClientHistory
from openhour.jobs.services import projects as services
from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.money import Currency
from openhour.messaging.uploads.services import uploads_attached

router = Router(tags=["projects"])


# ---- output shapes -------------------------------------------------------------------------------


class ClientHistoryOut(Schema):
    """How many projects the client has posted, hired for, and still has open."""

    posted: int
    hired: int
    open: int


class ProjectClientOut(PersonOut):
    history: ClientHistoryOut


class ProjectOut(Schema):
    id: str
    title: str
    description: str
    category: CategoryRefOut
    skills: list[SkillOut]
    budget_type: str = Field(description="fixed or hourly")
    budget_min: MoneyOut
    budget_max: MoneyOut
    deadline: date | None
    visibility: str
    max_proposals: int | None = Field(description="Proposals stop after this many; null for no cap")
    status: str
    client: ProjectClientOut
    created_at: datetime
    updated_at: datetime


# Operations answering with it set exclude_unset, so `events` stays absent for others rather than null,
# and by_alias, so each event's `from` keeps its name.
class ProjectDetailOut(ProjectOut):
    events: list[TransitionOut] | None = Field(
        None, description="How the project got to its status; only for its client, absent for anyone else"
    )
    attachments: list[AttachmentOut] | None = Field(
        None,
        description="The brief's files: for its client, operators and signed-in freelancers who can see the "
        "project; absent for anyone else",
    )


def project_out(project: Project, history: ClientHistory) -> dict[str, Any]:
    return {
        "id": str(project.pk),
        "title": project.title,
        "description": project.description,
        "category": category_ref(project.category),
        "skills": [skill_ref(skill) for skill in project.skills.all()],
        "budget_type": project.budget_type,
        "budget_min": money(project.budget_min, project.currency),
        "budget_max": money(project.budget_max, project.currency),
        "deadline": project.deadline,
        "visibility": project.visibility,
        "max_proposals": project.max_proposals,
        "status": project.status,
        "client": {
            "username": project.client.username,
            "name": project.client.name,
            "history": {"posted": history.posted, "hired": history.hired, "open": history.open},
        },
        "created_at": project.created_at,
        "updated_at": project.updated_at,
    }


def detail_out(project_id: int | str, user: User | None) -> dict[str, Any]:
    """One project as `user` may see it; its events only for its client."""
    project = selectors.project_detail(project_id=project_id, viewer=user)
    if project is None:
        raise NotFound(_("No such project."))
    out = project_out(project, selectors.client_history(client_id=project.client_id))
    files = attachment_selectors.project_files(project=project, viewer=user)
    if files is not None:
        out["attachments"] = attachments_out(files, "project_file")
    if user is not None and project.client_id == user.pk:
        out["events"] = [
            {
                "action": event.action,
                "actor": event.actor,
                "from": event.from_status,
                "to": event.to_status,
                "at": event.created_at,
                "note": event.note,
            }
            for event in project.events.all()
        ]
    return out


# ---- input shapes --------------------------------------------------------------------------------


# Stated, not checked, here: the service says them in its own words.
PROPOSAL_CAP: JsonDict = {"minimum": 1, "maximum": 200}
SKILL_COUNT: JsonDict = {"maxItems": services.MAX_PROJECT_SKILLS}


class ProjectIn(Input):
    title: str = Field(min_length=1, max_length=120)
    description: str = Field(min_length=1, max_length=10000)
    category: CategorySlug
    skills: list[SkillSlug] = Field(default_factory=list, max_length=50, json_schema_extra=SKILL_COUNT)
    budget_type: BudgetType = BudgetType.FIXED
    budget_min: Money
    budget_max: Money = Field(description="In the same currency as budget_min")
    deadline: date | None = None
    visibility: Visibility = Visibility.PUBLIC
    max_proposals: WholeNumber | None = Field(
        None, description="Stop taking proposals after this many", json_schema_extra=PROPOSAL_CAP
    )
    attachments: AttachmentIds


UploadId = Annotated[str, Field(max_length=20, json_schema_extra={"format": "upload"})]


class ProjectPatch(Patch):
    clearable = frozenset({"deadline", "max_proposals"})

    title: str | None = Field(None, max_length=120)
    description: str | None = Field(None, max_length=10000)
    category: CategorySlug | None = None
    skills: list[SkillSlug] | None = Field(None, max_length=50, json_schema_extra=SKILL_COUNT)
    budget_type: BudgetType | None = None
    budget_min: Money | None = None
    budget_max: Money | None = None
    deadline: date | None = None
    visibility: Visibility | None = None
    max_proposals: WholeNumber | None = Field(None, json_schema_extra=PROPOSAL_CAP)
    attachments: list[UploadId] | None = Field(
        None, max_length=MAX_FILES, description="Ids of your uploads (POST /uploads) to add to the brief"
    )
    remove_attachments: list[Annotated[str, Field(max_length=20)]] | None = Field(
        None, max_length=MAX_FILES, description="Ids of the brief's files to take off it"
    )


def _budgets(fields: dict[str, Any]) -> dict[str, Any]:
    """Money objects in, the service's integer bounds plus one currency out."""
    given = {name: fields.pop(name) for name in ("budget_min", "budget_max") if name in fields}
    currencies = {bound["currency"] for bound in given.values()}
    if len(currencies) > 1:
        problem = _("Use the same currency for both ends of the budget.")
        raise InvalidInput(problem, fields={"budget_max.currency": [problem]})
    for name, bound in given.items():
        fields[name] = bound["amount"]
    if currencies:
        fields["currency"] = currencies.pop()
    return fields


# ---- endpoints -----------------------------------------------------------------------------------


@router.post("/projects", response={201: ProjectDetailOut}, exclude_unset=True, by_alias=True)
def project_create(request: HttpRequest, payload: ProjectIn) -> Status[dict[str, Any]]:
    """A verified client posts a project, with `attachments` (upload ids) for its brief."""
    user = current_user(request)
    fields = _budgets(payload.dict())
    with uploads_attached(ids=fields.pop("attachments"), by=user) as files:
        project = services.project_post(client=user, files=files, **fields)
    return Status(201, detail_out(project.pk, user))


class FeedItemOut(ProjectOut):
    reasons: list[str] = Field(description="Why the project was picked for you, in words for people")
    score: int = Field(description="The feed ranks by it, highest first")


class InvitationOut(Schema):
    id: str
    project: str = Field(description="The project's id")
    freelancer: PersonOut
    created_at: datetime


class ProjectFilters(PageQuery):
    q: str = Field("", max_length=200)
    category: str = Field("", max_length=80)
    skill: str = Field("", max_length=80)
    budget_type: Literal["", "fixed", "hourly"] = ""
    min_budget: QueryMinorUnits | None = Field(None, ge=0, le=10**12, description="Minor units, in `currency`")
    max_budget: QueryMinorUnits | None = Field(None, ge=0, le=10**12, description="Minor units, in `currency`")
    currency: Currency = Field(Currency.GBP, description="The currency of min_budget and max_budget")
    posted_within_days: int | None = Field(None, ge=1, le=365)
    sort: Literal["newest", "budget", "-budget", "relevance"] = Field(
        "newest", description="`relevance`: best match for `q` first (newest first without `q`)"
    )


@router.get("/projects", auth=OPTIONAL_AUTH, openapi_extra=ANYONE_MAY_READ, response=Page[ProjectOut])
def project_list(request: HttpRequest, filters: Query[ProjectFilters]) -> dict[str, Any]:
    """Open projects; no sign-in needed. Signed in, your own invite-only projects are listed too."""
    args = filters.dict()
    cursor, limit = args.pop("cursor"), args.pop("limit")
    projects = selectors.project_search(viewer=viewer(request), **args)
    page, next_cursor = page_of(projects, cursor=cursor, limit=limit)
    histories = selectors.client_histories(client_ids=[project.client_id for project in page])
    return {"items": [project_out(p, histories[p.client_id]) for p in page], "next_cursor": next_cursor}


@router.get(
    "/projects/{project_id}",
    auth=OPTIONAL_AUTH,
    openapi_extra=ANYONE_MAY_READ,
    response=ProjectDetailOut,
    exclude_unset=True,
    by_alias=True,
)
def project_get(request: HttpRequest, project_id: str) -> dict[str, Any]:
    """No sign-in needed for public projects; their client also sees `events`."""
    return detail_out(project_id, viewer(request))


@router.patch("/projects/{project_id}", response=ProjectDetailOut, exclude_unset=True, by_alias=True)
def project_update(request: HttpRequest, project_id: str, payload: ProjectPatch) -> dict[str, Any]:
    user = current_user(request)
    changes = changes_of(payload)
    changes = _budgets(changes)
    one_end = [name for name in ("budget_min", "budget_max") if name in changes]
    if len(one_end) == 1:
        _same_currency(project_id, user, changes["currency"], one_end[0])
    ids = changes.pop("attachments", None) or []
    remove = changes.pop("remove_attachments", None) or []
    with uploads_attached(ids=ids, by=user) as files:
        services.project_update(project_id=project_id, by=user, files=files, remove_files=remove, **changes)
    return detail_out(project_id, user)


def _same_currency(project_id: str, user: User, currency: str, name: str) -> None:
    """Changing one end of the budget keeps the project's currency; sending both ends may change it."""
    project = selectors.project_detail(project_id=project_id, viewer=user)
    if project is not None and project.currency != currency:
        problem = _("Send both ends of the budget to change its currency.")
        raise InvalidInput(problem, fields={f"{name}.currency": [problem]})


class CloseIn(Input):
    note: str = Field("", max_length=2000, description="Why; operators must give one")


@router.post("/projects/{project_id}/close", response=ProjectDetailOut, exclude_unset=True, by_alias=True)
def project_close(request: HttpRequest, project_id: str, payload: CloseIn | None = None) -> dict[str, Any]:
    user = current_user(request)
    services.project_close(project_id=project_id, by=user, note=payload.note if payload else "")
    return detail_out(project_id, user)


class InvitationIn(Input):
    freelancer: str = Field(max_length=150, description="The freelancer's username")


@router.post("/projects/{project_id}/invitations", response={201: InvitationOut})
def invitation_create(request: HttpRequest, project_id: str, payload: InvitationIn) -> Status[dict[str, Any]]:
    """The project's client invites a freelancer; invite-only projects become visible to them."""
    invitation = services.invitation_send(
        project_id=project_id, freelancer_username=payload.freelancer, by=current_user(request)
    )
    return Status(
        201,
        {
            "id": str(invitation.pk),
            "project": str(invitation.project_id),
            "freelancer": {"username": invitation.freelancer.username, "name": invitation.freelancer.name},
            "created_at": invitation.created_at,
        },
    )


@router.get("/feed", response=Page[FeedItemOut])
def job_feed(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    """Freelancers only: open projects ranked for you, best first, each with the `reasons` it was picked."""
    items = feed.job_feed(freelancer=current_user(request))
    page, next_cursor = page_of(items, cursor=query.cursor, limit=query.limit)
    feed.details_load(page)
    histories = selectors.client_histories(client_ids=[item.project.client_id for item in page])
    return {
        "items": [
            project_out(item.project, histories[item.project.client_id])
            | {"reasons": item.reasons, "score": item.score}
            for item in page
        ],
        "next_cursor": next_cursor,
    }
