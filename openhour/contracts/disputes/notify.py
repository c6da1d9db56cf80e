"""E-mails about a dispute, sent after commit (a rolled-back step never mails anyone) as each person's
notification preferences for disputes allow."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from openhour.contracts.disputes.models import Dispute
from openhour.lib.money import format_money
from openhour.lib.process import CLIENT, FREELANCER
from openhour.messaging.notifications.services import email_if_wanted


def _send(subject: str, body: str, people: list[Any], kind: str = "dispute_decided") -> None:
    for person in people:
        email_if_wanted(user=person, kind=kind, subject=subject, body=body)


def opened(dispute: Dispute) -> None:
    """Tell the other side: they have until the deadline to answer, or they lose by default."""
    contract = dispute.milestone.contract
    other = contract.freelancer if dispute.opener_role == CLIENT else contract.client
    when = dispute.due_at.strftime("%d %B %Y, %H:%M UTC") if dispute.due_at else ""
    body = _(
        "%(name)s disputes “%(title)s”. The money stays in escrow. Give your side, with any evidence, by "
        "%(when)s: if you do not answer, the dispute is decided for them.\n\n%(link)s"
    ) % {"name": dispute.opened_by.name, "title": dispute.milestone.title, "when": when, "link": _link(dispute)}
    _send(_("A dispute needs your answer"), body, [other], "dispute_opened")


def decided(dispute: Dispute) -> None:
    """Tell both sides the decision is there to read (and, unless final, to appeal)."""
    contract = dispute.milestone.contract
    body = _("The dispute on “%(title)s” is decided. Read the decision:\n\n%(link)s") % {
        "title": dispute.milestone.title, "link": _link(dispute),
    }  # fmt: skip
    _send(_("A dispute is decided"), body, [contract.client, contract.freelancer])


def reminder(dispute: Dispute, *, silent: set[str]) -> None:
    """A day before the deadline, to a side that has not answered: silence loses the dispute."""
    contract = dispute.milestone.contract
    people = [
        person for role, person in ((CLIENT, contract.client), (FREELANCER, contract.freelancer)) if role in silent
    ]
    when = dispute.due_at.strftime("%d %B %Y, %H:%M UTC") if dispute.due_at else ""
    body = _(
        "You have not yet given your side of the dispute on “%(title)s”. Answer by %(when)s, with any evidence: "
        "if you do not, the dispute is decided against you by default.\n\n%(link)s"
    ) % {"title": dispute.milestone.title, "when": when, "link": _link(dispute)}
    if people:
        _send(_("A dispute is decided against you tomorrow unless you answer"), body, people, "dispute_opened")


def appealed(dispute: Dispute) -> None:
    """Tell both sides a different operator now decides, and that nothing moves until then."""
    contract = dispute.milestone.contract
    body = _(
        "The decision on “%(title)s” is appealed. A different operator decides again, and that decision is "
        "final; the money stays in escrow until then.\n\n%(link)s"
    ) % {"title": dispute.milestone.title, "link": _link(dispute)}
    _send(_("A dispute decision is appealed"), body, [contract.client, contract.freelancer])


def settled(dispute: Dispute, *, held: int) -> None:
    """Tell both sides the money has moved as decided."""
    contract = dispute.milestone.contract
    release = dispute.release or 0
    body = _(
        "The dispute on “%(title)s” is settled: %(paid)s is released to %(freelancer)s (before the service fee) "
        "and %(back)s goes back to %(client)s.\n\n%(link)s"
    ) % {
        "title": dispute.milestone.title, "paid": format_money(release, contract.currency),
        "freelancer": contract.freelancer.name, "back": format_money(held - release, contract.currency),
        "client": contract.client.name, "link": _link(dispute),
    }  # fmt: skip
    _send(_("A dispute is settled"), body, [contract.client, contract.freelancer])


def _link(dispute: Dispute) -> str:
    return f"{settings.SITE_URL}/disputes/{dispute.pk}"
