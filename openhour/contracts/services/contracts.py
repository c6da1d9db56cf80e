"""Writes for contracts: start one (the single way a hire, an Hourlie order or a direct offer makes its rows),
fund, release and refund milestones, end it. Each money step finds who is asking, then calls the escrow
service that applies the transition and moves the money together."""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.contracts.models import Contract, ContractTimer, Milestone, MilestoneTimer
from openhour.jobs.models import Project, Proposal
from openhour.lib.errors import Conflict, InvalidInput, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import CLIENT, timers_cancel, transition
from openhour.messaging.notifications.events import notify_step
from openhour.money.fees import current_schedule
from openhour.money.models import Payment
from openhour.money.services import escrow, payments
from openhour.reviews.services.rounds import round_open
from openhour.webhooks.services import events as webhooks

DEFAULT_TIME_ZONE = "Europe/London"  # whose Sunday midnight closes an hourly contract's week, unless one is chosen

# Statuses in which escrow holds a milestone's money.
HELD = (
    Milestone.Status.FUNDED,
    Milestone.Status.SUBMITTED,
    Milestone.Status.CHANGES_REQUESTED,
    Milestone.Status.DISPUTED,
)


def role_or_404(contract: Contract | None, by: User, missing: str) -> str:
    """The part `by` plays in the contract; outsiders (and a contract that does not exist) get `missing`, a 404."""
    role = contract.role_of(by) if contract is not None else None
    if role is None:
        raise NotFound(missing)
    return role


def _milestone_and_actor(milestone_id: int | str, by: User) -> tuple[Milestone, str]:
    """The milestone and the part `by` plays in its contract; anyone else is told it does not exist."""
    missing = _("No such milestone.")
    pk = pk_or_404(milestone_id, missing)
    milestone = Milestone.objects.select_related("contract").filter(pk=pk).first()
    if milestone is None:
        raise NotFound(missing)
    return milestone, role_or_404(milestone.contract, by, missing)


@dataclass(frozen=True)
class Funding:
    milestone: Milestone
    payment: Payment | None  # for a card: succeeded, or waiting for the payer's confirmation


def milestone_fund(
    *, milestone_id: int | str, by: User, method: str, card_token: str = "", idempotency_key: str = ""
) -> Funding:
    """The client moves the milestone and the client fee into escrow, from their wallet or a card."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    require_verified_email(by)
    _check_takes_money(milestone.contract)
    if method == "card":
        payment = payments.milestone_card_fund(
            milestone=milestone, by=by, card_token=card_token, idempotency_key=idempotency_key
        )
        milestone.refresh_from_db()
        funding_timers_update(contract_id=milestone.contract_id)
        return Funding(milestone=milestone, payment=payment)
    if method != "wallet":
        raise InvalidInput(_("Pay from your wallet or by card."), fields={"method": [_("wallet or card")]})
    funded = escrow.escrow_fund(milestone_id=milestone.pk, actor=actor, by=by)
    funding_timers_update(contract_id=milestone.contract_id)
    return Funding(milestone=funded, payment=None)


# Why a contract that is not active takes no money, said for each status (escrow refuses again under lock).
NOT_ACTIVE: dict[str, Any] = {
    Contract.Status.OFFERED: gettext_lazy(
        "This contract is still an offer: it can be funded once the freelancer accepts it."
    ),
    Contract.Status.DECLINED: gettext_lazy("The freelancer declined this offer, so nothing is paid into it."),
    Contract.Status.WITHDRAWN: gettext_lazy("This offer was withdrawn, so nothing is paid into it."),
}


def _check_takes_money(contract: Contract) -> None:
    if contract.status in NOT_ACTIVE:
        raise Conflict(NOT_ACTIVE[contract.status], code=f"contract_{contract.status}")


def milestone_release(*, milestone_id: int | str, by: User, note: str = "") -> Milestone:
    """The client approves: escrow goes to the freelancer, less the tiered service fee."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    return escrow.escrow_release(milestone_id=milestone.pk, actor=actor, by=by, note=note)


def milestone_refund(*, milestone_id: int | str, by: User, note: str = "") -> Milestone:
    """The freelancer (or an operator) gives the escrow back to the client, with the client fee."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    return escrow.escrow_refund(milestone_id=milestone.pk, actor=actor, by=by, note=note)


def milestone_split(*, milestone_id: int | str, by: User, release: Any, note: str) -> Milestone:
    """An operator settles a milestone: part to the freelancer, the rest back to the client. The table says
    who may (an operator) and from which status, so a wrong status is a 409 for anyone who can see it."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    return escrow.escrow_split(milestone_id=milestone.pk, release=release, by=by, note=note, actor=actor)


