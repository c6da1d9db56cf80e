"""Reviewing time-sheet weeks: a week closes at the end of Sunday in the contract's time zone, the client
approves it or disputes some lines within TIMESHEET_REVIEW_DAYS, and silence approves it.

Approved hours become a milestone that releases once funded: charged to the client's wallet at once, or
left awaiting the client's payment (wallet or card) when the wallet is short. Disputed hours become a
second milestone, funded from the wallet and frozen by a dispute until it is decided.
"""

from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.disputes import services as dispute_services
from openhour.contracts.hourly import mail
from openhour.contracts.hourly.clock import local_today
from openhour.contracts.hourly.models import TimesheetLine, TimesheetWeek, WeekTimer
from openhour.contracts.models import Milestone
from openhour.contracts.services import contracts as contract_services
from openhour.contracts.services.contracts import role_or_404
from openhour.lib.errors import Conflict, InvalidInput, NotFound
from openhour.lib.ids import pk_or_404, pk_or_none
from openhour.lib.money import format_money
from openhour.lib.process import SYSTEM, timers_cancel, timers_fire_due, transition
from openhour.money import fx
from openhour.money.ledger import InsufficientFunds
from openhour.money.services import escrow

REASON_MAX = 2000


def amount_for(minutes: int, rate: int) -> int:
    """What `minutes` at `rate` (minor units an hour) cost, rounded half-up once."""
    return fx.round_half_up(Decimal(minutes) * Decimal(rate) / 60)


def week_approve(*, week_id: int | str, by: User, note: str = "") -> TimesheetWeek:
    """The client (or an operator, with a reason) approves the week: its hours are charged and paid."""
    actor = _actor(week_id, by)
    with transaction.atomic():
        week = _locked(week_id)
        _approve(week, actor=actor, by=by, note=note)
    return week


def week_dispute(*, week_id: int | str, by: User, lines: Iterable[object], reason: str) -> TimesheetWeek:
    """The client disputes some lines: the rest is approved and paid, the disputed hours are funded from the
    wallet into a milestone held while the dispute runs (409 `insufficient_funds` if the wallet is short)."""
    actor = _actor(week_id, by)
    reason = (reason or "").strip()
    with transaction.atomic():
        week = _locked(week_id)
        transition(obj=week, action="dispute", actor=actor, by=by, note=reason)
        chosen = _chosen(week, lines, reason)
        timers_cancel(obj=week)
        TimesheetLine.objects.filter(pk__in=[line.pk for line in chosen]).update(disputed=True)
        minutes = sum(line.minutes for line in chosen)
        week.disputed_milestone = _hours_milestone(week, minutes, _("Disputed hours, week of %(day)s"), paid=False)
        if week.disputed_milestone is not None:
            _fund_disputed(week.disputed_milestone, by)
            dispute_services.dispute_open(milestone_id=week.disputed_milestone.pk, by=by, reason=reason)
        _pay(week, week.lines.filter(disputed=False))
    return week


def weeks_fire_due() -> int:
    return timers_fire_due(timer_model=WeekTimer, fire=_fire)


def _fire(timer: WeekTimer) -> None:
    week = _locked(timer.week_id)
    if timer.action == "close":
        transition(obj=week, action="close", actor=SYSTEM)
        review = timer.due_at + timedelta(days=settings.TIMESHEET_REVIEW_DAYS)
        WeekTimer.objects.create(week=week, action="approve", due_at=review)
        mail.week_to_review(week, review)
    elif timer.action == "approve":
        note = _("Approved automatically: the review window of %(days)s days ended.") % {
            "days": settings.TIMESHEET_REVIEW_DAYS
        }
        _approve(week, actor=SYSTEM, by=None, note=note)


def _actor(week_id: int | str, by: User) -> str:
    """The part `by` plays in the week's contract; anyone else is told it does not exist."""
    week = TimesheetWeek.objects.select_related("contract").filter(pk=pk_or_404(week_id, _("No such week."))).first()
    return role_or_404(week.contract if week else None, by, _("No such week."))


def _locked(week_id: int | str) -> TimesheetWeek:
    """The week, locked after its pending timers: the timer worker holds a claimed timer while it locks the
    week, so locking in the same order means a person's answer and a timer never wait on each other."""
    pk = pk_or_404(week_id, _("No such week."))
    list(WeekTimer.objects.select_for_update().filter(week_id=pk, fired_at__isnull=True, cancelled_at__isnull=True))
    week = TimesheetWeek.objects.select_for_update(of=("self",)).select_related("contract").filter(pk=pk).first()
    if week is None:
        raise NotFound(_("No such week."))
    return week


def _approve(week: TimesheetWeek, *, actor: str, by: User | None, note: str) -> None:
    transition(obj=week, action="approve", actor=actor, by=by, note=note)
    timers_cancel(obj=week)
    _pay(week, week.lines.all())


def _pay(week: TimesheetWeek, lines: Iterable[TimesheetLine]) -> None:
    """Approved lines become a milestone released once funded; the wallet is charged if it holds enough."""
    minutes = sum(line.minutes for line in lines)
    week.approved_milestone = _hours_milestone(week, minutes, _("Hours, week of %(day)s"), paid=True)
    week.save(update_fields=["approved_milestone", "disputed_milestone", "updated_at"])
    if week.approved_milestone is None:
        return
    try:
        week.approved_milestone = escrow.escrow_fund(milestone_id=week.approved_milestone.pk, actor=SYSTEM)
    except InsufficientFunds:  # it waits, awaiting funding, for the client to pay it from the contract page
        mail.hours_to_pay(week.approved_milestone)
    except Conflict as error:
        if error.code != "contract_ended":
            raise


def _hours_milestone(week: TimesheetWeek, minutes: int, title: str, *, paid: bool) -> Milestone | None:
    contract = week.contract
    amount = amount_for(minutes, contract.hourly_rate or 0)
    if amount <= 0:
        return None
    last = contract.milestones.aggregate(last=Max("position"))["last"]
    milestone = Milestone.of(
        contract,
        title=title % {"day": date_format(week.starts_on, "j M Y")},
        amount=amount,
        due_in_days=0,
        due_on=local_today(contract),
        position=0 if last is None else last + 1,
        release_on_funding=paid,
    )
    milestone.save()
    return milestone


def _fund_disputed(milestone: Milestone, by: User) -> None:
    try:
        contract_services.milestone_fund(milestone_id=milestone.pk, by=by, method="wallet")
    except InsufficientFunds:
        quote = escrow.funding_quote(milestone)
        raise Conflict(
            _(
                "Disputed hours are held in escrow while the dispute runs: add %(total)s to your wallet "
                "(the disputed hours and the client service fee), then dispute again."
            )
            % {"total": format_money(quote.total, quote.currency)},
            code="insufficient_funds",
        ) from None


def _chosen(week: TimesheetWeek, picked: Iterable[object], reason: str) -> list[TimesheetLine]:
    """The week's lines the client picked, with a reason; every problem is a field error."""
    lines = {line.pk: line for line in week.lines.all()}
    keys = [pk_or_none(raw) for raw in picked]
    ids = {pk for pk in keys if pk is not None}
    unknown = None in keys
    problems: dict[str, list[str]] = {}
    if unknown or not ids or not ids <= set(lines):
        problems["lines"] = [_("Choose the lines you dispute, from this week.")]
    if not reason or len(reason) > REASON_MAX:
        problems["reason"] = [_("Say why, in at most %(n)s characters.") % {"n": REASON_MAX}]
    if problems:
        raise InvalidInput(fields=problems)
    return [lines[pk] for pk in sorted(ids)]
