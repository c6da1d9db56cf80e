"""Who hears of the plain process steps (proposals, hiring, milestones, payouts) and of invitations.

The service that takes a step says so in its body: it passes the event row it wrote to `notify_step`
(an invitation to `notify_invited`), inside its own transaction, so a step that rolls back notifies nobody.
`RULES` maps (event model, action) to who hears about it, as which kind, with what title and link; an event
without a rule tells nobody. Steps whose notice carries details only the step knows (offers, change orders,
disputes, time sheets, reminders, review rounds) call `notification_send` themselves.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as _

from openhour.contracts.models import ContractEvent, MilestoneEvent
from openhour.jobs.models import Invitation, ProposalEvent
from openhour.lib.process import ProcessEvent
from openhour.messaging.notifications.said import Money, Said, said
from openhour.messaging.notifications.services import notification_send
from openhour.money.models import PayoutEvent


@dataclass(frozen=True)
class Notice:
    user: Any
    kind: str
    title: Said
    url: str


Rule = Callable[[Any], list[Notice]]


def _name(event: Any) -> str | Said:
    return event.by.name if event.by_id else said(_("Someone"))


# ---- projects and proposals ------------------------------------------------------------------------


def _invited(invitation: Invitation) -> list[Notice]:
    project = invitation.project
    title = said(
        _("%(name)s invited you to send a proposal for “%(title)s”"),
        name=invitation.invited_by.name,
        title=project.title,
    )
    return [Notice(invitation.freelancer, "invited", title, f"/projects/{project.pk}")]


def _proposal_sent(event: ProposalEvent) -> list[Notice]:
    proposal = event.proposal
    title = said(_("%(name)s sent a proposal for “%(title)s”"), name=_name(event), title=proposal.project.title)
    return [Notice(proposal.project.client, "proposal_received", title, f"/proposals/{proposal.pk}")]


def _proposal_declined(event: ProposalEvent) -> list[Notice]:
    proposal = event.proposal
    title = said(_("Your proposal for “%(title)s” was declined"), title=proposal.project.title)
    return [Notice(proposal.freelancer, "proposal_declined", title, f"/proposals/{proposal.pk}")]


# ---- contracts and offers --------------------------------------------------------------------------


def _hired(event: ContractEvent) -> list[Notice]:
    contract = event.contract
    title = said(_("%(name)s hired you for “%(title)s”"), name=contract.client.name, title=contract.title)
    return [Notice(contract.freelancer, "hired", title, f"/contracts/{contract.pk}")]


# ---- milestones ------------------------------------------------------------------------------------

# action: (kind, who hears of it, title)
MILESTONE_TITLES = {
    "fund": (
        "milestone_funded",
        "freelancer",
        gettext_lazy("“%(milestone)s” of “%(contract)s” is funded: work can start"),
    ),
    "submit": ("milestone_delivered", "client", gettext_lazy("%(name)s delivered “%(milestone)s”: please review it")),
    "request_changes": (
        "changes_requested",
        "freelancer",
        gettext_lazy("%(name)s asks for changes to “%(milestone)s”"),
    ),
    "release": ("milestone_released", "freelancer", gettext_lazy("Payment for “%(milestone)s” was released to you")),
    "refund": ("milestone_refunded", "client", gettext_lazy("“%(milestone)s” of “%(contract)s” was refunded to you")),
}


def _milestone(event: MilestoneEvent) -> list[Notice]:
    kind, role, text = MILESTONE_TITLES[event.action]
    milestone = event.milestone
    contract = milestone.contract
    title = said(text, name=_name(event), milestone=milestone.title, contract=contract.title)
    to = contract.freelancer if role == "freelancer" else contract.client
    return [Notice(to, kind, title, f"/contracts/{contract.pk}")]


# ---- payouts ---------------------------------------------------------------------------------------


def _payout(event: PayoutEvent) -> list[Notice]:
    payout = event.payout
    amount = Money(payout.amount, payout.currency)
    if event.action == "send":
        title = said(_("Your payout of %(amount)s is on its way"), amount=amount)
        return [Notice(payout.owner, "payout_sent", title, "/wallet/payouts")]
    title = said(_("Your payout of %(amount)s failed: the money is back in your wallet"), amount=amount)
    return [Notice(payout.owner, "payout_failed", title, "/wallet/payouts")]


RULES: dict[tuple[type[Model], str], Rule] = {
    (ProposalEvent, "send"): _proposal_sent,
    (ProposalEvent, "decline"): _proposal_declined,
    (ContractEvent, "start"): _hired,
    **{(MilestoneEvent, action): _milestone for action in MILESTONE_TITLES},
    (PayoutEvent, "send"): _payout,
    (PayoutEvent, "fail"): _payout,
}


def notify_step(event: ProcessEvent) -> None:
    """Tell whoever `RULES` names about the step `event` records; called by the service that wrote it."""
    rule = RULES.get((type(event), event.action))
    if rule is not None:
        _deliver(rule(event), source=f"{event._meta.model_name}:{event.pk}", by_id=event.by_id)


def notify_invited(invitation: Invitation) -> None:
    """Tell the freelancer a client invited them; called by the service that made the invitation."""
    _deliver(_invited(invitation), source=f"invitation:{invitation.pk}", by_id=invitation.invited_by_id)


def _deliver(notices: list[Notice], *, source: str, by_id: int | None) -> None:
    for notice in notices:
        if notice.user.pk != by_id:  # nobody is told about their own step
            notification_send(user=notice.user, kind=notice.kind, title=notice.title, url=notice.url, source=source)
