"""The person's identity check for their archive: its status, dates and steps, and the documents they sent while
they are still kept (they are deleted IDENTITY_FILES_KEEP_DAYS after the decision). Never the provider's reference."""

from typing import Any

from openhour.accounts.identity.models import IdentityCheck, IdentityEvent, IdentityFile
from openhour.accounts.models import User
from openhour.accounts.privacy.sections.base import ArchiveFile, file_of, path_or_none, present, rows

KEY = "identity"
MODELS = ("identity.IdentityCheck", "identity.IdentityEvent")


def section(user: User) -> dict[str, Any]:
    checks = IdentityCheck.objects.filter(user=user)
    return {
        "checks": rows(checks, "status", "provider", "reason", "submitted_at", "decided_at", "verified_at"),
        "steps": rows(
            IdentityEvent.objects.filter(identity_check__user=user).order_by("created_at"),
            "action",
            "from_status",
            "to_status",
            "note",
            "created_at",
        ),
        "documents": [
            {
                "kind": sent.kind,
                "name": sent.name,
                "sent_at": sent.created_at,
                "file": path_or_none("identity", sent, sent.file, sent.name),
            }
            for sent in _files(user)
        ],
    }


def files(user: User) -> list[ArchiveFile]:
    return present(file_of("identity", sent, sent.file, sent.name) for sent in _files(user))


def _files(user: User) -> list[IdentityFile]:
    return list(IdentityFile.objects.filter(identity_check__user=user).exclude(file="").order_by("created_at"))
