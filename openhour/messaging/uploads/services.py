"""Writes for uploads: a private file sent ahead, checked like every attachment, then used up when a message, a
delivery, a dispute statement, a project's brief or a proposal attaches it by id, or deleted by the timers when
nothing does."""

import mimetypes
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.contracts.services.delivery import checked_files
from openhour.lib.errors import InvalidInput
from openhour.lib.ids import pk_or_none
from openhour.lib.ratelimit import limit_hit
from openhour.messaging.models import Upload

EXPIRE_BATCH = 500  # per timers round; the next round carries on


def upload_create(*, by: User, file: UploadedFile) -> Upload:
    """`by` sends a file ahead, to attach by id within UPLOAD_UNATTACHED_HOURS. Refused (400 on `file`) for
    whatever an attachment may not be: the wrong kind, content that is not what its name says, too large."""
    require_verified_email(by)
    limit_hit(
        scope="uploads",
        ident=str(by.pk),
        rate=settings.RATE_UPLOADS,
        message=_("You are sending files too quickly. Try again in %(when)s."),
    )
    try:
        checked_files([file])
    except InvalidInput as refused:  # the attachment rules speak of `attachments`; here the field is `file`
        refused.fields = {"file": refused.fields.pop("attachments", [])}
        raise
    name = (file.name or "file")[:200]
    return Upload.objects.create(owner=by, file=file, name=name, size=file.size or 0, content_type=_content_type(name))


def _content_type(name: str) -> str:
    # The name's type, which checked_files matched against the content; the sender's own claim is not kept.
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


@contextmanager
def uploads_attached(*, ids: Sequence[str], by: User) -> Iterator[list[UploadedFile]]:
    """`by`'s uploads named by `ids`, as files for the one service call that stores them (a message's attachments,
    a delivery's files, a dispute's evidence), in one transaction with that call:

        with uploads_attached(ids=payload.attachments, by=me) as files:
            message_send(..., files=files)

    The uploads are used up (their rows deleted now, their files once the transaction commits); if the service
    refuses, the transaction rolls back and they wait as before. An id that is not one of `by`'s waiting uploads
    (unknown, someone else's, attached already, expired) or comes twice is a 400 on `attachments`, before
    anything is written."""
    if not ids:  # nothing to use up: the service's own transaction is enough
        yield []
        return
    with transaction.atomic(), ExitStack() as opened:
        yield [opened.enter_context(_opened(upload)) for upload in _claimed(list(ids), by)]


def _claimed(ids: list[str], by: User) -> list[Upload]:
    """Lock and delete `by`'s uploads named by `ids`, in that order; their files go when the caller commits.
    Locked first, so two requests attaching one upload never both have it."""
    pks = [pk_or_none(raw) for raw in ids]
    waiting = Upload.objects.select_for_update().filter(owner=by, pk__in=[pk for pk in pks if pk is not None])
    found = {upload.pk: upload for upload in waiting}
    problems = [_not_waiting(raw) for raw, pk in zip(ids, pks, strict=True) if pk not in found]
    if len(set(pks)) < len(pks):
        problems.append(_("Attach each upload once."))
    if problems:
        raise InvalidInput(_("Some files cannot be attached."), fields={"attachments": problems})
    Upload.objects.filter(pk__in=list(found)).delete()
    files = [upload.file for upload in found.values()]
    transaction.on_commit(lambda: _files_delete(files), robust=True)  # a leftover file never fails the request
    return [found[pk] for pk in pks if pk is not None]


def _not_waiting(raw: str) -> str:
    return _("%(id)s is not one of your uploads waiting to be attached: upload the file again.") % {"id": raw}


def _opened(upload: Upload) -> UploadedFile:
    """The stored file under its original name, for a service to check and store with what it attaches to."""
    handle = upload.file.storage.open(upload.file.name or "", "rb")
    return UploadedFile(handle, name=upload.name, content_type=upload.content_type, size=upload.size)


def _files_delete(files: list[FieldFile]) -> None:
    for file in files:
        file.delete(save=False)


def uploads_expire_due() -> int:
    """Delete uploads left unattached for UPLOAD_UNATTACHED_HOURS, with their files (run_timers); returns how many.
    Each row goes by a DELETE that must find it, so an upload attached at this very moment keeps its file."""
    cutoff = timezone.now() - timedelta(hours=settings.UPLOAD_UNATTACHED_HOURS)
    expired = 0
    for upload in Upload.objects.filter(created_at__lt=cutoff).order_by("pk")[:EXPIRE_BATCH]:
        if Upload.objects.filter(pk=upload.pk).delete()[0]:
            upload.file.delete(save=False)
            expired += 1
    return expired
