"""Time sheets over HTTP: the weeks of an hourly contract, the freelancer's lines, the client's review."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from openhour.api.auth import current_user
from openhour.api.schemas import Input, MoneyOut, money
from openhour.contracts import selectors as contract_selectors
from openhour.contracts.hourly import lines, selectors, services
from openhour.contracts.hourly.clock import hours_text, local_today, monday_of
from openhour.contracts.hourly.models import TimesheetLine, TimesheetWeek
from openhour.contracts.models import Contract
from openhour.lib.errors import Conflict, NotFound

router = Router(tags=["contracts"])


# ---- output shapes -------------------------------------------------------------------------------

HOURS = 'Hours as text, like "1.5" or "2"'


class TimesheetLineOut(Schema):
    id: str
    date: dt.date
    hours: str = Field(description=HOURS)
    minutes: int = Field(description="The same time in minutes, whole quarter hours")
    memo: str
    disputed: bool


class TimesheetMilestoneOut(Schema):
    id: str
    status: str


class TimesheetWeekOut(Schema):
    id: str
    starts_on: dt.date = Field(description="A Monday in the contract's time zone")
    ends_on: dt.date = Field(description="Its Sunday")
    status: str = Field(description="open, in_review, approved or disputed")
    closes_at: dt.datetime = Field(description="Midnight after its Sunday, in the contract's time zone")
    review_ends_at: dt.datetime | None = Field(
        description="In review: when it is approved if the client does not answer"
    )
    hours: str = Field(description=HOURS)
    minutes: int
    amount: MoneyOut = Field(description="The hours at the contract's rate")
    disputed_minutes: int
    lines: list[TimesheetLineOut]
    approved_milestone: TimesheetMilestoneOut | None = Field(description="The milestone that pays the approved hours")
    disputed_milestone: TimesheetMilestoneOut | None = Field(description="The milestone holding the disputed hours")


class TimesheetThisWeekOut(Schema):
    starts_on: dt.date
    hours_left: str = Field(description="Hours still allowed this week under the weekly limit")


class TimesheetOut(Schema):
    contract: str
    hourly_rate: MoneyOut
    weekly_limit: int = Field(description="The most hours a week the client pays for")
    time_zone: str = Field(description="An IANA name; weeks end on Sunday there")
    weeks: list[TimesheetWeekOut] = Field(description="Newest first")
    this_week: TimesheetThisWeekOut


def line_out(line: TimesheetLine) -> dict[str, Any]:
    return {
        "id": str(line.pk),
        "date": line.worked_on,
        "hours": hours_text(line.minutes),
        "minutes": line.minutes,
        "memo": line.memo,
        "disputed": line.disputed,
    }


def week_out(week: TimesheetWeek, contract: Contract) -> dict[str, Any]:
    totals = selectors.totals(week, contract)
    paid, disputed = week.approved_milestone, week.disputed_milestone
    return {
        "id": str(week.pk),
        "starts_on": week.starts_on,
        "ends_on": week.ends_on,
        "status": week.status,
        "closes_at": week.closes_at(contract.time_zone),
        "review_ends_at": selectors.due_at(week, "approve"),
        "hours": hours_text(totals.minutes),
        "minutes": totals.minutes,
        "amount": money(totals.amount, contract.currency),
        "disputed_minutes": totals.disputed_minutes,
        "lines": [line_out(line) for line in week.lines.all()],
        "approved_milestone": {"id": str(paid.pk), "status": paid.status} if paid else None,
        "disputed_milestone": {"id": str(disputed.pk), "status": disputed.status} if disputed else None,
    }


class LineIn(Input):
    date: dt.date
    hours: str | float = Field(description='Hours worked, like 1.5 or "1:30", in quarter hours')
    memo: str = Field(max_length=200)


class LineChangeIn(Input):
    date: dt.date | None = None
    hours: str | float | None = None
    memo: str | None = Field(None, max_length=200)


class ApproveIn(Input):
    note: str = Field("", max_length=2000)


class DisputeIn(Input):
    lines: list[int | str] = Field(min_length=1, max_length=200, description="Ids of the lines disputed")
    # Its least length stated, not checked, here: the service names the reason and the lines together.
    reason: str = Field(max_length=2000, json_schema_extra={"minLength": 1})


@router.get("/contracts/{contract_id}/timesheet", response=TimesheetOut)
def timesheet_get(request: HttpRequest, contract_id: str) -> dict[str, Any]:
    """The weeks of an hourly contract, newest first, with their lines, hours and amounts."""
    contract = contract_selectors.contract_or_404(contract_id=contract_id, viewer=current_user(request))
    if contract.kind != Contract.Kind.HOURLY:
        raise Conflict(_("Only hourly contracts have a time sheet."), code="contract_fixed")
    weeks = [week_out(week, contract) for week in selectors.weeks_of(contract=contract)]
    monday, limit = monday_of(local_today(contract)), (contract.weekly_limit or 0) * 60
    logged = next((week["minutes"] for week in weeks if week["starts_on"] == monday), 0)
    return {
        "contract": str(contract.pk),
        "hourly_rate": money(contract.hourly_rate, contract.currency),
        "weekly_limit": contract.weekly_limit,
        "time_zone": contract.time_zone,
        "weeks": weeks,
        "this_week": {"starts_on": monday, "hours_left": hours_text(max(limit - logged, 0))},
    }


@router.post("/contracts/{contract_id}/timesheet/lines", response={201: TimesheetLineOut})
def line_add(request: HttpRequest, contract_id: str, payload: LineIn) -> Status[dict[str, Any]]:
    """The freelancer logs hours on a day of the open week (400 with field errors past the weekly limit or
    in a closed week)."""
    line = lines.line_add(
        contract_id=contract_id,
        by=current_user(request),
        worked_on=payload.date,
        hours=payload.hours,
        memo=payload.memo,
    )
    return Status(201, line_out(line))


@router.patch("/timesheet-lines/{line_id}", response=TimesheetLineOut)
def line_edit(request: HttpRequest, line_id: str, payload: LineChangeIn) -> dict[str, Any]:
    line = lines.line_edit(
        line_id=line_id, by=current_user(request), worked_on=payload.date, hours=payload.hours, memo=payload.memo
    )
    return line_out(line)


@router.delete("/timesheet-lines/{line_id}", response={204: None})
def line_delete(request: HttpRequest, line_id: str) -> Status[None]:
    lines.line_delete(line_id=line_id, by=current_user(request))
    return Status(204, None)


def _week(week_id: str, request: HttpRequest) -> dict[str, Any]:
    found = selectors.week_for(week_id=week_id, viewer=current_user(request))
    if found is None:
        raise NotFound(_("No such week."))
    return week_out(found, found.contract)


@router.post("/timesheet-weeks/{week_id}/approve", response=TimesheetWeekOut)
def week_approve(request: HttpRequest, week_id: str, payload: ApproveIn | None = None) -> dict[str, Any]:
    """The client (or an operator, with a note) approves a week in review: its hours are charged to the
    client's wallet and paid to the freelancer, or wait for the client's payment if the wallet is short."""
    services.week_approve(week_id=week_id, by=current_user(request), note=payload.note if payload else "")
    return _week(week_id, request)


@router.post("/timesheet-weeks/{week_id}/dispute", response=TimesheetWeekOut)
def week_dispute(request: HttpRequest, week_id: str, payload: DisputeIn) -> dict[str, Any]:
    """The client disputes some lines: the rest is approved and paid, the disputed hours are held in escrow
    (409 `insufficient_funds` when the wallet cannot hold them) while a dispute runs."""
    services.week_dispute(week_id=week_id, by=current_user(request), lines=payload.lines, reason=payload.reason)
    return _week(week_id, request)
