"""Reads for proposals: who may see which, a project's proposals for its client, a freelancer's own,
the monthly allowance, and what a freelancer has billed a client so far (for the fee preview).

A freelancer never sees another freelancer's proposal; anyone who is neither the proposal's
freelancer nor the project's client (nor an operator) is told it does not exist.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from openhour.accounts.models import Profile, User
from openhour.contracts.models import Milestone
from openhour.jobs.models import Project, Proposal
from openhour.lib.ids import pk_or_none
from openhour.money.fees import FeePreview, freelancer_fee

SORTS = ("best", "price", "newest")


def proposals_for_project(
    *, project_id: int | str, viewer: User | AnonymousUser | None, sort: str = "best"
) -> QuerySet[Proposal] | None:
    """A project's proposals for its client (and operators), or None for anyone else.

    `best`: most skills in common with the project first, then the lowest price; `price`; `newest`."""
    project = _project_of_owner(project_id, viewer)
    if project is None:
        return None
    # A correlated count, not a GROUP BY: grouping would sort every proposal's whole row (on disk for thousands)
    shared = Profile.skills.through.objects.filter(profile_id=OuterRef("freelancer_id"), skill__in=project.skills.all())
    shared = shared.order_by().values("profile_id").annotate(n=Count("*")).values("n")  # type: ignore[misc]
    proposals = project.proposals.annotate(overlap=Coalesce(Subquery(shared, output_field=IntegerField()), 0))
    order = {"price": ("price", "-created_at", "-id"), "newest": ("-created_at", "-id")}.get(
        sort, ("-overlap", "price", "-created_at", "-id")
    )
    return (
        proposals.order_by(*order)
        .select_related("freelancer__profile", "freelancer__reputation_level", "project")
        .prefetch_related("milestones")
    )


def _project_of_owner(project_id: int | str, viewer: User | AnonymousUser | None) -> Project | None:
    pk = pk_or_none(project_id)
    if pk is None or viewer is None or not viewer.is_authenticated:
        return None
    mine = Q() if viewer.is_staff else Q(client_id=viewer.pk)
    return Project.objects.filter(mine, pk=pk).first()


def my_proposals(*, freelancer: User) -> QuerySet[Proposal]:
    """The proposals a freelancer has sent, newest first."""
    return (
        Proposal.objects.filter(freelancer_id=freelancer.pk)
        .select_related("project", "freelancer")
        .prefetch_related("milestones")
        .order_by("-created_at", "-id")
    )


def proposal_detail(*, proposal_id: int | str, viewer: User | AnonymousUser | None) -> Proposal | None:
    """One proposal for its freelancer, the project's client or an operator; None for anyone else."""
    pk = pk_or_none(proposal_id)
    if pk is None or viewer is None or not viewer.is_authenticated:
        return None
    mine = Q() if viewer.is_staff else Q(freelancer_id=viewer.pk) | Q(project__client_id=viewer.pk)
    return (
        Proposal.objects.filter(mine, pk=pk)
        .select_related("project__client", "freelancer__profile")
        .prefetch_related("milestones")
        .first()
    )


def my_proposal_for(*, project: Project, freelancer: User | AnonymousUser | None) -> Proposal | None:
    """The freelancer's latest proposal on a project, if any (for the project page)."""
    if freelancer is None or not freelancer.is_authenticated:
        return None
    return project.proposals.filter(freelancer_id=freelancer.pk).order_by("-created_at", "-id").first()


# ---- fees ----------------------------------------------------------------------------------------


def billed_before(*, client_id: int, freelancer_id: int, currency: str) -> int:
    """What a freelancer has billed a client so far, in one currency (the fee tiers climb with it)."""
    return billed_before_many(client_id=client_id, freelancer_ids=[freelancer_id], currency=currency).get(
        freelancer_id, 0
    )


def billed_before_many(*, client_id: int, freelancer_ids: Iterable[int], currency: str) -> dict[int, int]:
    """`billed_before` for many freelancers at once: one query.

    Billing means a milestone released to the freelancer. Funding and release arrive with payments,
    so today no milestone can be released and every pair has billed 0; the query is already the real one."""
    released = Milestone.objects.filter(
        contract__client_id=client_id,
        contract__freelancer_id__in=set(freelancer_ids),
        contract__currency=currency,
        status="released",
    )
    rows = released.values("contract__freelancer_id").annotate(total=Sum("amount")).order_by()
    return {row["contract__freelancer_id"]: row["total"] or 0 for row in rows}


def fee_preview(*, client_id: int, freelancer_id: int, amount: int, currency: str) -> FeePreview:
    billed = billed_before(client_id=client_id, freelancer_id=freelancer_id, currency=currency)
    return freelancer_fee(amount=amount, billed_before=billed, currency=currency)


def proposal_fees(proposals: list[Proposal]) -> dict[int, FeePreview]:
    """The fee preview of each proposal in a list (all of one project, or one freelancer's), in one query
    per client and currency."""
    billed: dict[tuple[int, int, str], int] = {}
    groups: dict[tuple[int, str], set[int]] = {}
    for proposal in proposals:
        groups.setdefault((proposal.project.client_id, proposal.currency), set()).add(proposal.freelancer_id)
    for (client_id, currency), freelancer_ids in groups.items():
        found = billed_before_many(client_id=client_id, freelancer_ids=freelancer_ids, currency=currency)
        for freelancer_id in freelancer_ids:
            billed[(client_id, freelancer_id, currency)] = found.get(freelancer_id, 0)
    return {
        p.pk: freelancer_fee(amount=p.price, billed_before=billed[_pair(p)], currency=p.currency) for p in proposals
    }


def _pair(proposal: Proposal) -> tuple[int, int, str]:
    return (proposal.project.client_id, proposal.freelancer_id, proposal.currency)


# ---- the monthly allowance -----------------------------------------------------------------------


def month_start(now: datetime | None = None) -> datetime:
    """The start of the current calendar month in UTC: allowances renew then."""
    now = (now or timezone.now()).astimezone(UTC)
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def next_month_start(now: datetime | None = None) -> datetime:
    start = month_start(now)
    return start.replace(year=start.year + 1, month=1) if start.month == 12 else start.replace(month=start.month + 1)


def allowance_used(*, freelancer: User, now: datetime | None = None) -> int:
    """Proposals counted against this month's allowance: not free, not refunded, sent this month."""
    return Proposal.objects.filter(
        freelancer_id=freelancer.pk, uses_allowance=True, refunded_at__isnull=True, created_at__gte=month_start(now)
    ).count()


@dataclass(frozen=True)
class Allowance:
    limit: int
    used: int
    renews_at: datetime

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)


def allowance(*, freelancer: User) -> Allowance:
    return Allowance(
        limit=settings.PROPOSALS_PER_MONTH, used=allowance_used(freelancer=freelancer), renews_at=next_month_start()
    )
