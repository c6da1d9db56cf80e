"""E-mails of change orders, sent after commit (a rolled-back step never mails anyone) as the person's
notification preference for change orders allows."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from openhour.contracts.change_orders.models import ChangeOrder
from openhour.messaging.notifications.services import email_if_wanted


def _send(subject: str, body: str, to: Any, kind: str = "change_order_answered") -> None:
    email_if_wanted(user=to, kind=kind, subject=subject, body=body)


def _link(order: ChangeOrder) -> str:
    return f"{settings.SITE_URL}/contracts/{order.contract_id}#change-orders"


def proposed(order: ChangeOrder) -> None:
    """The other party learns a change waits for their answer."""
    contract = order.contract
    other = contract.freelancer if order.proposed_by_id == contract.client_id else contract.client
    body = _(
        "%(name)s proposes a change to “%(title)s”. Nothing changes until you accept it; you may also reject "
        "it.\n\n%(link)s"
    ) % {"name": order.proposed_by.name, "title": contract.title, "link": _link(order)}
    _send(_("A change to your contract waits for your answer"), body, other, "change_order_proposed")


def answered(order: ChangeOrder, *, funding_needed: bool) -> None:
    """The proposer learns the answer; after an acceptance that added milestones, the client is asked to fund."""
    contract = order.contract
    texts = {
        ChangeOrder.Status.ACCEPTED: _("Your change to “%(title)s” was accepted: the plan is updated."),
        ChangeOrder.Status.REJECTED: _("Your change to “%(title)s” was rejected: the plan stays as it was."),
    }
    body = texts[ChangeOrder.Status(order.status)] % {"title": contract.title}
    if order.answer_note:
        body += "\n\n“" + order.answer_note + "”"
    _send(_("Your change was answered"), f"{body}\n\n{_link(order)}", order.proposed_by)
    if funding_needed:
        fund = _("New milestones on “%(title)s” wait for you to fund them before work on them starts.\n\n%(link)s")
        _send(_("Fund the new milestones"), fund % {"title": contract.title, "link": _link(order)}, contract.client)
