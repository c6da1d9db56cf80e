"""Reads of identity checks: a person's own status, the operators' queue, a document an operator may open."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from openhour.accounts.identity.models import IdentityCheck, IdentityFile
from openhour.accounts.identity.requirements import required_because
from openhour.accounts.models import User

Status = IdentityCheck.Status


@dataclass(frozen=True)
class IdentityStatus:
    """What GET /me/identity and /me/identity show the person about themselves."""

    status: str
    provider: str
    reason: str | None
    verified_at: datetime | None
    required: bool
    required_because: list[str]
    url: str | None  # the provider's page to finish an open session at


def identity_status(*, user: User) -> IdentityStatus:
    check = IdentityCheck.objects.filter(user=user).first() or IdentityCheck(user=user)
    because = required_because(user)
    return IdentityStatus(
        status=check.status,
        provider=check.provider or settings.IDENTITY_PROVIDER,
        reason=check.reason if check.status == Status.REJECTED else None,
        verified_at=check.verified_at if check.is_verified else None,
        required=bool(because) and not check.is_verified,
        required_because=because,
        url=(check.provider_url or None) if check.status == Status.PENDING else None,
    )


def pending_checks(*, viewer: User) -> QuerySet[IdentityCheck]:
    """The operators' queue, oldest submission first, with each person and the files to review; empty for
    anyone else (the page answers them 404 before asking)."""
    if not viewer.is_staff:
        return IdentityCheck.objects.none()
    return (
        IdentityCheck.objects.filter(status=Status.PENDING)
        .select_related("user")
        .prefetch_related(Prefetch("files", queryset=IdentityFile.objects.filter(delete_after__isnull=True)))
        .order_by("submitted_at", "pk")
    )


def file_for_operator(*, file_id: int | None, viewer: User) -> IdentityFile | None:
    """A kept document, for an operator only; None for anyone else as for a file that does not exist."""
    if not viewer.is_staff or file_id is None:
        return None
    return IdentityFile.objects.select_related("identity_check__user").filter(pk=file_id).first()


def identity_verified(person: User) -> bool:
    """The "Verified ID" badge: from the row the profile query joined (select_related), else one query."""
    try:
        return person.identity_check.is_verified
    except IdentityCheck.DoesNotExist:
        return False
