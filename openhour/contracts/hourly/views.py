"""The time-sheet panel of an hourly contract's page, and its forms: the freelancer logs, edits and deletes
lines of the open week; the client approves or disputes a week in review. Refused forms show the page
again with their errors (status 400)."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts import selectors as contract_selectors
from openhour.contracts.forms.contracts import NoteForm
from openhour.contracts.hourly import lines, selectors, services
from openhour.contracts.hourly.clock import hours_text, local_today, monday_of
from openhour.contracts.hourly.forms import DisputeForm, LineForm
from openhour.contracts.hourly.models import TimesheetLine, TimesheetWeek
from openhour.contracts.models import Contract, Milestone
from openhour.contracts.views.confirm import Line, confirm_page, confirmed
from openhour.lib.errors import DomainError, NotAllowed, NotFound
from openhour.lib.money import format_money
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, allowed_actions
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.money import fees, quotes
from openhour.money.services import escrow

EVENT = "contracts/hourly/_week_event.html"


@dataclass
class WeekRow:
    week: TimesheetWeek
    lines: list[TimesheetLine]
    totals: selectors.Totals
    hours: str
    closes_at: datetime
    review_ends_at: datetime | None
    funding: escrow.FundingQuote | None = None  # for the reviewer: what approving charges
    release: fees.FeePreview | None = None  # and what the freelancer then receives
    dispute_form: DisputeForm | None = None
    edits: list[tuple[TimesheetLine, LineForm]] = field(default_factory=list)
    to_pay: bool = False  # approved hours this person may fund now (the wallet held too little at approval)


def panel(*, contract: Contract, user: User) -> dict[str, Any]:
    if contract.kind != Contract.Kind.HOURLY:
        return {}
    weeks = list(selectors.weeks_of(contract=contract))
    role = contract.role_of(user)
    is_freelancer, is_client = role == FREELANCER, role == CLIENT
    active = contract.status == Contract.Status.ACTIVE
    monday = monday_of(local_today(contract))
    rows = [_row(week, contract, role, is_freelancer and active and week.starts_on == monday) for week in weeks]
    current = next((row for row in rows if row.week.starts_on == monday and row.week.status == "open"), None)
    limit = (contract.weekly_limit or 0) * 60
    hourly = {
        "weeks": rows,
        "current": current,
        "reviews": [row for row in rows if row.funding is not None],
        "can_log": is_freelancer and active,
        "is_client": is_client,
        "week_start": monday,
        "hours_left": hours_text(max(limit - (current.totals.minutes if current else 0), 0)),
        "line_form": LineForm.for_contract(contract),
        "week_end": TimesheetWeek(starts_on=monday).ends_on,
    }
    timeline = [(e.created_at, e, None, EVENT) for week in weeks for e in week.events.all()]
    return {"hourly": hourly, "timeline": timeline}


def _row(week: TimesheetWeek, contract: Contract, role: str | None, editable: bool) -> WeekRow:
    found = list(week.lines.all())
    allowed = allowed_actions(week, role)
    totals = selectors.totals(week, contract)
    row = WeekRow(
        week=week,
        lines=found,
        totals=totals,
        hours=hours_text(totals.minutes),
        closes_at=week.closes_at(contract.time_zone),
        review_ends_at=selectors.due_at(week, "approve"),
    )
    if "approve" in allowed and totals.amount > 0:  # a week without hours has nothing to quote
        quoted = Milestone(contract=contract, amount=totals.amount)  # what approving would create
        row.funding, row.release = escrow.funding_quote(quoted), quotes.release_quote(quoted)
        row.dispute_form = DisputeForm.for_week(week.pk, found) if "dispute" in allowed else None
    paid, active = week.approved_milestone, contract.status == Contract.Status.ACTIVE
    row.to_pay = paid is not None and "fund" in allowed_actions(paid, role) and active  # a live contract takes money
    if editable and week.status == TimesheetWeek.Status.OPEN:
        row.edits = [(line, LineForm.for_line(line)) for line in found]
    return row


def _back(contract_id: int) -> HttpResponse:
    return redirect(reverse("contract_detail", args=[contract_id]) + "#timesheet-title")


def _contract(request: HttpRequest, contract_id: int) -> Contract:
    return contract_selectors.contract_or_404(contract_id=contract_id, viewer=request.user)


def _refused(request: AuthenticatedHttpRequest, contract_id: int, **failed: Any) -> HttpResponse:
    from openhour.contracts.views.contracts import contract_page  # the page imports this panel

    return contract_page(request, _contract(request, contract_id), status=400, **failed)


def _refusal(form: Any, error: DomainError) -> None:
    """Forbidden and missing stay what they are (an error page); the rest shows on the form."""
    if error.status in (403, 404):
        raise error
    add_domain_error(form, error)


@login_required
@require_POST
def line_add(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    contract = _contract(request, contract_id)
    form = LineForm.for_contract(contract, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            lines.line_add(
                contract_id=contract.pk, by=request.user, worked_on=data["date"], hours=data["hours"], memo=data["memo"]
            )
        except DomainError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("Logged %(hours)s hours.") % {"hours": data["hours"]})
            return _back(contract.pk)
    return _refused(request, contract.pk, hourly_line_form=form)


def _line(request: HttpRequest, line_id: int) -> TimesheetLine:
    line = selectors.line_for(line_id=line_id, viewer=request.user)
    if line is None:
        raise NotFound(_("No such time-sheet line."))
    return line


@login_required
@require_POST
def line_edit(request: AuthenticatedHttpRequest, line_id: int) -> HttpResponse:
    line = _line(request, line_id)
    form = LineForm.for_line(line, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            lines.line_edit(
                line_id=line.pk, by=request.user, worked_on=data["date"], hours=data["hours"], memo=data["memo"]
            )
        except DomainError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("The line is saved."))
            return _back(line.week.contract_id)
    return _refused(request, line.week.contract_id, hourly_edit_form=form)


@login_required
@require_POST
def line_delete(request: AuthenticatedHttpRequest, line_id: int) -> HttpResponse:
    line = _line(request, line_id)
    try:
        lines.line_delete(line_id=line.pk, by=request.user)
    except DomainError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, " ".join([error.message, *(m for ms in error.fields.values() for m in ms)]))
    else:
        messages.success(request, _("The line is deleted."))
    return _back(line.week.contract_id)


def _week(request: HttpRequest, week_id: int) -> TimesheetWeek:
    week = selectors.week_for(week_id=week_id, viewer=request.user)
    if week is None:
        raise NotFound(_("No such week."))
    return week


@login_required
@require_POST
def week_approve(request: AuthenticatedHttpRequest, week_id: int) -> HttpResponse:
    week = _week(request, week_id)
    if week.contract.role_of(request.user) != OPERATOR and not confirmed(request):
        return _confirm_approve(request, week)  # operators act on a written reason instead
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        week = services.week_approve(week_id=week.pk, by=request.user, note=note)
    except DomainError as error:
        if error.status in (403, 404):
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _paid_message(week))
    return _back(week.contract_id)


def _confirm_approve(request: AuthenticatedHttpRequest, week: TimesheetWeek) -> HttpResponse:
    """Approving charges the client: the hours, the fee and what the freelancer receives, asked once more."""
    contract = week.contract
    if "approve" not in allowed_actions(week, contract.role_of(request.user)):
        raise NotAllowed(_("Only the client approves the hours."))
    totals = selectors.totals(week, contract)
    quoted = Milestone(contract=contract, amount=totals.amount)  # what approving would create
    funding, release = escrow.funding_quote(quoted), quotes.release_quote(quoted)
    name, total = contract.freelancer.name, format_money(funding.total, contract.currency)
    rate = format_money(contract.hourly_rate or 0, contract.currency)
    return confirm_page(
        request,
        title=_("Approve the hours of the week of %(day)s?") % {"day": date_format(week.starts_on, "j M Y")},
        intro=_("Approving charges your wallet now and pays %(name)s at once.") % {"name": name},
        lines=[
            Line(_("%(hours)s hours × %(rate)s") % {"hours": hours_text(totals.minutes), "rate": rate}, funding.amount),
            Line(_("Client service fee"), funding.client_fee),
            Line(_("You pay"), funding.total, total=True),
            Line(_("Freelancer service fee"), release.fee),
            Line(_("%(name)s receives") % {"name": name}, release.receive),
        ],
        currency=contract.currency,
        button=_("Confirm and pay %(total)s") % {"total": total},
        back=reverse("contract_detail", args=[contract.pk]) + "#timesheet-title",
    )


def _paid_message(week: TimesheetWeek) -> str:
    paid = week.approved_milestone
    if paid is not None and paid.status == Milestone.Status.AWAITING_FUNDING:
        return _("Approved. Your wallet does not hold enough to pay these hours: pay them below.")
    return _("Approved: the hours are paid to the freelancer.")


@login_required
@require_POST
def week_dispute(request: AuthenticatedHttpRequest, week_id: int) -> HttpResponse:
    week = _week(request, week_id)
    form = DisputeForm.for_week(week.pk, list(week.lines.all()), request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.week_dispute(week_id=week.pk, by=request.user, lines=data["lines"], reason=data["reason"])
        except DomainError as error:
            _refusal(form, error)
        else:
            messages.success(request, _("The disputed hours are held in escrow; the rest is approved."))
            return _back(week.contract_id)
    return _refused(request, week.contract_id, hourly_dispute_form=form)
