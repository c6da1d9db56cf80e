"""Reads for projects: who may see which project, browsing with filters, a client's history."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from openhour.accounts.models import User
from openhour.catalog.models import Skill
from openhour.jobs.models import Invitation, Project, Visibility
from openhour.lib.ids import pk_or_none
from openhour.search import query as search

SORTS = ("newest", "budget", "-budget", "relevance")


def visible_to(viewer: User | AnonymousUser | None) -> Q:
    """Public projects for everyone; invite-only ones for their client, the invited (and operators)."""
    if viewer is None or not viewer.is_authenticated:
        return Q(visibility=Visibility.PUBLIC)
    if viewer.is_staff:
        return Q()
    invited = Exists(Invitation.objects.filter(project=OuterRef("pk"), freelancer_id=viewer.pk))
    return Q(visibility=Visibility.PUBLIC) | Q(client_id=viewer.pk) | Q(invited)


def project_detail(*, project_id: int | str, viewer: User | AnonymousUser | None) -> Project | None:
    pk = pk_or_none(project_id)
    if pk is None:
        return None
    return (
        Project.objects.filter(visible_to(viewer), pk=pk)
        .select_related("client__profile", "category")
        .prefetch_related("skills")
        .first()
    )


def project_search(
    *,
    viewer: User | AnonymousUser | None = None,
    q: str = "",
    category: str = "",
    skill: str = "",
    budget_type: str = "",
    min_budget: int | None = None,
    max_budget: int | None = None,
    currency: str = "",
    posted_within_days: int | None = None,
    status: str = "open",
    sort: str = "newest",
) -> QuerySet[Project]:
    """Open projects the viewer may see, filtered. Budgets compare within one currency."""
    projects = Project.objects.filter(visible_to(viewer))
    if status:
        projects = projects.filter(status=status)
    if category:
        projects = projects.filter(category__slug=category)
    if skill:
        projects = projects.filter(Exists(Skill.objects.filter(projects=OuterRef("pk"), slug=skill)))
    if budget_type:
        projects = projects.filter(budget_type=budget_type)
    if min_budget is not None or max_budget is not None:
        projects = projects.filter(currency=currency or "GBP")
    if min_budget is not None:
        projects = projects.filter(budget_max__gte=min_budget)
    if max_budget is not None:
        projects = projects.filter(budget_min__lte=max_budget)
    if posted_within_days:
        projects = projects.filter(created_at__gte=timezone.now() - timedelta(days=posted_within_days))
    words = search.terms(q)
    if words:
        projects = projects.filter(search.matching("project", words))
    elif q.strip():
        projects = projects.none()  # only punctuation or symbols: nothing to look for
    order: tuple[str, ...] = {"budget": ("budget_max", "id"), "-budget": ("-budget_max", "-id")}.get(
        sort, ("-created_at", "-id")
    )
    if sort == "relevance" and words:
        projects = projects.annotate(search_rank=search.rank("project", words))
        order = ("-search_rank", *order)
    return projects.order_by(*order).select_related("category", "client").prefetch_related("skills")


@dataclass(frozen=True)
class ClientHistory:
    posted: int
    hired: int
    open: int


def client_history(*, client_id: int) -> ClientHistory:
    counts = Project.objects.filter(client_id=client_id).aggregate(
        posted=Count("id"),
        hired=Count("id", filter=Q(status=Project.Status.HIRED)),
        open=Count("id", filter=Q(status=Project.Status.OPEN)),
    )
    return ClientHistory(**counts)


def client_histories(*, client_ids: Iterable[int]) -> dict[int, ClientHistory]:
    """`client_history` for a page of projects in one query."""
    rows = (
        Project.objects.filter(client_id__in=set(client_ids))
        .values("client_id")
        .annotate(
            posted=Count("id"),
            hired=Count("id", filter=Q(status=Project.Status.HIRED)),
            open=Count("id", filter=Q(status=Project.Status.OPEN)),
        )
        .order_by()
    )
    return {row["client_id"]: ClientHistory(posted=row["posted"], hired=row["hired"], open=row["open"]) for row in rows}


def client_open_projects(*, client: User | AnonymousUser | None) -> list[Project]:
    """The projects a client may still invite freelancers to, newest first."""
    if client is None or not client.is_authenticated or not client.is_client:
        return []
    return list(Project.objects.filter(client_id=client.pk, status=Project.Status.OPEN).only("id", "title"))


def project_invitations(*, project: Project) -> list[Invitation]:
    """Who a project's client has invited; only for its client's eyes."""
    return list(project.invitations.select_related("freelancer"))
