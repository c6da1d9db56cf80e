"""Deciding a check: an operator approves or rejects a manual one (a reason is required to reject), Stripe's
webhook settles a Stripe one. Either way the person is told, in their language, and the documents' keeping
time starts."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.identity.models import IdentityCheck, IdentityEvent
from openhour.accounts.identity.services.files import files_schedule_deletion
from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import OPERATOR, SYSTEM, transition
from openhour.messaging.notifications.said import Said, said
from openhour.messaging.notifications.services import notification_send

Status = IdentityCheck.Status
APPROVED_NOTE = gettext_noop("Documents checked.")  # an approval's reason when the operator adds none
REASON_MAX = 1000
DECISIONS = ("approve", "reject")


def identity_decide(*, check_id: object, by: User, action: str, reason: str = "") -> IdentityCheck:
    """An operator approves or rejects a pending check; rejecting needs a written reason, which the person
    reads. Anyone but an operator is told there is no such check (404); a decided check is a 409."""
    missing = _("No such identity check.")
    if not by.is_staff or action not in DECISIONS:
        raise NotFound(missing)
    reason = reason.strip()
    if action == "reject" and not reason:
        raise InvalidInput(_("Say why, so the person can put it right."), fields={"reason": [_("Give a reason.")]})
    if len(reason) > REASON_MAX:
        raise InvalidInput(fields={"reason": [_("At most %(n)s characters.") % {"n": REASON_MAX}]})
    with transaction.atomic():
        check = IdentityCheck.objects.select_for_update().filter(pk=pk_or_404(check_id, missing)).first()
        if check is None:
            raise NotFound(missing)
        _decide(check, action=action, actor=OPERATOR, by=by, reason=reason or APPROVED_NOTE)
    return check


def identity_settle(*, provider_name: str, ref: str, verified: bool, reason: str = "") -> bool:
    """The provider reports the outcome of session `ref`, as the system. False when no pending check of ours
    waits for it (a stranger's session, or already settled: Stripe repeats events)."""
    with transaction.atomic():
        check = (
            IdentityCheck.objects.select_for_update()
            .filter(provider=provider_name, provider_ref=ref, status=Status.PENDING)
            .exclude(provider_ref="")
            .first()
        )
        if check is None:
            return False
        _decide(check, action="approve" if verified else "reject", actor=SYSTEM, by=None, reason=reason)
    return True


def _decide(check: IdentityCheck, *, action: str, actor: str, by: User | None, reason: str) -> None:
    now = timezone.now()
    check.decided_at, check.provider_url = now, ""  # a settled session's link leads nowhere useful
    check.reason = reason if action == "reject" else ""
    fields = ["decided_at", "provider_url", "reason"]
    if action == "approve":
        check.verified_at = now
        fields.append("verified_at")
    event = transition(obj=check, action=action, actor=actor, by=by, note=reason, fields=tuple(fields))
    files_schedule_deletion(check=check, decided_at=now)
    _tell(check, event)


def _tell(check: IdentityCheck, event: IdentityEvent) -> None:
    """The person hears of the decision in the app and by e-mail, each in their own language."""
    if check.status == Status.VERIFIED:
        title = said(gettext_noop("Your identity is verified"))
        body: list[Said] = [said(gettext_noop("You can withdraw your earnings and your profile shows “Verified ID”."))]
    else:
        title = said(gettext_noop("Your identity could not be verified"))
        body = [
            said(gettext_noop("Reason: %(reason)s"), reason=check.reason),
            said(gettext_noop("You can send new documents on your identity page.")),
        ]
    notification_send(
        user=check.user,
        kind="identity_decided",
        title=title,
        body=body,
        url="/me/identity",
        source=f"identity:{event.pk}",
    )
