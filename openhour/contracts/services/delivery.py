"""Deliveries: the freelancer submits a milestone's work (a message and private files, kept as versions),
the client approves it (release) or asks for changes within the agreed revision rounds. A delivery left
unanswered is released by the system after AUTO_RELEASE_DAYS, with reminders to the client before that."""

import codecs
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.contracts import timers
from openhour.contracts.models import Delivery, DeliveryFile, Milestone, MilestoneTimer
from openhour.contracts.services.contracts import role_or_404
from openhour.lib.errors import Conflict, InvalidInput, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import CLIENT, SYSTEM, timers_fire_due, transition
from openhour.messaging.notifications.events import notify_step
from openhour.messaging.notifications.said import Moment, said
from openhour.messaging.notifications.services import notification_send
from openhour.money.services import escrow
from openhour.webhooks.services import events as webhooks

MAX_FILES = 10
REVIEW_TIMERS = ("remind", "release")  # the review window's; "deadline" reminds of the due date (contracts.timers)
# What a file must start with to be what its name says; text formats must be UTF-8 instead.
SIGNATURES = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "zip": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
    "xlsx": (b"PK\x03\x04",),
    "pptx": (b"PK\x03\x04",),
}
TEXT = {"txt", "md", "csv"}


def _locked_for(milestone_id: int | str, by: User) -> tuple[Milestone, str]:
    """The milestone, locked, and the part `by` plays in its contract; the transition then says whether
    that part may take the step (403) from this status (409). Anyone else is told it does not exist."""
    missing = _("No such milestone.")
    pk = pk_or_404(milestone_id, missing)
    milestone = Milestone.objects.select_for_update().select_related("contract").filter(pk=pk).first()
    if milestone is None:
        raise NotFound(missing)
    return milestone, role_or_404(milestone.contract, by, missing)


def milestone_submit(
    *, milestone_id: int | str, by: User, message: str, files: Sequence[UploadedFile] = ()
) -> Delivery:
    """The freelancer delivers: a new version with its files; the client's review window starts."""
    message = (message or "").strip()
    checked = checked_files(list(files))
    if not message or len(message) > 5000:
        raise InvalidInput(fields={"message": [_("Say what you deliver, in at most 5,000 characters.")]})
    with transaction.atomic():
        milestone, actor = _locked_for(milestone_id, by)
        notify_step(transition(obj=milestone, action="submit", actor=actor, by=by))  # the client hears of it
        delivery = Delivery.objects.create(
            milestone=milestone, version=milestone.deliveries.count() + 1, message=message
        )
        for upload in checked:
            DeliveryFile.objects.create(
                delivery=delivery, file=upload, name=(upload.name or "file")[:200], size=upload.size or 0
            )
        _schedule_review(milestone)
        webhooks.emit("milestone.delivered", about=milestone, audience=webhooks.parties(milestone))
    return delivery


def milestone_request_changes(*, milestone_id: int | str, by: User, message: str) -> Milestone:
    """The client asks for a revision, while rounds are left; the review window stops until the next delivery."""
    message = (message or "").strip()
    if not message or len(message) > 5000:
        raise InvalidInput(fields={"message": [_("Say what should change, in at most 5,000 characters.")]})
    with transaction.atomic():
        milestone, actor = _locked_for(milestone_id, by)
        used_up = milestone.revisions_used >= milestone.revisions_allowed
        if actor == CLIENT and milestone.status == Milestone.Status.SUBMITTED and used_up:
            raise Conflict(
                _("All %(n)s revision rounds are used: agree a change order for more work.")
                % {"n": milestone.revisions_allowed},
                code="revisions_used_up",
            )
        notify_step(transition(obj=milestone, action="request_changes", actor=actor, by=by, note=message))
        milestone.revisions_used += 1
        milestone.save(update_fields=["revisions_used", "updated_at"])
        _review_timers_cancel(milestone)
    return milestone


