"""The documents of a manual check: checked like every upload (kind sniffed, size-limited), kept private, and
deleted by the timers IDENTITY_FILES_KEEP_DAYS after the decision."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.identity.models import IdentityCheck, IdentityFile
from openhour.contracts.services.delivery import checked_files
from openhour.lib.errors import InvalidInput

KINDS = {"pdf", "png", "jpg", "jpeg"}  # photos and scans of a document; what a reviewer can open anywhere
PURGE_BATCH = 500  # per timers round; the next round carries on


def files_checked(*, document: UploadedFile | None, selfie: UploadedFile | None) -> dict[str, UploadedFile]:
    """Both files, each a PDF, PNG or JPEG whose content matches its name and within UPLOAD_MAX_BYTES."""
    given = {IdentityFile.Kind.DOCUMENT.value: document, IdentityFile.Kind.SELFIE.value: selfie}
    problems = {field: [problem] for field, upload in given.items() if (problem := _problem(upload))}
    if problems:
        raise InvalidInput(_("Some files cannot be used."), fields=problems)
    return {field: upload for field, upload in given.items() if upload is not None}


def _problem(upload: UploadedFile | None) -> str | None:
    if upload is None:
        return _("Choose a file.")
    name = upload.name or ""
    if name.rsplit(".", 1)[-1].lower() not in KINDS or "." not in name:
        return _("%(name)s: send a photo (JPEG or PNG) or a PDF scan.") % {"name": name}
    try:
        checked_files([upload])  # the attachments' sniffing and size limit
    except InvalidInput as refused:
        return "; ".join(refused.fields.get("attachments", [])) or refused.message
    return None


def files_store(*, check: IdentityCheck, files: dict[str, UploadedFile]) -> None:
    """Keep the files with the check, under random private names (the original name stays in the row)."""
    for kind, upload in files.items():
        name = (upload.name or kind)[:200]
        IdentityFile.objects.create(identity_check=check, kind=kind, file=upload, name=name, size=upload.size or 0)


def files_schedule_deletion(*, check: IdentityCheck, decided_at: datetime) -> None:
    """The decision is made: the documents it was made on go IDENTITY_FILES_KEEP_DAYS later."""
    due = decided_at + timedelta(days=settings.IDENTITY_FILES_KEEP_DAYS)
    check.files.filter(delete_after__isnull=True).update(delete_after=due)


def identity_files_purge_due() -> int:
    """Delete the documents whose keeping time is over, files first gone with their rows (run_timers).
    Each row goes by a DELETE that must find it, so two workers never count one file twice."""
    purged = 0
    due = IdentityFile.objects.filter(delete_after__lte=timezone.now()).order_by("pk")[:PURGE_BATCH]
    for found in due:
        if IdentityFile.objects.filter(pk=found.pk).delete()[0]:
            found.file.delete(save=False)
            purged += 1
    return purged
