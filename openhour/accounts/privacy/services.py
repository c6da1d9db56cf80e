"""Writes of personal data: asking for an archive, preparing it (task worker), handing it out, letting it expire."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import Conflict
from openhour.lib.i18n import read_by
from openhour.lib.mail import mail_send_on_commit
from openhour.lib.ratelimit import limit_hit
from openhour.lib.web import absolute_url

from .archive import archive_write
from .log import personal_data_accessed
from .models import Export, PersonalDataAccess
from .selectors import export_of
from .tasks import export_prepare_enqueue

logger = logging.getLogger(__name__)
Status = Export.Status
What = PersonalDataAccess.What
STALE_PENDING = timedelta(hours=6)  # a pending archive this old lost its task: fail it so the person can ask again
EXPIRE_BATCH = 200


def export_request(*, by: User, request: HttpRequest | None = None) -> Export:
    """Ask for an archive of one's own data. One already being prepared is returned instead of a second one; a
    new one counts against PERSONAL_DATA_EXPORT_RATE."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=by.pk).first()  # two quick clicks make one archive
        pending = Export.objects.filter(user=by, status=Status.PENDING).first()
        if pending is not None:
            return pending
        limit_hit(
            scope="privacy-export",
            ident=str(by.pk),
            rate=settings.PERSONAL_DATA_EXPORT_RATE,
            message=_("You asked for several archives already. Ask again in %(when)s."),
        )
        export = Export.objects.create(user=by)
        personal_data_accessed(by=by, subject=by, what=What.EXPORT_REQUESTED, request=request)
        export_id = export.pk
        transaction.on_commit(lambda: export_prepare_enqueue(export_id=export_id), robust=True)
    return export


def export_prepare(*, export_id: int) -> str:
    """Write the archive into private storage and e-mail its link (task worker). Claimed with a conditional
    update, so a task run twice keeps one archive. Returns the status it left."""
    export = Export.objects.select_related("user").filter(pk=export_id, status=Status.PENDING).first()
    if export is None:
        return "gone"
    try:
        with archive_write(export.user) as content:
            export.file.save(f"archive-{export.pk}.zip", File(content), save=False)
    except Exception:
        logger.exception("Personal data archive %s could not be written.", export_id)
        Export.objects.filter(pk=export_id, status=Status.PENDING).update(status=Status.FAILED)
        return Status.FAILED
    return _ready(export)


def _ready(export: Export) -> str:
    now = timezone.now()
    expires_at = now + timedelta(days=settings.PERSONAL_DATA_EXPORT_DAYS)
    with transaction.atomic():
        claimed = Export.objects.filter(pk=export.pk, status=Status.PENDING).update(
            status=Status.READY, file=export.file.name, size=export.file.size, ready_at=now, expires_at=expires_at
        )
        if not claimed:  # another run finished first (or it was failed meanwhile): keep only theirs
            export.file.delete(save=False)
            return "gone"
        export.expires_at = expires_at
        _mail_ready(export)
    return Status.READY


def _mail_ready(export: Export) -> None:
    person = export.user
    url = absolute_url(reverse("privacy"))
    with read_by(person):
        mail_send_on_commit(
            subject=_("Your data archive is ready"),
            template="privacy/email/ready",
            context={"person": person, "export": export, "action_url": url, "action_label": _("Download it")},
            to=[person.email],
            reader=person,
        )


def export_download(*, by: User, export_id: object, request: HttpRequest | None = None) -> Export:
    """The owner's ready archive, logged as downloaded. Someone else's is not found; one not ready is a conflict."""
    export = export_of(owner=by, export_id=export_id)
    if export.status != Status.READY:
        raise Conflict(_("This archive cannot be downloaded: it is not ready, or it has expired."), code="not_ready")
    personal_data_accessed(by=by, subject=by, what=What.EXPORT_DOWNLOADED, request=request)
    return export


def exports_expire_due() -> int:
    """Delete archives past their expiry, with their files, and fail the ones whose task was lost (run_timers)."""
    now = timezone.now()
    lost = Export.objects.filter(status=Status.PENDING, created_at__lt=now - STALE_PENDING)
    expired = lost.update(status=Status.FAILED)
    for export in Export.objects.filter(status=Status.READY, expires_at__lte=now).order_by("pk")[:EXPIRE_BATCH]:
        if Export.objects.filter(pk=export.pk, status=Status.READY).update(status=Status.EXPIRED, file="", size=0):
            export.file.delete(save=False)
            expired += 1
    return expired