def _review_timers_cancel(milestone: Milestone) -> None:
    """Stop the review window's reminders and release; the reminder of the milestone's deadline stays."""
    pending = milestone.timers.filter(action__in=REVIEW_TIMERS, fired_at__isnull=True, cancelled_at__isnull=True)
    pending.update(cancelled_at=timezone.now())


def _schedule_review(milestone: Milestone) -> None:
    _review_timers_cancel(milestone)
    now = timezone.now()
    for day in settings.AUTO_RELEASE_REMINDER_DAYS:
        if 0 < day < settings.AUTO_RELEASE_DAYS:
            MilestoneTimer.objects.create(milestone=milestone, action="remind", due_at=now + timedelta(days=day))
    MilestoneTimer.objects.create(
        milestone=milestone, action="release", due_at=now + timedelta(days=settings.AUTO_RELEASE_DAYS)
    )


def release_due_at(milestone: Milestone) -> Any:
    """When an unanswered delivery will be released, or None (reads prefetched timers when there are some)."""
    pending = [t for t in milestone.timers.all() if t.action == "release" and not (t.fired_at or t.cancelled_at)]
    return pending[0].due_at if pending else None


def milestones_fire_due() -> int:
    return timers_fire_due(timer_model=MilestoneTimer, fire=_fire)


def _fire(timer: MilestoneTimer) -> None:
    # Locked and read again: the client may have answered, or a dispute frozen the escrow, since the timer was due.
    milestone = Milestone.objects.select_for_update().select_related("contract").get(pk=timer.milestone_id)
    if timer.action in ("release", "remind") and milestone.status != Milestone.Status.SUBMITTED:
        return
    if timer.action == "release":
        note = _("Released automatically: the delivery had no answer for %(days)s days.") % {
            "days": settings.AUTO_RELEASE_DAYS
        }
        escrow.escrow_release(milestone_id=milestone.pk, actor=SYSTEM, note=note)
    elif timer.action == "remind":
        _remind(milestone, timer)
    elif timer.action == "deadline":
        timers.deadline_remind(milestone)


def _remind(milestone: Milestone, timer: MilestoneTimer) -> None:
    contract = milestone.contract
    due = release_due_at(milestone)
    title = said(
        gettext_noop("%(name)s’s delivery of “%(title)s” waits for your review"),
        name=contract.freelancer.name,
        title=milestone.title,
    )
    body = said(
        gettext_noop(
            "Please approve it or ask for changes: if you do neither, the payment is released to them on %(when)s."
        ),
        when=Moment(due, "DATE_FORMAT") if due else "",
    )
    notification_send(
        user=contract.client,
        kind="milestone_delivered",
        title=title,
        body=body,
        url=f"/contracts/{contract.pk}",
        source=f"milestonetimer:{timer.pk}",
    )


def checked_files(files: list[UploadedFile]) -> list[UploadedFile]:
    """The uploads, if each is an allowed type whose content matches its name and within the size limit."""
    if len(files) > MAX_FILES:
        raise InvalidInput(fields={"attachments": [_("Attach at most %(n)s files.") % {"n": MAX_FILES}]})
    problems = [problem for upload in files if (problem := _file_problem(upload))]
    if problems:
        raise InvalidInput(_("Some files cannot be attached."), fields={"attachments": problems})
    return files


def _file_problem(upload: UploadedFile) -> str | None:
    name = upload.name or ""
    kind = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if upload.size is None or upload.size > settings.UPLOAD_MAX_BYTES:
        return _("%(name)s is larger than the limit.") % {"name": name}
    if kind not in SIGNATURES and kind not in TEXT:
        return _("%(name)s: attach PDF, images, ZIP, Office documents or plain text.") % {"name": name}
    head = upload.read(2048)
    upload.seek(0)
    if kind in TEXT:
        try:  # incremental, so a character cut at the end of the sample is not an error
            codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        except UnicodeDecodeError:
            return _("%(name)s is not plain text.") % {"name": name}
        return None
    if not head.startswith(SIGNATURES[kind]):
        return _("%(name)s is not the kind of file its name says.") % {"name": name}
    return None
