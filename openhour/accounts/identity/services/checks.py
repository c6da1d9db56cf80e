"""Starting a check: a manual one with the person's document and selfie, a Stripe one by opening a session.

The person's check row is created on first use and locked before it moves, so two submissions at once never
both become the pending one.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.identity.models import IdentityCheck
from openhour.accounts.identity.providers import Started, provider
from openhour.accounts.identity.services.files import files_checked, files_store
from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.lib.errors import Conflict
from openhour.lib.process import OWNER, allowed_actions, transition

Status = IdentityCheck.Status


def check_locked(*, user: User) -> IdentityCheck:
    """The person's check, created unverified if they never had one, locked for the caller's transaction."""
    IdentityCheck.objects.get_or_create(user=user)
    return IdentityCheck.objects.select_for_update().get(user=user)


def identity_start(
    *, by: User, return_url: str, document: UploadedFile | None = None, selfie: UploadedFile | None = None
) -> IdentityCheck:
    """`by` asks to be verified with the configured provider: manual checks take the two files now (400 on
    `document`/`selfie`), Stripe's answer with a session URL (`provider_url`) to complete the check at.
    409 while a manual check waits for its decision, or once verified."""
    require_verified_email(by)
    chosen = provider()
    current = IdentityCheck.objects.filter(user=by).first()
    if current is not None and _session_open(current, chosen.name):
        return current  # a Stripe session not finished yet: the same link again, not a second session
    _require_can_submit(current)
    if chosen.takes_files:
        files = files_checked(document=document, selfie=selfie)
        return _submitted(by, chosen.name, Started(), files)
    attempt = f"identity:{by.pk}:{current.events.count() if current else 0}"  # one session per attempt
    started = chosen.start(attempt=attempt, user_id=by.pk, return_url=return_url)
    return _submitted(by, chosen.name, started, {})


def _session_open(check: IdentityCheck, provider_name: str) -> bool:
    return check.status == Status.PENDING and check.provider == provider_name and bool(check.provider_url)


def _require_can_submit(check: IdentityCheck | None) -> None:
    """Refuse before any file is read or session opened; the transition checks again under the lock."""
    if check is None or "submit" in allowed_actions(check, OWNER):
        return
    if check.status == Status.VERIFIED:
        raise Conflict(_("Your identity is already verified."), code="identity_verified")
    raise Conflict(
        _("Your documents are being checked. We will tell you as soon as it is done."), code="identity_pending"
    )


def _submitted(by: User, provider_name: str, started: Started, files: dict[str, UploadedFile]) -> IdentityCheck:
    with transaction.atomic():
        check = check_locked(user=by)
        check.provider, check.provider_ref, check.provider_url = provider_name, started.ref, started.url
        check.reason, check.submitted_at, check.decided_at = "", timezone.now(), None
        fields = ("provider", "provider_ref", "provider_url", "reason", "submitted_at", "decided_at")
        transition(obj=check, action="submit", actor=OWNER, by=by, fields=fields)
        files_store(check=check, files=files)
    return check
