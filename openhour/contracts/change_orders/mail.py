"""Telling the parties about change orders, in the step's own transaction (a rolled-back step tells nobody),
as each person's notification preference for change orders allows."""

from typing import Any

from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.change_orders.models import ChangeOrder
from openhour.messaging.notifications.services import notification_send


def _send(order: ChangeOrder, to: Any, kind: str, title: str, body: str) -> None:
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
    title = _("%(name)s proposes a change to “%(title)s”") % {"name": order.proposed_by.name, "title": contract.title}
    body = _("Nothing changes until you accept it; you may also reject it.")
    _send(order, other, "change_order_proposed", title, body)


def answered(order: ChangeOrder, *, by: User, funding_needed: bool) -> None:
    """The proposer learns the answer. A client whose added milestones were accepted is asked to fund them; a
    client who accepted the freelancer's additions is on the page with the fund form already."""
    contract = order.contract
    said = {"name": by.name, "title": contract.title}
    if order.status == ChangeOrder.Status.ACCEPTED:
        title = _("%(name)s accepted your change to “%(title)s”") % said
        body = _("The plan is updated.")
    else:
        title = _("%(name)s rejected your change to “%(title)s”") % said
        body = _("The plan stays as it was.")
    if order.answer_note:
        body += "\n\n“" + order.answer_note + "”"
    if funding_needed and order.proposed_by_id == contract.client_id:
        body += "\n\n" + _("Fund the new milestones so that work on them can start.")
    if order.proposed_by_id != by.pk:
        _send(order, order.proposed_by, "change_order_answered", title, body)
