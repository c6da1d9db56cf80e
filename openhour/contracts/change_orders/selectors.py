"""Reads for change orders: only the contract's two parties (and operators) see them."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.actions import Action
from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.models import Contract
from openhour.lib.ids import pk_or_none


def _visible(viewer: User | AnonymousUser | None) -> Q | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    if viewer.is_staff:
        return Q()
    return Q(contract__client_id=viewer.pk) | Q(contract__freelancer_id=viewer.pk)


def _with_details(rows: QuerySet[ChangeOrder]) -> QuerySet[ChangeOrder]:
    return rows.select_related("proposed_by", "answered_by").prefetch_related("items", "events__by")


def change_orders_of(*, contract: Contract) -> list[ChangeOrder]:
    """A contract's change orders, newest first, with their items and events (three queries in all).
    The caller has already checked that the viewer may see the contract."""
    return list(_with_details(ChangeOrder.objects.filter(contract=contract)))


def change_order_for(*, change_order_id: int | str, viewer: User | AnonymousUser | None) -> ChangeOrder | None:
    visible = _visible(viewer)
    pk = pk_or_none(change_order_id)
    if visible is None or pk is None:
        return None
    return _with_details(ChangeOrder.objects.filter(visible, pk=pk).select_related("contract")).first()


def actions_for(*, user: User) -> list[Action]:
    """Change orders waiting for this person's answer: proposed by the other party of an active contract."""
    waiting = (
        ChangeOrder.objects.filter(
            Q(contract__client_id=user.pk) | Q(contract__freelancer_id=user.pk),
            status=ChangeOrder.Status.PROPOSED,
            contract__status=Contract.Status.ACTIVE,
        )
        .exclude(proposed_by_id=user.pk)
        .select_related("contract", "proposed_by")
        .order_by("created_at", "id")
    )
    return [
        Action(
            kind="answer_change_order",
            title=_("Answer the change proposed by %(name)s on “%(title)s”")
            % {"name": order.proposed_by.name, "title": order.contract.title},
            url=reverse("contract_detail", args=[order.contract_id]) + "#change-orders",
        )
        for order in waiting
    ]
