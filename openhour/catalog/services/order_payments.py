"""Paying for an Hourlie order: its one milestone is funded into escrow, and that marks the order paid.

Paying from the wallet places and pays in one transaction, so a refusal leaves no order at all. A card
is charged outside the order's transaction (a provider call never runs inside one): if the card is
refused, the order is cancelled by the system with the reason, so nothing is left half-done; a card
waiting for 3-D Secure leaves the order awaiting payment until the payer confirms.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.catalog.models import Order
from openhour.catalog.services.hourlies import order_place
from openhour.contracts.models import Contract
from openhour.contracts.services import contracts
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import SYSTEM, transition


def order_buy(
    *,
    hourlie_id: int | str,
    client: User,
    package: int | str,
    extras: list[int | str] | None = None,
    requirements: str,
    method: str,
    card_token: str = "",
    idempotency_key: str = "",
) -> tuple[Order, contracts.Funding]:
    """Place an order and pay for it at once, from the wallet or by card."""

    def place() -> Order:
        return order_place(
            hourlie_id=hourlie_id, client=client, package=package, extras=extras, requirements=requirements
        )

    def pay(order: Order) -> contracts.Funding:
        return order_pay(
            order_id=order.pk, by=client, method=method, card_token=card_token, idempotency_key=idempotency_key
        )

    if method != "card":  # no provider to call: place and pay in one transaction, all or nothing
        with transaction.atomic():
            order = place()
            funding = pay(order)
    else:
        order = place()
        try:
            funding = pay(order)
        except DomainError as refused:
            _cancel_unpaid(order, refused.message)
            raise
    order.refresh_from_db()
    return order, funding


def order_pay(
    *, order_id: int | str, by: User, method: str, card_token: str = "", idempotency_key: str = ""
) -> contracts.Funding:
    """The client pays an order awaiting payment: its milestone is funded (with the client service fee)."""
    order = Order.objects.filter(pk=pk_or_404(order_id, _("No such order.")), client_id=by.pk).first()
    if order is None or order.contract_id is None:
        raise NotFound(_("No such order."))
    milestone = order.contract.milestones.get()  # type: ignore[union-attr]
    return contracts.milestone_fund(
        milestone_id=milestone.pk, by=by, method=method, card_token=card_token, idempotency_key=idempotency_key
    )


def _cancel_unpaid(order: Order, reason: str) -> None:
    note = _("The payment did not go through: %(reason)s") % {"reason": reason}
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status != Order.Status.AWAITING_PAYMENT:
            return
        transition(obj=locked, action="cancel", actor=SYSTEM, note=note)
        contract = Contract.objects.select_for_update().get(order=locked)
        transition(obj=contract, action="end", actor=SYSTEM, note=note)
