"""Telling the parties about change orders, in the step's own transaction (a rolled-back step tells nobody),
as each person's notification preference for change orders allows."""

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_noop as _

from openhour.accounts.models import User
from openhour.contracts.change_orders.models import ChangeOrder
from openhour.messaging.notifications.said import Said, said
from openhour.messaging.notifications.services import notification_send


def _send(order: ChangeOrder, to: Any, kind: str, title: Said, body: Sequence[Said]) -> None:
    notification_send(
        user=to,
        kind=kind,
        title=title,
        body=body,
        url=f"/contracts/{order.contract_id}#change-orders",
        source=f"changeorder:{order.pk}:{kind}",
    )


def proposed(order: ChangeOrder) -> None:
    """The other party learns a change waits for their answer."""
    contract = order.contract
    other = contract.freelancer if order.proposed_by_id == contract.client_id else contract.client
    title = said(_("%(name)s proposes a change to “%(title)s”"), name=order.proposed_by.name, title=contract.title)
    body = said(_("Nothing changes until you accept it; you may also reject it."))
    _send(order, other, "change_order_proposed", title, [body])


def answered(order: ChangeOrder, *, by: User, funding_needed: bool) -> None:
    """The proposer learns the answer. A client whose added milestones were accepted is asked to fund them; a
    client who accepted the freelancer's additions is on the page with the fund form already."""
    contract = order.contract
    names = {"name": by.name, "title": contract.title}
    if order.status == ChangeOrder.Status.ACCEPTED:
        title = said(_("%(name)s accepted your change to “%(title)s”"), **names)
        body = [said(_("The plan is updated."))]
    else:
        title = said(_("%(name)s rejected your change to “%(title)s”"), **names)
        body = [said(_("The plan stays as it was."))]
    if order.answer_note:
        body.append(said("“%(note)s”", note=order.answer_note))  # their words, as they wrote them
    if funding_needed and order.proposed_by_id == contract.client_id:
        body.append(said(_("Fund the new milestones so that work on them can start.")))
    if order.proposed_by_id != by.pk:
        _send(order, order.proposed_by, "change_order_answered", title, body)