def contract_end(*, contract_id: int | str, by: User, note: str = "") -> Contract:
    """Either party (or an operator, with a reason) ends a contract once escrow holds nothing for it:
    every milestone is released, refunded, split or was never funded. Unfunded milestones can then no
    longer be funded."""
    with transaction.atomic():
        contract, actor = contract_locked_for(contract_id, by)
        held = contract.milestones.filter(status__in=HELD).values_list("title", flat=True)
        if contract.status == Contract.Status.ACTIVE and held:
            raise Conflict(
                _("Money is still held in escrow for %(titles)s: release or refund it first.")
                % {"titles": ", ".join(f"“{title}”" for title in held)},
                code="escrow_held",
            )
        if contract.status == Contract.Status.ACTIVE:
            _refuse_unsettled_hours(contract)
        contract_finish(contract=contract, actor=actor, by=by, note=note)
    return contract


def _refuse_unsettled_hours(contract: Contract) -> None:
    """Hours still logged, in review or approved but unpaid would be lost to the freelancer by ending now."""
    from openhour.contracts.hourly.models import TimesheetWeek  # the hourly app builds on this module

    if TimesheetWeek.objects.filter(
        contract=contract, status__in=[TimesheetWeek.Status.OPEN, TimesheetWeek.Status.IN_REVIEW]
    ).exists():
        raise Conflict(
            _("Hours are still being logged or reviewed: approve or dispute them first."), code="hours_unreviewed"
        )
    if contract.milestones.filter(release_on_funding=True, status=Milestone.Status.AWAITING_FUNDING).exists():
        raise Conflict(_("Approved hours wait for payment: pay them first."), code="hours_unpaid")


def contract_lock(contract_id: int | str) -> Contract:
    """The contract, locked. Its pending timers are locked first, as the timer worker does (claim a timer,
    then lock the contract), so a person's step and a firing timer queue up instead of deadlocking."""
    pk = pk_or_404(contract_id, _("No such contract."))
    list(ContractTimer.objects.select_for_update().filter(contract_id=pk, fired_at=None, cancelled_at=None))
    contract = Contract.objects.select_for_update().filter(pk=pk).first()
    if contract is None:
        raise NotFound(_("No such contract."))
    return contract


def contract_locked_for(contract_id: int | str, by: User) -> tuple[Contract, str]:
    """The contract, locked, and the part `by` plays in it; anyone but its parties and operators gets a 404."""
    contract = contract_lock(contract_id)
    return contract, role_or_404(contract, by, _("No such contract."))


@dataclass(frozen=True)
class ContractTerms:
    """What the parties agree to before the contract exists; an hourly one adds a rate, a limit and a zone."""

    title: str
    currency: str
    revisions: int = field(default_factory=lambda: settings.REVISIONS_DEFAULT)
    kind: str = Contract.Kind.FIXED
    hourly_rate: int | None = None
    weekly_limit: int | None = None
    time_zone: str = DEFAULT_TIME_ZONE
    offer_message: str = ""


@dataclass(frozen=True)
class MilestoneTerms:
    """One milestone as agreed before the contract exists: in a proposal, an Hourlie order or an offer."""

    title: str
    amount: int
    due_in_days: int
    criteria: str = ""


def contract_start(
    *,
    client: User,
    freelancer: User,
    terms: ContractTerms,
    milestones: Sequence[MilestoneTerms],
    project: Project | None = None,
    proposal: Proposal | None = None,
    offered: bool = False,
) -> Contract:
    """Every contract starts here (a hire, an Hourlie order, a direct offer), in the caller's transaction:
    the contract under today's fee schedule, its milestones in order awaiting funding, and the client's first
    event ("start", which tells the freelancer they are hired). Work begins at once, unless it is an offer
    (`offered`): that waits for the freelancer's answer, and accepting it begins the work."""
    status = Contract.Status.OFFERED if offered else Contract.Status.ACTIVE
    with transaction.atomic(savepoint=False):
        contract = Contract.objects.create(
            client=client,
            freelancer=freelancer,
            project=project,
            proposal=proposal,
            status=status,
            fee_schedule_version=current_schedule().version,
            **asdict(terms),
        )
        rows = (Milestone.of(contract, position=n, **asdict(m)) for n, m in enumerate(milestones))
        Milestone.objects.bulk_create(rows)
        action = "offer" if offered else "start"
        notify_step(contract.events.create(actor=CLIENT, by=client, action=action, from_status="", to_status=status))
        if not offered:
            contract_begin(contract=contract)
    return contract


