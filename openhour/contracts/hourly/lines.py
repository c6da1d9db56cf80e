"""The freelancer's time-sheet lines: logged, edited and deleted only in the week that is still open (the
current week in the contract's time zone), never for days to come, never above the weekly limit.

Each writer locks the contract row first, so two lines logged at once never both fit under the limit.
"""

from datetime import date

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openhour.accounts.identity.requirements import identity_require_for_hourly
from openhour.accounts.models import User
from openhour.contracts.hourly.clock import hours_text, local_start, local_today, minutes_from, monday_of
from openhour.contracts.hourly.models import TimesheetLine, TimesheetWeek, WeekTimer
from openhour.contracts.models import Contract
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import FREELANCER

MEMO_MAX = 200


def line_add(*, contract_id: int | str, by: User, worked_on: date | None, hours: object, memo: str) -> TimesheetLine:
    """The freelancer logs time worked on a day of the open week; the week starts with its first line."""
    with transaction.atomic():
        contract = _locked_contract(pk_or_404(contract_id, _("No such contract.")), by)
        identity_require_for_hourly(user=by)
        minutes, memo = _checked(contract, worked_on, hours, memo)
        assert worked_on is not None  # _checked refuses a missing date
        week = _week_for(contract, worked_on, by)
        _check_limit(contract, week, minutes, editing=None)
        line = TimesheetLine(week=week, worked_on=worked_on, minutes=minutes, memo=memo)
        line.full_clean()
        line.save()
    return line


def line_edit(
    *, line_id: int | str, by: User, worked_on: date | None = None, hours: object = None, memo: str | None = None
) -> TimesheetLine:
    """The freelancer corrects a line of the open week; what is not given stays as it was."""
    with transaction.atomic():
        line, contract = _locked_line(line_id, by)
        day = worked_on or line.worked_on
        minutes, new_memo = _checked(
            contract, day, hours if hours is not None else hours_text(line.minutes), line.memo if memo is None else memo
        )
        if _week_for(contract, day, by, create=False) != line.week:
            raise InvalidInput(fields={"date": [_("Move a line only within its own week.")]})
        _check_limit(contract, line.week, minutes, editing=line)
        line.worked_on, line.minutes, line.memo = day, minutes, new_memo
        line.save(update_fields=["worked_on", "minutes", "memo", "updated_at"])
    return line


def line_delete(*, line_id: int | str, by: User) -> Contract:
    """The freelancer removes a line of the open week; a week left without lines goes too (nothing to review)."""
    with transaction.atomic():
        line, contract = _locked_line(line_id, by)
        week = line.week
        line.delete()
        if not week.lines.exists():
            week.delete()
    return contract


def _locked_contract(pk: int, by: User) -> Contract:
    """The contract (locked) for its freelancer; anyone else learns nothing, or may not log."""
    contract = Contract.objects.select_for_update().filter(pk=pk).first()
    if contract is None or not (by.pk in (contract.client_id, contract.freelancer_id) or by.is_staff):
        raise NotFound(_("No such contract."))
    if by.pk != contract.freelancer_id:
        raise NotAllowed(_("Only the freelancer logs hours."))
    if contract.kind != Contract.Kind.HOURLY:
        raise Conflict(_("Hours are logged only on hourly contracts."), code="contract_fixed")
    if contract.status != Contract.Status.ACTIVE:
        raise Conflict(_("Hours are logged only while the contract is active."), code=f"contract_{contract.status}")
    return contract


def _locked_line(line_id: int | str, by: User) -> tuple[TimesheetLine, Contract]:
    pk = pk_or_404(line_id, _("No such time-sheet line."))
    contract_id = TimesheetLine.objects.filter(pk=pk).values_list("week__contract_id", flat=True).first()
    if contract_id is None:
        raise NotFound(_("No such time-sheet line."))
    try:
        contract = _locked_contract(contract_id, by)
    except NotFound:
        raise NotFound(_("No such time-sheet line.")) from None
    line = TimesheetLine.objects.select_related("week").filter(pk=pk).first()
    if line is None:  # deleted while we waited for the lock
        raise NotFound(_("No such time-sheet line."))
    if line.week.status != TimesheetWeek.Status.OPEN or line.week.starts_on != monday_of(local_today(contract)):
        raise InvalidInput(_("That week is closed."), fields={"date": [_("That week is closed.")]})
    return line, contract


def _checked(contract: Contract, day: date | None, hours: object, memo: str) -> tuple[int, str]:
    """The minutes and memo of a line, with every field's problem at once."""
    problems: dict[str, list[str]] = {}
    today, start = local_today(contract), local_start(contract)
    if day is None:
        problems["date"] = [_("Give the day you worked.")]
    elif day > today:
        problems["date"] = [_("Log hours once they are worked, not for days to come.")]
    elif day < start:
        problems["date"] = [_("Work on this contract started on %(day)s.") % {"day": date_format(start, "j M Y")}]
    minutes = 0
    try:
        minutes = minutes_from(hours)
    except InvalidInput as error:
        problems |= error.fields
    memo = (memo or "").strip()
    if not memo or len(memo) > MEMO_MAX:
        problems["memo"] = [_("Say what you worked on, in at most %(n)s characters.") % {"n": MEMO_MAX}]
    if problems:
        raise InvalidInput(fields=problems)
    return minutes, memo


def _week_for(contract: Contract, day: date, by: User, *, create: bool = True) -> TimesheetWeek | None:
    """The open week holding `day` (made, with its closing timer, by its first line); a past week is closed."""
    monday = monday_of(day)
    closed = InvalidInput(_("That week is closed."), fields={"date": [_("That week is closed.")]})
    if monday != monday_of(local_today(contract)):
        raise closed  # its Sunday has ended, whether or not the timer has run yet
    week = TimesheetWeek.objects.select_for_update().filter(contract=contract, starts_on=monday).first()
    if week is None and create:
        week = TimesheetWeek.objects.create(contract=contract, starts_on=monday)
        week.events.create(actor=FREELANCER, by=by, action="open", from_status="", to_status=week.status)
        WeekTimer.objects.create(week=week, action="close", due_at=week.closes_at(contract.time_zone))
    if week is not None and week.status != TimesheetWeek.Status.OPEN:
        raise closed
    return week


def _check_limit(
    contract: Contract, week: TimesheetWeek | None, minutes: int, *, editing: TimesheetLine | None
) -> None:
    limit = (contract.weekly_limit or 0) * 60
    others = week.lines.all() if week else TimesheetLine.objects.none()
    if editing is not None:
        others = others.exclude(pk=editing.pk)
    logged = sum(others.values_list("minutes", flat=True))
    if logged + minutes > limit:
        left = hours_text(max(limit - logged, 0))
        raise InvalidInput(
            _("That is more than the weekly limit of %(limit)s hours.") % {"limit": contract.weekly_limit},
            fields={"hours": [_("Only %(left)s hours are left this week.") % {"left": left}]},
        )
