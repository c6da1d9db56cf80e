"""Writes for the files attached to a project's brief (by its client) and to a proposal (by its freelancer).

Files are checked like every attachment (kind, content matching the name, size; contracts.services.delivery) and
at most MAX_FILES stay on one brief or proposal. The callers (project_post/update, proposal_send) hold the row
lock of what the files go on, so two requests cannot both squeeze past the limit."""

import mimetypes
from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from openhour.contracts.services.delivery import MAX_FILES, checked_files
from openhour.jobs.models import Project, ProjectFile, Proposal, ProposalFile
from openhour.lib.errors import InvalidInput
from openhour.lib.ids import pk_or_none


def project_files_attach(*, project: Project, files: Sequence[UploadedFile]) -> list[ProjectFile]:
    _check_room(project.files.count(), files)
    return [ProjectFile.objects.create(project=project, **_stored(file)) for file in files]


def proposal_files_attach(*, proposal: Proposal, files: Sequence[UploadedFile]) -> list[ProposalFile]:
    _check_room(proposal.files.count(), files)
    return [ProposalFile.objects.create(proposal=proposal, **_stored(file)) for file in files]


def project_files_remove(*, project: Project, ids: Sequence[int | str]) -> None:
    """Take the named files off `project`'s brief (ids that are not its files are a 400 on `remove_attachments`)."""
    pks = {pk_or_none(raw) for raw in ids}
    doomed = list(project.files.filter(pk__in=[pk for pk in pks if pk is not None]))
    if len(doomed) != len(pks):
        problem = _("Name only files attached to this project.")
        raise InvalidInput(problem, fields={"remove_attachments": [problem]})
    ProjectFile.objects.filter(pk__in=[f.pk for f in doomed]).delete()
    stored = [f.file for f in doomed]
    transaction.on_commit(lambda: _files_delete(stored), robust=True)  # a leftover file never fails the request


def _files_delete(files: list[FieldFile]) -> None:
    for file in files:
        file.delete(save=False)


def _check_room(attached: int, files: Sequence[UploadedFile]) -> None:
    checked_files(list(files))
    if attached + len(files) > MAX_FILES:
        problem = _("Attach at most %(n)s files.") % {"n": MAX_FILES}
        raise InvalidInput(problem, fields={"attachments": [problem]})


def _stored(file: UploadedFile) -> dict[str, object]:
    name = (file.name or "file")[:200]
    # The name's type, which checked_files matched against the content; the sender's own claim is not kept.
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return {"file": file, "name": name, "size": file.size or 0, "content_type": content_type}