def contract_begin(*, contract: Contract) -> None:
    """Work starts (a hire, an order, an accepted offer): each milestone's due date counts from today, and
    the reminders to fund it and of its deadlines are set."""
    now = timezone.now()
    contract.started_at = now
    contract.save(update_fields=["started_at", "updated_at"])
    for milestone in contract.milestones.all():
        milestone.due_on = (now + timedelta(days=milestone.due_in_days)).date()
        milestone.save(update_fields=["due_on", "updated_at"])
    work_timers_schedule(contract=contract, now=now)
    webhooks.emit("contract.started", about=contract, audience=webhooks.parties(contract))


def contract_finish(*, contract: Contract, actor: str, by: User | None = None, note: str = "") -> Contract:
    """End a contract whose row the caller has locked: completed if any work was paid for, else cancelled.
    A completed contract opens its review round, which invites both parties to review."""
    transition(obj=contract, action="end", actor=actor, by=by, note=note)
    paid = contract.milestones.filter(released__gt=0).exists()
    contract.outcome = Contract.Outcome.COMPLETED if paid else Contract.Outcome.CANCELLED
    contract.ended_at = timezone.now()
    contract.save(update_fields=["outcome", "ended_at", "updated_at"])
    timers_cancel(obj=contract)
    # Nothing is held once a contract ends, so no deadline of its milestones applies any more.
    pending = MilestoneTimer.objects.filter(milestone__contract=contract, fired_at=None, cancelled_at=None)
    pending.update(cancelled_at=contract.ended_at)
    from openhour.contracts.change_orders.services import change_orders_lapse  # local: change_orders imports us

    change_orders_lapse(contract=contract)
    if contract.reviewable:
        round_open(contract=contract)
    return contract


# ---- timers of work: reminders to fund, cancelling a contract never funded, deadlines ------------------


def work_timers_schedule(*, contract: Contract, now: datetime) -> None:
    """When work begins: on a fixed contract, reminders to fund it and, at UNFUNDED_CANCEL_DAYS, the end of a
    contract never funded; on every milestone, a reminder of its deadline (contracts.timers fires them)."""
    if contract.kind == Contract.Kind.FIXED:
        cancel_at = now + timedelta(days=settings.UNFUNDED_CANCEL_DAYS)
        reminders = [now + timedelta(days=day) for day in settings.UNFUNDED_REMINDER_DAYS if day > 0]
        ContractTimer.objects.bulk_create(
            [ContractTimer(contract=contract, action="remind_funding", due_at=at) for at in reminders if at < cancel_at]
            + [ContractTimer(contract=contract, action="cancel_unfunded", due_at=cancel_at)]
        )
    for milestone in contract.milestones.all():
        deadline_timer_schedule(milestone=milestone, now=now)


def deadline_timer_schedule(*, milestone: Milestone, now: datetime | None = None) -> None:
    """A reminder to both parties DEADLINE_REMINDER_DAYS before the milestone's due date, unless that is past."""
    now = now or timezone.now()
    if milestone.due_on is None:
        return
    day = milestone.due_on - timedelta(days=settings.DEADLINE_REMINDER_DAYS)
    due_at = datetime.combine(day, now.astimezone(UTC).time(), tzinfo=UTC)
    if due_at > now:
        MilestoneTimer.objects.create(milestone=milestone, action="deadline", due_at=due_at)


def funding_timers_update(*, contract_id: int) -> None:
    """After a funding: a contract with money in it is never cancelled as unfunded, and once nothing awaits
    funding the reminders stop (each timer also checks again when it fires)."""
    milestones = Milestone.objects.filter(contract_id=contract_id)
    done = [] if not ever_funded(milestones) else ["cancel_unfunded"]
    if not milestones.filter(status=Milestone.Status.AWAITING_FUNDING).exists():
        done.append("remind_funding")
    pending = ContractTimer.objects.filter(contract_id=contract_id, fired_at=None, cancelled_at=None)
    pending.filter(action__in=done).update(cancelled_at=timezone.now())


def ever_funded(milestones: Any) -> bool:
    """Whether any of these milestones was ever paid into escrow (refunded ones count)."""
    return milestones.exclude(status__in=(Milestone.Status.AWAITING_FUNDING, Milestone.Status.REMOVED)).exists()
