"""Where notifications come from: each process's event rows (and invitations), read as they are saved.

Receivers run inside the transaction that wrote the event, so a step that rolls back notifies nobody.
`RULES` maps (event model, action) to who hears about it, as which kind, with what title and link: the
other party of whoever acted, or, for steps the system or an operator takes, the people it concerns.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.db.models.signals import post_save
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openhour.contracts.change_orders.models import ChangeOrderEvent
from openhour.contracts.disputes.models import DisputeEvent
from openhour.contracts.hourly.models import WeekEvent
from openhour.contracts.models import Contract, ContractEvent, MilestoneEvent
from openhour.jobs.models import Invitation, ProposalEvent
from openhour.messaging.notifications.services import notification_send
from openhour.money.models import PayoutEvent


@dataclass(frozen=True)
class Notice:
    user: Any
    kind: str
    title: str
    url: str


Rule = Callable[[Any], list[Notice]]


def _other(contract: Contract, by_id: int | None) -> Any:
    """The party who did not act; None when an operator or the system acted."""
    if by_id == contract.client_id:
        return contract.freelancer
    if by_id == contract.freelancer_id:
        return contract.client
    return None


def _name(event: Any) -> str:
    return event.by.name if event.by_id else _("Someone")


# ---- projects and proposals ------------------------------------------------------------------------


def _invited(invitation: Invitation) -> list[Notice]:
    project = invitation.project
    title = _("%(name)s invited you to send a proposal for “%(title)s”") % {
        "name": invitation.invited_by.name, "title": project.title,
    }  # fmt: skip
    return [Notice(invitation.freelancer, "invited", title, f"/projects/{project.pk}")]


def _proposal_sent(event: ProposalEvent) -> list[Notice]:
    proposal = event.proposal
    title = _("%(name)s sent a proposal for “%(title)s”") % {"name": _name(event), "title": proposal.project.title}
    return [Notice(proposal.project.client, "proposal_received", title, f"/proposals/{proposal.pk}")]


def _proposal_declined(event: ProposalEvent) -> list[Notice]:
    proposal = event.proposal
    title = _("Your proposal for “%(title)s” was declined") % {"title": proposal.project.title}
    return [Notice(proposal.freelancer, "proposal_declined", title, f"/proposals/{proposal.pk}")]


# ---- contracts and offers --------------------------------------------------------------------------


def _hired(event: ContractEvent) -> list[Notice]:
    contract = event.contract
    title = _("%(name)s hired you for “%(title)s”") % {"name": contract.client.name, "title": contract.title}
    return [Notice(contract.freelancer, "hired", title, f"/contracts/{contract.pk}")]


def _offered(event: ContractEvent) -> list[Notice]:
    contract = event.contract
    title = _("%(name)s offers you a contract: “%(title)s”") % {"name": contract.client.name, "title": contract.title}
    return [Notice(contract.freelancer, "offer_received", title, f"/contracts/{contract.pk}")]


def _offer_answered(event: ContractEvent) -> list[Notice]:
    contract = event.contract
    said = {"name": contract.freelancer.name, "title": contract.title}
    title = (
        _("%(name)s accepted your offer “%(title)s”") if event.action == "accept"
        else _("%(name)s declined your offer “%(title)s”")
    ) % said  # fmt: skip
    return [Notice(contract.client, "offer_answered", title, f"/contracts/{contract.pk}")]


# ---- milestones ------------------------------------------------------------------------------------

# action: (kind, who hears of it, title)
MILESTONE_TITLES = {
    "fund": (
        "milestone_funded", "freelancer", gettext_lazy("“%(milestone)s” of “%(contract)s” is funded: work can start")
    ),
    "submit": (
        "milestone_delivered", "client", gettext_lazy("%(name)s delivered “%(milestone)s”: please review it")
    ),
    "request_changes": (
        "changes_requested", "freelancer", gettext_lazy("%(name)s asks for changes to “%(milestone)s”")
    ),
    "release": (
        "milestone_released", "freelancer", gettext_lazy("Payment for “%(milestone)s” was released to you")
    ),
    "refund": (
        "milestone_refunded", "client", gettext_lazy("“%(milestone)s” of “%(contract)s” was refunded to you")
    ),
}  # fmt: skip


def _milestone(event: MilestoneEvent) -> list[Notice]:
    kind, role, text = MILESTONE_TITLES[event.action]
    milestone = event.milestone
    contract = milestone.contract
    title = str(text) % {"name": _name(event), "milestone": milestone.title, "contract": contract.title}
    to = contract.freelancer if role == "freelancer" else contract.client
    return [Notice(to, kind, title, f"/contracts/{contract.pk}")]


# ---- change orders, disputes, time sheets, payouts ---------------------------------------------------


def _change_proposed(event: ChangeOrderEvent) -> list[Notice]:
    contract = event.change_order.contract
    to = _other(contract, event.change_order.proposed_by_id)
    title = _("%(name)s proposes a change to “%(title)s”") % {"name": _name(event), "title": contract.title}
    return [Notice(to, "change_order_proposed", title, f"/contracts/{contract.pk}#change-orders")] if to else []


def _change_answered(event: ChangeOrderEvent) -> list[Notice]:
    order = event.change_order
    said = {"name": _name(event), "title": order.contract.title}
    title = (
        _("%(name)s accepted your change to “%(title)s”") if event.action == "accept"
        else _("%(name)s rejected your change to “%(title)s”")
    ) % said  # fmt: skip
    return [Notice(order.proposed_by, "change_order_answered", title, f"/contracts/{order.contract_id}#change-orders")]


def _dispute_opened(event: DisputeEvent) -> list[Notice]:
    dispute = event.dispute
    contract = dispute.milestone.contract
    to = _other(contract, dispute.opened_by_id)
    title = _("%(name)s opened a dispute on “%(milestone)s”: give your side") % {
        "name": _name(event), "milestone": dispute.milestone.title,
    }  # fmt: skip
    return [Notice(to, "dispute_opened", title, f"/disputes/{dispute.pk}")] if to else []


def _dispute_decided(event: DisputeEvent) -> list[Notice]:
    dispute = event.dispute
    contract = dispute.milestone.contract
    title = _("The dispute on “%(milestone)s” is decided") % {"milestone": dispute.milestone.title}
    return [Notice(person, "dispute_decided", title, f"/disputes/{dispute.pk}") for person in (
        contract.client, contract.freelancer)]  # fmt: skip


def _hours_to_review(event: WeekEvent) -> list[Notice]:
    contract = event.week.contract
    title = _("%(name)s’s hours for the week of %(day)s wait for your review") % {
        "name": contract.freelancer.name, "day": event.week.starts_on.isoformat(),
    }  # fmt: skip
    return [Notice(contract.client, "hours_to_review", title, f"/contracts/{contract.pk}")]


def _payout(event: PayoutEvent) -> list[Notice]:
    from openhour.lib.money import format_money

    payout = event.payout
    said = {"amount": format_money(payout.amount, payout.currency)}
    if event.action == "send":
        title = _("Your payout of %(amount)s is on its way") % said
        return [Notice(payout.owner, "payout_sent", title, "/wallet/payouts")]
    title = _("Your payout of %(amount)s failed: the money is back in your wallet") % said
    return [Notice(payout.owner, "payout_failed", title, "/wallet/payouts")]


RULES: dict[tuple[type[Model], str], Rule] = {
    (ProposalEvent, "send"): _proposal_sent,
    (ProposalEvent, "decline"): _proposal_declined,
    (ContractEvent, "start"): _hired,
    (ContractEvent, "offer"): _offered,
    (ContractEvent, "accept"): _offer_answered,
    (ContractEvent, "decline"): _offer_answered,
    **{(MilestoneEvent, action): _milestone for action in MILESTONE_TITLES},
    (ChangeOrderEvent, "propose"): _change_proposed,
    (ChangeOrderEvent, "accept"): _change_answered,
    (ChangeOrderEvent, "reject"): _change_answered,
    (DisputeEvent, "open"): _dispute_opened,
    (DisputeEvent, "decide"): _dispute_decided,
    (DisputeEvent, "default"): _dispute_decided,
    (DisputeEvent, "decide_appeal"): _dispute_decided,
    (WeekEvent, "close"): _hours_to_review,
    (PayoutEvent, "send"): _payout,
    (PayoutEvent, "fail"): _payout,
}
EVENT_MODELS = sorted({model for model, _action in RULES}, key=lambda model: model.__name__)


def _deliver(notices: list[Notice], *, source: str, by_id: int | None) -> None:
    for notice in notices:
        if notice.user.pk != by_id:  # nobody is told about their own step
            notification_send(user=notice.user, kind=notice.kind, title=notice.title, url=notice.url, source=source)


def on_event(sender: type[Model], instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    rule = RULES.get((sender, instance.action))
    if created and not raw and rule is not None:
        _deliver(rule(instance), source=f"{sender._meta.model_name}:{instance.pk}", by_id=instance.by_id)


def on_invitation(sender: type[Model], instance: Invitation, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if created and not raw:
        _deliver(_invited(instance), source=f"invitation:{instance.pk}", by_id=instance.invited_by_id)


def connect() -> None:
    for model in EVENT_MODELS:
        post_save.connect(on_event, sender=model, dispatch_uid=f"notify-{model._meta.label_lower}")
    post_save.connect(on_invitation, sender=Invitation, dispatch_uid="notify-invitation")
