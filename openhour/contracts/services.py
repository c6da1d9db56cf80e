"""Writes for contracts: fund, release and refund milestones. Each finds who is asking, then calls the
escrow service that applies the transition and moves the money together."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.contracts.models import Contract, Milestone
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, timers_cancel, transition
from openhour.money import escrow, payments
from openhour.money.models import Payment

# Statuses in which escrow holds a milestone's money.
HELD = (
    Milestone.Status.FUNDED, Milestone.Status.SUBMITTED, Milestone.Status.CHANGES_REQUESTED,
    Milestone.Status.DISPUTED,
)  # fmt: skip


def _milestone_and_actor(milestone_id: int | str, by: User) -> tuple[Milestone, str]:
    """The milestone and the part `by` plays in its contract; anyone else is told it does not exist."""
    milestone = (
        Milestone.objects.select_related("contract").filter(pk=pk_or_404(milestone_id, _("No such milestone."))).first()
    )
    if milestone is None:
        raise NotFound(_("No such milestone."))
    contract = milestone.contract
    if by.pk == contract.client_id:
        return milestone, CLIENT
    if by.pk == contract.freelancer_id:
        return milestone, FREELANCER
    if by.is_staff:
        return milestone, OPERATOR
    raise NotFound(_("No such milestone."))


@dataclass(frozen=True)
class Funding:
    milestone: Milestone
    payment: Payment | None  # for a card: succeeded, or waiting for the payer's confirmation


def milestone_fund(
    *, milestone_id: int | str, by: User, method: str, card_token: str = "", idempotency_key: str = ""
) -> Funding:  # fmt: skip
    """The client moves the milestone and the client fee into escrow, from their wallet or a card."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    require_verified_email(by)
    if method == "card":
        payment = payments.milestone_card_fund(
            milestone=milestone, by=by, card_token=card_token, idempotency_key=idempotency_key
        )
        milestone.refresh_from_db()
        return Funding(milestone=milestone, payment=payment)
    if method != "wallet":
        raise InvalidInput(_("Pay from your wallet or by card."), fields={"method": [_("wallet or card")]})
    return Funding(milestone=escrow.escrow_fund(milestone_id=milestone.pk, actor=actor, by=by), payment=None)


def milestone_release(*, milestone_id: int | str, by: User, note: str = "") -> Milestone:
    """The client approves: escrow goes to the freelancer, less the tiered service fee."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    return escrow.escrow_release(milestone_id=milestone.pk, actor=actor, by=by, note=note)


def milestone_refund(*, milestone_id: int | str, by: User, note: str = "") -> Milestone:
    """The freelancer (or an operator) gives the escrow back to the client, with the client fee."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    return escrow.escrow_refund(milestone_id=milestone.pk, actor=actor, by=by, note=note)


def milestone_split(*, milestone_id: int | str, by: User, release: Any, note: str) -> Milestone:
    """An operator settles a disputed milestone: part to the freelancer, the rest back to the client."""
    milestone, actor = _milestone_and_actor(milestone_id, by)
    if actor != OPERATOR:
        raise NotAllowed(_("Only an operator splits a milestone."))
    return escrow.escrow_split(milestone_id=milestone.pk, release=release, by=by, note=note)


def contract_end(*, contract_id: int | str, by: User, note: str = "") -> Contract:
    """Either party (or an operator, with a reason) ends a contract once escrow holds nothing for it:
    every milestone is released, refunded, split or was never funded. Unfunded milestones can then no
    longer be funded."""
    pk = pk_or_404(contract_id, _("No such contract."))
    with transaction.atomic():
        contract = Contract.objects.select_for_update().filter(pk=pk).first()
        if contract is None or not (by.pk in (contract.client_id, contract.freelancer_id) or by.is_staff):
            raise NotFound(_("No such contract."))
        actor = CLIENT if by.pk == contract.client_id else FREELANCER if by.pk == contract.freelancer_id else OPERATOR
        held = contract.milestones.filter(status__in=HELD).values_list("title", flat=True)
        if contract.status == Contract.Status.ACTIVE and held:
            raise Conflict(
                _("Money is still held in escrow for %(titles)s: release or refund it first.")
                % {"titles": ", ".join(f"“{title}”" for title in held)},
                code="escrow_held",
            )
        contract_finish(contract=contract, actor=actor, by=by, note=note)
    return contract


def contract_begin(*, contract: Contract) -> None:
    """Work starts (a hire, an order, an accepted offer): each milestone's due date counts from today."""
    now = timezone.now()
    contract.started_at = now
    contract.save(update_fields=["started_at", "updated_at"])
    for milestone in contract.milestones.all():
        milestone.due_on = (now + timedelta(days=milestone.due_in_days)).date()
        milestone.save(update_fields=["due_on", "updated_at"])


def contract_finish(*, contract: Contract, actor: str, by: User | None = None, note: str = "") -> Contract:
    """End a contract whose row the caller has locked: completed if any work was paid for, else cancelled.
    Either way both parties may now review each other."""
    transition(obj=contract, action="end", actor=actor, by=by, note=note)
    paid = contract.milestones.filter(released__gt=0).exists()
    contract.outcome = Contract.Outcome.COMPLETED if paid else Contract.Outcome.CANCELLED
    contract.ended_at = timezone.now()
    contract.save(update_fields=["outcome", "ended_at", "updated_at"])
    timers_cancel(obj=contract)
    return contract
