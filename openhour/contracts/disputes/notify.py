"""E-mails about a dispute, sent after commit so a rolled-back step never mails anyone."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from openhour.contracts.disputes.models import Dispute
from openhour.lib.process import CLIENT


def _send(subject: str, body: str, emails: list[str]) -> None:
    transaction.on_commit(lambda: send_mail(subject, body, None, emails))


def opened(dispute: Dispute) -> None:
    """Tell the other side: they have until the deadline to answer, or they lose by default."""
    contract = dispute.milestone.contract
    other = contract.freelancer if dispute.opener_role == CLIENT else contract.client
    when = dispute.due_at.strftime("%d %B %Y, %H:%M UTC") if dispute.due_at else ""
    body = _(
        "%(name)s disputes “%(title)s”. The money stays in escrow. Give your side, with any evidence, by "
        "%(when)s: if you do not answer, the dispute is decided for them.\n\n%(link)s"
    ) % {"name": dispute.opened_by.name, "title": dispute.milestone.title, "when": when, "link": _link(dispute)}
    _send(_("A dispute needs your answer"), body, [other.email])


def decided(dispute: Dispute) -> None:
    """Tell both sides the decision is there to read (and, unless final, to appeal)."""
    contract = dispute.milestone.contract
    body = _("The dispute on “%(title)s” is decided. Read the decision:\n\n%(link)s") % {
        "title": dispute.milestone.title, "link": _link(dispute),
    }  # fmt: skip
    _send(_("A dispute is decided"), body, [contract.client.email, contract.freelancer.email])


def _link(dispute: Dispute) -> str:
    return f"{settings.SITE_URL}/disputes/{dispute.pk}"
