"""Reads for contracts: only its two parties (and operators) may see a contract."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.models import Contract, DeliveryFile, Milestone, MilestoneTimer
from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_none


def _visible(viewer: User | AnonymousUser | None) -> Q | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    return Q() if viewer.is_staff else Q(client_id=viewer.pk) | Q(freelancer_id=viewer.pk)


def contracts_of(*, user: User) -> QuerySet[Contract]:
    """The contracts a person is a party to, newest first (operators: their own too, not everyone's), with
    each milestone's deliveries and pending release timer, so a page of them costs the same queries as one."""
    releasing = MilestoneTimer.objects.filter(action="release", fired_at__isnull=True, cancelled_at__isnull=True)
    milestones = Milestone.objects.prefetch_related(
        "deliveries__files", Prefetch("timers", queryset=releasing.order_by("due_at", "id"))
    )
    return (
        Contract.objects.filter(Q(client_id=user.pk) | Q(freelancer_id=user.pk))
        .select_related("client", "freelancer", "project")
        .prefetch_related(Prefetch("milestones", queryset=milestones), "events")
        .order_by("-created_at", "-id")
    )


def contract_detail(*, contract_id: int | str, viewer: User | AnonymousUser | None) -> Contract | None:
    visible = _visible(viewer)
    pk = pk_or_none(contract_id)
    if visible is None or pk is None:
        return None
    return (
        Contract.objects.filter(visible, pk=pk)
        .select_related("client", "freelancer", "project")
        .prefetch_related("milestones__events__by", "milestones__deliveries__files", "milestones__timers", "events__by")
        .first()
    )


def contract_or_404(*, contract_id: int | str, viewer: User | AnonymousUser | None) -> Contract:
    """The contract with everything its page shows; others' contracts answer like missing ones (404)."""
    contract = contract_detail(contract_id=contract_id, viewer=viewer)
    if contract is None:
        raise NotFound(_("No such contract."))
    return contract


def milestone_contract_id(*, milestone_id: int, viewer: User | AnonymousUser | None) -> int | None:
    """The contract a milestone belongs to, if the viewer may see that contract."""
    visible = _visible(viewer)
    if visible is None:
        return None
    return Contract.objects.filter(visible, milestones__pk=milestone_id).values_list("pk", flat=True).first()


def delivery_file_for(*, file_id: int | str, viewer: User | AnonymousUser | None) -> DeliveryFile | None:
    """A delivery attachment, for the contract's two parties and operators only."""
    visible = _visible(viewer)
    pk = pk_or_none(file_id)
    if visible is None or pk is None:
        return None
    contracts = Contract.objects.filter(visible)
    return DeliveryFile.objects.filter(pk=pk, delivery__milestone__contract__in=contracts).first()
