"""What the person posted, offered and bought: projects, invitations, proposals, Hourlies and orders."""

from typing import Any

from django.db.models import Count, F

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie, Order
from openhour.jobs.models import Invitation, Project, ProjectFile, Proposal, ProposalFile

from .base import ArchiveFile, file_of, path_or_none, present, rows

KEY = "work"
MODELS = ("jobs.Project", "jobs.Invitation", "jobs.Proposal", "catalog.Hourlie", "catalog.Order")

PROJECT_FIELDS: tuple[str, ...] = (
    "id",
    "title",
    "description",
    "budget_type",
    "budget_min",
    "budget_max",
    "currency",
    "deadline",
)
PROJECT_FIELDS += ("visibility", "max_proposals", "status", "created_at", "updated_at")
PROPOSAL_FIELDS: tuple[str, ...] = (
    "id",
    "cover_letter",
    "price",
    "currency",
    "delivery_days",
    "status",
    "decline_reason",
)
PROPOSAL_FIELDS += ("viewed_at", "created_at", "updated_at")


def section(user: User) -> dict[str, Any]:
    return {
        "projects": [_project(project) for project in _projects(user)],
        "invitations_received": [
            {"project": i.project.title, "invited_by": i.invited_by.name if i.invited_by else "", "at": i.created_at}
            for i in Invitation.objects.filter(freelancer=user).select_related("project", "invited_by")
        ],
        "proposals": [_proposal(proposal) for proposal in _proposals(user)],
        "hourlies": [_hourlie(hourlie) for hourlie in Hourlie.objects.filter(freelancer=user).order_by("pk")],
        "orders": rows(
            Order.objects.filter(client=user).order_by("pk"),
            "id",
            "requirements",
            "total",
            "currency",
            "delivery_days",
            "status",
            "created_at",
            "contract_id",
            hourlie_title=F("hourlie__title"),
            package_name=F("package__name"),
        ),
    }


def _projects(user: User) -> Any:
    # How many proposals came in, not what they say: each is the freelancer's own data.
    return Project.objects.filter(client=user).annotate(proposals_received=Count("proposals")).order_by("pk")


def _project(project: Project) -> dict[str, Any]:
    found = {name: getattr(project, name) for name in PROJECT_FIELDS}
    found["proposals_received"] = project.proposals_received  # type: ignore[attr-defined]
    found["invited"] = [i.freelancer.name for i in project.invitations.select_related("freelancer")]
    found["files"] = [_named("projects", f) for f in project.files.all()]
    return found


def _proposals(user: User) -> Any:
    return Proposal.objects.filter(freelancer=user).select_related("project").order_by("pk")


def _proposal(proposal: Proposal) -> dict[str, Any]:
    found = {name: getattr(proposal, name) for name in PROPOSAL_FIELDS}
    found["project"] = proposal.project.title
    found["milestones"] = rows(proposal.milestones.order_by("position"), "title", "amount", "due_in_days")
    found["files"] = [_named("proposals", f) for f in proposal.files.all()]
    return found


def _hourlie(hourlie: Hourlie) -> dict[str, Any]:
    found = {name: getattr(hourlie, name) for name in ("id", "title", "description", "currency", "status")}
    found["created_at"] = hourlie.created_at
    found["packages"] = rows(hourlie.packages.order_by("position"), "name", "price", "delivery_days", "revisions")
    found["extras"] = rows(hourlie.extras.order_by("position"), "title", "price", "extra_days")
    return found


def _named(folder: str, row: ProjectFile | ProposalFile) -> dict[str, Any]:
    return {"name": row.name, "size": row.size, "file": path_or_none(folder, row, row.file, row.name)}


def files(user: User) -> list[ArchiveFile]:
    project_files = ProjectFile.objects.filter(project__client=user)
    proposal_files = ProposalFile.objects.filter(proposal__freelancer=user)
    return present(
        [
            *(file_of("projects", f, f.file, f.name) for f in project_files),
            *(file_of("proposals", f, f.file, f.name) for f in proposal_files),
        ]
    )
