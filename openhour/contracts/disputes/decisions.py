"""Deciding a dispute and carrying the decision out. An operator decides a split with a written decision
(or the system does, when one side stayed silent past the deadline); either party may appeal once within
DISPUTE_APPEAL_DAYS, to a different operator whose decision is final. Money moves only at settlement,
through the escrow services."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.disputes import notify
from openhour.contracts.disputes.access import clean_text, locked, locked_by_ids
from openhour.contracts.disputes.models import Dispute, DisputeTimer
from openhour.lib.errors import InvalidInput, NotAllowed
from openhour.lib.money import format_money, is_whole
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, timers_cancel, transition
from openhour.money.services import escrow
from openhour.webhooks.services import events as webhooks


def dispute_decide(*, dispute_id: int | str, by: User, release: Any, decision: str) -> Dispute:
    """An operator decides: `release` minor units to the freelancer, the rest back to the client. A first
    decision opens the appeal window; a decision on an appeal is final and moves the money at once."""
    decision = clean_text(
        decision, "decision", _("Write the decision both sides will read, in at most 5,000 characters.")
    )
    with transaction.atomic():
        dispute, role = locked(dispute_id, by)
        held = escrow.escrow_account(dispute.milestone).balance
        if dispute.status == Dispute.Status.APPEALED:
            return _decide_appeal(dispute, role=role, by=by, release=release, decision=decision, held=held)
        transition(obj=dispute, action="decide", actor=role, by=by, note=decision)
        _check_release(release, held, dispute.milestone.contract.currency)
        _record(dispute, release=release, decision=decision, by=by)
    return dispute


def _decide_appeal(dispute: Dispute, *, role: str, by: User, release: Any, decision: str, held: int) -> Dispute:
    """The final word, from an operator other than the first decider; the money moves at once."""
    transition(obj=dispute, action="decide_appeal", actor=role, by=by, note=decision)
    if by.pk == dispute.decided_by_id:
        raise NotAllowed(_("A different operator decides an appeal."))
    _check_release(release, held, dispute.milestone.contract.currency)
    dispute.first_release, dispute.first_decision = dispute.release, dispute.decision
    dispute.release, dispute.decision, dispute.final_decided_by = release, decision, by
    dispute.decided_at, dispute.due_at = timezone.now(), None
    dispute.save()
    settle(dispute, actor=OPERATOR, by=by)
    notify.decided(dispute)
    webhooks.emit("dispute.decided", about=dispute, audience=webhooks.parties(dispute.milestone))
    return dispute


def _check_release(release: Any, held: int, currency: str) -> None:
    if not is_whole(release) or not 0 <= release <= held:
        message = _("Release between nothing and the %(held)s held.") % {"held": format_money(held, currency)}
        raise InvalidInput(message, fields={"release": [message]})


def _record(dispute: Dispute, *, release: int, decision: str, by: User | None) -> None:
    """Keep the first decision and start the appeal window, after which the system carries it out."""
    timers_cancel(obj=dispute)
    now = timezone.now()
    dispute.release, dispute.decision, dispute.decided_by, dispute.decided_at = release, decision, by, now
    dispute.due_at = now + timedelta(days=settings.DISPUTE_APPEAL_DAYS)
    dispute.save()
    DisputeTimer.objects.create(dispute=dispute, action="settle", due_at=dispute.due_at)
    notify.decided(dispute)
    webhooks.emit("dispute.decided", about=dispute, audience=webhooks.parties(dispute.milestone))


def settle(dispute: Dispute, *, actor: str, by: User | None) -> None:
    """Move the held money as decided: all to the freelancer, all back to the client, or split."""
    milestone = dispute.milestone
    held = escrow.escrow_account(milestone).balance
    release, note = dispute.release or 0, dispute.decision
    if release == held:
        escrow.escrow_release(milestone_id=milestone.pk, actor=actor, by=by, note=note)
    elif release == 0:
        escrow.escrow_refund(milestone_id=milestone.pk, actor=actor, by=by, note=note)
    else:
        escrow.escrow_split(milestone_id=milestone.pk, release=release, by=by, note=note, actor=actor)
    milestone.refresh_from_db()
    notify.settled(dispute, held=held)


def fire(timer: DisputeTimer) -> None:
    dispute = locked_by_ids(milestone_id=timer.dispute.milestone_id, dispute_id=timer.dispute_id)
    if timer.action == "respond" and dispute.status == Dispute.Status.OPEN:
        _deadline(dispute)
    elif timer.action == "remind" and dispute.status == Dispute.Status.OPEN:
        notify.reminder(dispute, silent=_silent(dispute))
    # A timer claimed while an appeal or a decision committed is stale: the state has moved on.
    elif timer.action == "settle" and dispute.status == Dispute.Status.DECIDED:
        transition(obj=dispute, action="settle", actor=SYSTEM)
        dispute.due_at = None
        dispute.save(update_fields=["due_at", "updated_at"])
        settle(dispute, actor=SYSTEM, by=None)


def _silent(dispute: Dispute) -> set[str]:
    """The sides that have made no statement yet."""
    spoke = set(dispute.statements.filter(role__in=(CLIENT, FREELANCER)).values_list("role", flat=True))
    return {CLIENT, FREELANCER} - spoke


def _deadline(dispute: Dispute) -> None:
    """At the response deadline: both sides have spoken, so an operator decides; or the silent side loses."""
    spoke = {CLIENT, FREELANCER} - _silent(dispute)
    if spoke == {CLIENT, FREELANCER}:
        transition(obj=dispute, action="close_statements", actor=SYSTEM)
        dispute.due_at = None
        dispute.save(update_fields=["due_at", "updated_at"])
        return
    winner = FREELANCER if FREELANCER in spoke else CLIENT
    decision = default_decision(winner, days=settings.DISPUTE_RESPONSE_DAYS)
    transition(obj=dispute, action="default", actor=SYSTEM, note=decision)
    held = escrow.escrow_account(dispute.milestone).balance
    _record(dispute, release=held if winner == FREELANCER else 0, decision=decision, by=None)


def default_decision(winner: str, *, days: int) -> str:
    if winner == FREELANCER:
        return _(
            "Decided by default: the client did not answer within %(days)s days, so the whole amount held is "
            "released to the freelancer."
        ) % {"days": days}
    return _(
        "Decided by default: the freelancer did not answer within %(days)s days, so the whole amount held goes "
        "back to the client."
    ) % {"days": days}
