"""Reads for time sheets: a contract's weeks with everything the page and the API show, in a fixed number
of queries, and what waits for the client (weeks to review, approved hours to pay)."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.actions import Action
from openhour.contracts.hourly.models import TimesheetLine, TimesheetWeek, WeekTimer
from openhour.contracts.hourly.services import amount_for
from openhour.contracts.models import Contract, Milestone
from openhour.lib.ids import pk_or_none
from openhour.lib.process import CLIENT, statuses_allowing

PENDING = Prefetch("timers", queryset=WeekTimer.objects.filter(fired_at__isnull=True, cancelled_at__isnull=True))


def weeks_of(*, contract: Contract) -> QuerySet[TimesheetWeek]:
    """The contract's weeks, newest first, with lines, pending timers, events and the milestones that paid them."""
    return weeks_of_contracts(Contract.objects.filter(pk=contract.pk)).prefetch_related("events__by")


@dataclass(frozen=True)
class Totals:
    minutes: int
    amount: int
    disputed_minutes: int


def totals(week: TimesheetWeek, contract: Contract) -> Totals:
    """Hours and their cost, from the prefetched lines."""
    lines = list(week.lines.all())
    minutes = sum(line.minutes for line in lines)
    return Totals(
        minutes=minutes,
        amount=amount_for(minutes, contract.hourly_rate or 0),
        disputed_minutes=sum(line.minutes for line in lines if line.disputed),
    )


def due_at(week: TimesheetWeek, action: str) -> datetime | None:
    """When the pending timer for `action` (close, approve) fires, from the prefetched timers."""
    pending = (t for t in week.timers.all() if t.action == action and not (t.fired_at or t.cancelled_at))
    return next((t.due_at for t in pending), None)


def actions_for(*, user: User) -> list[Action]:
    """For a client: weeks to review (approved by themselves when the window ends), and approved hours the
    wallet could not pay."""
    reviews = (
        TimesheetWeek.objects.filter(
            contract__client=user, status__in=statuses_allowing(TimesheetWeek, "approve", CLIENT)
        )
        .select_related("contract__freelancer")
        .prefetch_related(PENDING)
        .order_by("starts_on", "id")
    )
    actions = [
        Action(
            kind="approve_hours",
            title=_("Review the hours %(name)s logged in the week of %(day)s")
            % {"name": week.contract.freelancer.name, "day": date_format(week.starts_on, "j M Y")},
            url=_page(week.contract),
            due_at=due_at(week, "approve"),
        )
        for week in reviews
    ]
    unpaid = (
        TimesheetWeek.objects.filter(
            contract__client=user,
            contract__status=Contract.Status.ACTIVE,  # a contract not active takes no money (not in the table)
            approved_milestone__status__in=statuses_allowing(Milestone, "fund", CLIENT),
        )
        .select_related("contract__freelancer", "approved_milestone")
        .order_by("starts_on", "id")
    )
    actions += [
        Action(
            kind="pay_hours",
            title=_("Pay approved hours: “%(title)s” for %(name)s")
            % {"title": week.approved_milestone.title, "name": week.contract.freelancer.name},
            url=_page(week.contract),
        )
        for week in unpaid
        if week.approved_milestone is not None
    ]
    return actions


def _page(contract: Contract) -> str:
    return reverse("contract_detail", args=[contract.pk]) + "#timesheet-title"


def _visible_contracts(viewer: User | AnonymousUser | None) -> QuerySet[Contract] | None:
    if viewer is None or not viewer.is_authenticated:
        return None
    if viewer.is_staff:
        return Contract.objects.all()
    return Contract.objects.filter(Q(client_id=viewer.pk) | Q(freelancer_id=viewer.pk))


def line_for(*, line_id: int | str, viewer: User | AnonymousUser | None) -> TimesheetLine | None:
    """A time-sheet line, for its contract's parties and operators only."""
    contracts, pk = _visible_contracts(viewer), pk_or_none(line_id)
    if contracts is None or pk is None:
        return None
    return TimesheetLine.objects.select_related("week").filter(pk=pk, week__contract__in=contracts).first()


def week_for(*, week_id: int | str, viewer: User | AnonymousUser | None) -> TimesheetWeek | None:
    """A week with its lines, for its contract's parties and operators only."""
    contracts, pk = _visible_contracts(viewer), pk_or_none(week_id)
    if contracts is None or pk is None:
        return None
    found = weeks_of_contracts(contracts).filter(pk=pk)
    return found.first()


def weeks_of_contracts(contracts: QuerySet[Contract]) -> QuerySet[TimesheetWeek]:
    return (
        TimesheetWeek.objects.filter(contract__in=contracts)
        .select_related("contract", "approved_milestone", "disputed_milestone")
        .prefetch_related(Prefetch("lines", queryset=TimesheetLine.objects.order_by("worked_on", "id")), PENDING)
    )
