"""Safety writes: blocking a person, reporting a person or a message, and operators closing reports."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import Conflict, InvalidInput, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.ratelimit import limit_hit
from openhour.messaging.models import Block, Message, Report

TEXT_MAX = 2000


def _person(username: str) -> User:
    found = User.objects.filter(username=username, is_active=True).first()
    if found is None:
        raise NotFound(_("There is nobody here by that name."))
    return found


def block_add(*, by: User, username: str) -> Block:
    """`by` stops receiving messages from `username`; conversations check this row before sending."""
    person = _person(username)
    if person.pk == by.pk:
        raise InvalidInput(_("You cannot block yourself."), code="block_self")
    try:
        with transaction.atomic():
            return Block.objects.create(blocker=by, blocked=person)
    except IntegrityError:  # the unique constraint settles a double click or two tabs at once
        raise Conflict(
            _("You have already blocked %(name)s.") % {"name": person.name}, code="already_blocked"
        ) from None


def block_remove(*, by: User, username: str) -> None:
    person = _person(username)
    deleted, _rows = Block.objects.filter(blocker=by, blocked=person).delete()
    if not deleted:
        raise NotFound(_("You have not blocked %(name)s.") % {"name": person.name}, code="not_blocked")


def reportable_message(*, message_id: int | str, by: User) -> Message:
    """A message the asker may report: in their conversation and written by the other person.
    Anyone outside the conversation gets the same answer as for a missing message."""
    pk = pk_or_404(message_id, _("No such message."))
    message = Message.objects.select_related("conversation", "sender").filter(pk=pk).first()
    if message is None or by.pk not in (message.conversation.first_id, message.conversation.second_id):
        raise NotFound(_("No such message."))
    if message.sender_id == by.pk:
        raise InvalidInput(_("You cannot report your own message."), code="report_self")
    return message


@transaction.atomic
def report_create(*, by: User, username: str, message_id: int | str | None = None, reason: str, text: str) -> Report:
    """Send a person (and perhaps one of their messages) to the operators' queue, once while it is open."""
    message = reportable_message(message_id=message_id, by=by) if message_id not in (None, "") else None
    person = message.sender if message is not None else _person(username)
    if person.pk == by.pk:
        raise InvalidInput(_("You cannot report yourself."), code="report_self")
    if message is not None and username and username != person.username:
        raise InvalidInput(fields={"username": [_("The message was written by someone else.")]})
    _check(reason, text)
    limit_hit(
        scope="reports",
        ident=str(by.pk),
        rate=settings.RATE_REPORTS,
        message=_("You have sent many reports in a short time. Try again in %(when)s."),
    )
    # Lock the reporter's row so two identical reports sent at once cannot both pass the check below.
    User.objects.select_for_update().filter(pk=by.pk).first()
    open_already = Report.objects.filter(reporter=by, person=person, message=message, status=Report.Status.OPEN)
    if open_already.exists():
        raise Conflict(_("You have already reported this; an operator will look at it."), code="already_reported")
    return Report.objects.create(reporter=by, person=person, message=message, reason=reason, text=text.strip())


def _check(reason: str, text: str) -> None:
    problems: dict[str, list[str]] = {}
    if reason not in Report.Reason.values:
        problems["reason"] = [_("Choose a reason.")]
    if len(text) > TEXT_MAX:
        problems["text"] = [_("Keep it to %(n)d characters or fewer.") % {"n": TEXT_MAX}]
    if problems:
        raise InvalidInput(_("Please correct the fields listed."), fields=problems)


@transaction.atomic
def report_close(*, report_id: int | str, by: User, outcome: str) -> Report:
    """An operator closes an open report with a written outcome; anyone else is told it does not exist."""
    if not by.is_staff:
        raise NotFound(_("No such report."))
    pk = pk_or_404(report_id, _("No such report."))
    report = Report.objects.select_for_update().filter(pk=pk).first()
    if report is None:
        raise NotFound(_("No such report."))
    if not outcome.strip():
        raise InvalidInput(fields={"outcome": [_("Write what was done about it.")]})
    if report.status != Report.Status.OPEN:
        raise Conflict(_("This report is already closed."), code="report_closed")
    report.status, report.handled_by, report.outcome = Report.Status.CLOSED, by, outcome.strip()
    report.save(update_fields=["status", "handled_by", "outcome"])
    return report
