"""Reads for contracts: only its two parties (and operators) may see a contract."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.models import Contract, DeliveryFile, Milestone, MilestoneTimer
from openhour.lib import pagination as keyset
from openhour.lib.errors import NotFound
from openhour.lib.ids import pk_or_none

NEWEST = ("-created_at", "-id")  # the contracts lists' order, served by an index on each side


def _visible(viewer: User | AnonymousUser | None) -> Q | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    return Q() if viewer.is_staff else Q(client_id=viewer.pk) | Q(freelancer_id=viewer.pk)


def contracts_of(*, user: User, cursor: str | None = None, size: int | None = None) -> QuerySet[Contract]:
    """The contracts a person is a party to, newest first (operators: their own too, not everyone's), with
    each milestone's deliveries and pending release timer, so a page of them costs the same queries as one.
    With `size`, only the rows a keyset page of that size from `cursor` can hold are kept, so the page reads
    a few short index ranges instead of sorting every contract the person has."""
    releasing = MilestoneTimer.objects.filter(action="release", fired_at__isnull=True, cancelled_at__isnull=True)
    milestones = Milestone.objects.prefetch_related(
        "deliveries__files", Prefetch("timers", queryset=releasing.order_by("due_at", "id"))
    )
    rows = (
        Contract.objects.filter(Q(client_id=user.pk) | Q(freelancer_id=user.pk))
        .select_related("client", "freelancer")
        .prefetch_related(Prefetch("milestones", queryset=milestones), "events")
        .order_by(*NEWEST)
    )
    candidates = _page_candidates(rows, user=user, cursor=cursor, size=size) if size else None
    return rows if candidates is None else rows.filter(pk__in=candidates)


def _page_candidates(rows: QuerySet[Contract], *, user: User, cursor: str | None, size: int) -> Any:
    """The ids of the `size` + 1 newest contracts on each side, and of those after the cursor's row: the
    first page and the next one, each walked down an index by side. None when the cursor is not a forward
    keyset cursor (an offset or a forged one): the paginator then answers it from `rows` as they are."""
    try:
        position = keyset.decode(cursor, keyset.keys_of(rows))
    except keyset.BadCursor:
        return None
    if "o" in position or position.get("d", "o") != "o":
        return None
    starts = [Q()]
    if "v" in position:
        created_at, pk = position["v"]
        after = Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk)
        starts.append(after & Q(created_at__lte=created_at))  # the bound alone lets the index start there
    branches = [
        Contract.objects.filter(start, **{side: user.pk}).order_by(*NEWEST).values("pk")[: size + 1]
        for side in ("client_id", "freelancer_id")
        for start in starts
    ]
    # each limited branch is wrapped: SQLite takes no LIMIT inside a UNION's own parts
    first, *rest = [Contract.objects.filter(pk__in=branch).order_by().values("pk") for branch in branches]
    return first.union(*rest, all=True)


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
