"""Telling the parties about a dispute, in the step's own transaction (a rolled-back step tells nobody), as
each person's notification preferences for disputes allow."""

from typing import Any

from django.utils.translation import gettext_noop as _

from openhour.contracts.disputes.models import Dispute
from openhour.lib.process import CLIENT, FREELANCER
from openhour.messaging.notifications.said import Moment, Money, Said, said
from openhour.messaging.notifications.services import notification_send


def _send(
    dispute: Dispute, step: str, people: list[Any], title: Said, body: Said, kind: str = "dispute_decided"
) -> None:
    for person in people:
        notification_send(
            user=person,
            kind=kind,
            title=title,
            body=body,
            url=f"/disputes/{dispute.pk}",
            source=f"dispute:{dispute.pk}:{step}",
        )


def _both(dispute: Dispute) -> list[Any]:
    contract = dispute.milestone.contract
    return [contract.client, contract.freelancer]


def _due(dispute: Dispute) -> Moment | str:
    """The deadline in the reader's time zone, named, as the two parties may live apart."""
    return Moment(dispute.due_at, "DATETIME_FORMAT", named=True) if dispute.due_at else ""


def opened(dispute: Dispute) -> None:
    """Tell the other side: they have until the deadline to answer, or they lose by default."""
    contract = dispute.milestone.contract
    other = contract.freelancer if dispute.opener_role == CLIENT else contract.client
    title = said(
        _("%(name)s opened a dispute on “%(milestone)s”: give your side"),
        name=dispute.opened_by.name,
        milestone=dispute.milestone.title,
    )
    body = said(
        _(
            "The money stays in escrow. Give your side, with any evidence, by %(when)s: if you do not answer, the "
            "dispute is decided for them."
        ),
        when=_due(dispute),
    )
    _send(dispute, "open", [other], title, body, "dispute_opened")


def decided(dispute: Dispute) -> None:
    """Tell both sides the decision is there to read (and, unless final, to appeal)."""
    title = said(_("The dispute on “%(milestone)s” is decided"), milestone=dispute.milestone.title)
    if dispute.final_decided_by_id:
        body = said(_("The appeal is decided, and this decision is final."))
    else:
        body = said(
            _("Read the decision. Either of you may appeal it once, by %(when)s; otherwise it is carried out."),
            when=_due(dispute),
        )
    _send(dispute, "decided-final" if dispute.final_decided_by_id else "decided", _both(dispute), title, body)


def reminder(dispute: Dispute, *, silent: set[str]) -> None:
    """A day before the deadline, to a side that has not answered: silence loses the dispute."""
    contract = dispute.milestone.contract
    people = [
        person for role, person in ((CLIENT, contract.client), (FREELANCER, contract.freelancer)) if role in silent
    ]
    title = said(
        _("The dispute on “%(milestone)s” is decided against you tomorrow unless you answer"),
        milestone=dispute.milestone.title,
    )
    body = said(
        _(
            "You have not yet given your side. Answer by %(when)s, with any evidence: if you do not, the dispute "
            "is decided against you by default."
        ),
        when=_due(dispute),
    )
    _send(dispute, "remind", people, title, body, "dispute_opened")


def appealed(dispute: Dispute) -> None:
    """Tell both sides a different operator now decides, and that nothing moves until then."""
    title = said(_("The decision on “%(milestone)s” is appealed"), milestone=dispute.milestone.title)
    body = said(
        _("A different operator decides again, and that decision is final; the money stays in escrow until then.")
    )
    _send(dispute, "appeal", _both(dispute), title, body)


def settled(dispute: Dispute, *, held: int) -> None:
    """Tell both sides the money has moved as decided."""
    contract = dispute.milestone.contract
    release = dispute.release or 0
    title = said(_("The dispute on “%(milestone)s” is settled"), milestone=dispute.milestone.title)
    body = said(
        _("%(paid)s is released to %(freelancer)s (before the service fee) and %(back)s goes back to %(client)s."),
        paid=Money(release, contract.currency),
        freelancer=contract.freelancer.name,
        back=Money(held - release, contract.currency),
        client=contract.client.name,
    )
    _send(dispute, "settle", _both(dispute), title, body)
