"""Writes for disputes: open one on a held milestone, make your case with statements and evidence, appeal
a decision once, or withdraw. Decisions and settlement are in `decisions`; timers fire through
`disputes_fire_due`."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.disputes import decisions, notify
from openhour.contracts.disputes.access import clean_text, locked
from openhour.contracts.disputes.models import Dispute, DisputeEvidence, DisputeStatement, DisputeTimer
from openhour.contracts.disputes.selectors import may_appeal
from openhour.contracts.models import Milestone, MilestoneTimer
from openhour.contracts.services.contracts import role_or_404
from openhour.contracts.services.delivery import checked_files
from openhour.lib.errors import Conflict, NotAllowed, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import OPERATOR, timers_cancel, timers_fire_due, transition
from openhour.money.services import escrow
from openhour.webhooks.services import events as webhooks

# Statuses in which the sides (and operators) may still add statements and evidence.
HEARING = (Dispute.Status.OPEN, Dispute.Status.AWAITING_DECISION, Dispute.Status.APPEALED)


def dispute_open(*, milestone_id: int | str, by: User, reason: str) -> Dispute:
    """The client or freelancer freezes a funded, delivered or changes-requested milestone. Its timers
    pause (how long each had left is kept), and the other side has DISPUTE_RESPONSE_DAYS to answer.
    Works inside a caller's transaction (hours disputed when a week is funded)."""
    reason = clean_text(reason, "reason", _("Say why you dispute it, in at most 5,000 characters."))
    pk = pk_or_404(milestone_id, _("No such milestone."))
    with transaction.atomic():
        milestone = Milestone.objects.select_for_update(of=("self",)).select_related("contract").filter(pk=pk).first()
        if milestone is None:
            raise NotFound(_("No such milestone."))
        # Operators may see it, but the table grants them no "dispute": a 409 from the wrong state, else a 403.
        role = role_or_404(milestone.contract, by, _("No such milestone."))
        before = milestone.status
        transition(obj=milestone, action="dispute", actor=role, by=by, note=reason)
        paused = _pause_timers(milestone)
        due = timezone.now() + timedelta(days=settings.DISPUTE_RESPONSE_DAYS)
        dispute = Dispute.objects.create(
            milestone=milestone,
            opened_by=by,
            opener_role=role,
            reason=reason,
            due_at=due,
            held=escrow.escrow_account(milestone).balance,
            milestone_status_before=before,
            paused_timers=paused,
        )
        dispute.events.create(actor=role, by=by, action="open", from_status="", to_status=dispute.status, note=reason)
        DisputeStatement.objects.create(dispute=dispute, author=by, role=role, text=reason)
        DisputeTimer.objects.create(dispute=dispute, action="respond", due_at=due)
        if settings.DISPUTE_RESPONSE_DAYS > 1:  # a day's warning to a side that has not answered yet
            DisputeTimer.objects.create(dispute=dispute, action="remind", due_at=due - timedelta(days=1))
        notify.opened(dispute)
        webhooks.emit("dispute.opened", about=dispute, audience=webhooks.parties(milestone))
    return dispute


def _pause_timers(milestone: Milestone) -> list[dict[str, object]]:
    """Cancel the milestone's pending timers, keeping how long each still had to run."""
    now = timezone.now()
    pending = milestone.timers.filter(fired_at__isnull=True, cancelled_at__isnull=True).order_by("due_at")
    paused = [{"action": t.action, "seconds": max(0, int((t.due_at - now).total_seconds()))} for t in pending]
    if timers_cancel(obj=milestone):  # the automatic release is being applied this very moment
        raise Conflict(_("This milestone is changing right now: look again in a moment."), code="milestone_busy")
    return paused


def dispute_statement_add(
    *, dispute_id: int | str, by: User, text: str, files: Sequence[UploadedFile] = ()
) -> DisputeStatement:
    """Either side makes its case (operators add notes) while the dispute is heard."""
    text = clean_text(text, "text", _("Write your statement, in at most 5,000 characters."))
    checked = checked_files(list(files))
    with transaction.atomic():
        dispute, role = locked(dispute_id, by)
        if dispute.status not in HEARING:
            raise Conflict(
                _("Statements are closed (dispute status: %(status)s).") % {"status": dispute.get_status_display()},
                code=f"dispute_{dispute.status}",
            )
        statement = DisputeStatement.objects.create(dispute=dispute, author=by, role=role, text=text)
        for upload in checked:
            DisputeEvidence.objects.create(
                statement=statement, file=upload, name=(upload.name or "file")[:200], size=upload.size or 0
            )
    return statement


def dispute_appeal(*, dispute_id: int | str, by: User, reason: str) -> Dispute:
    """Either party asks, once, for a different operator to decide again, within DISPUTE_APPEAL_DAYS."""
    reason = clean_text(reason, "reason", _("Say why the decision is wrong, in at most 5,000 characters."))
    with transaction.atomic():
        dispute, role = locked(dispute_id, by)
        something_to_gain = may_appeal(dispute, role)
        # The table first: a wrong state is a 409 and an operator a 403, before the finer checks.
        transition(obj=dispute, action="appeal", actor=role, by=by, note=reason)
        if dispute.due_at and dispute.due_at <= timezone.now():
            raise Conflict(_("The time to appeal has passed."), code="appeal_window_closed")
        if not something_to_gain:
            raise Conflict(
                _("The decision gives you everything held: there is nothing to appeal."), code="nothing_to_appeal"
            )
        timers_cancel(obj=dispute)
        dispute.appealed_by, dispute.appeal_reason, dispute.due_at = by, reason, None
        dispute.save(update_fields=["appealed_by", "appeal_reason", "due_at", "updated_at"])
        notify.appealed(dispute)
    return dispute


def dispute_withdraw(*, dispute_id: int | str, by: User, note: str = "") -> Dispute:
    """The opener (or an operator, with a reason) ends the dispute before a decision: the milestone carries
    on where it was, and its paused timers run again for the time they had left."""
    with transaction.atomic():
        dispute, role = locked(dispute_id, by)
        transition(obj=dispute, action="withdraw", actor=role, by=by, note=(note or "").strip())
        if role != OPERATOR and by.pk != dispute.opened_by_id:
            raise NotAllowed(_("Only the person who opened the dispute withdraws it."))
        timers_cancel(obj=dispute)
        dispute.due_at = None
        dispute.save(update_fields=["due_at", "updated_at"])
        _resume(dispute, role, by, note)
    return dispute


def _resume(dispute: Dispute, actor: str, by: User, note: str) -> None:
    milestone = dispute.milestone
    back_to_review = dispute.milestone_status_before == Milestone.Status.SUBMITTED
    action = "resume_review" if back_to_review else "resume"
    transition(obj=milestone, action=action, actor=actor, by=by, note=note or _("The dispute was withdrawn."))
    now = timezone.now()
    for paused in dispute.paused_timers:
        MilestoneTimer.objects.create(
            milestone=milestone, action=str(paused["action"]), due_at=now + timedelta(seconds=int(paused["seconds"]))
        )


def disputes_fire_due(now: datetime | None = None) -> int:
    """Response deadlines and appeal windows that have come: the system applies what they decide."""
    return timers_fire_due(timer_model=DisputeTimer, fire=decisions.fire, now=now)
