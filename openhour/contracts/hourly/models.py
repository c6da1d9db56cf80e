"""Time sheets of hourly contracts: one week per Monday in the contract's time zone, its lines of worked
time, and its process: open while the freelancer logs, in review once Sunday ends, then approved (paid) or
disputed line by line."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.contracts.models import Contract, Milestone
from openhour.lib.process import CLIENT, OPERATOR, SYSTEM, ProcessEvent, Timer, step


class TimesheetWeek(models.Model):
    class Status(models.TextChoices):
        # the freelancer logs time until the end of Sunday
        OPEN = "open", pgettext_lazy("timesheet week status", "Open")
        # the client approves or disputes within the review window
        IN_REVIEW = "in_review", pgettext_lazy("timesheet week status", "In review")
        APPROVED = "approved", pgettext_lazy("timesheet week status", "Approved")
        # some lines disputed, the rest approved
        DISPUTED = "disputed", pgettext_lazy("timesheet week status", "Disputed")

    TRANSITIONS = {
        (Status.OPEN, "close"): step(Status.IN_REVIEW, SYSTEM),
        (Status.IN_REVIEW, "approve"): step(Status.APPROVED, CLIENT, OPERATOR, SYSTEM),
        (Status.IN_REVIEW, "dispute"): step(Status.DISPUTED, CLIENT),
    }

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="timesheet_weeks")
    starts_on = models.DateField(_("week of"))  # a Monday in the contract's time zone
    status = models.CharField(_("status"), max_length=12, choices=Status, default=Status.OPEN, editable=False)
    # What paid it: the approved hours (released once funded) and the disputed hours (held while disputed).
    approved_milestone = models.OneToOneField(
        Milestone, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    disputed_milestone = models.OneToOneField(
        Milestone, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("time-sheet week")
        constraints = [models.UniqueConstraint(fields=["contract", "starts_on"], name="one_timesheet_week_per_monday")]

    def __str__(self) -> str:
        return f"{self.contract} {self.starts_on}"

    @property
    def ends_on(self) -> date:
        return self.starts_on + timedelta(days=6)

    def closes_at(self, time_zone: str) -> datetime:
        """The end of Sunday in the contract's time zone (midnight starting the next Monday)."""
        return datetime.combine(self.starts_on + timedelta(days=7), time.min, tzinfo=ZoneInfo(time_zone))


class TimesheetLine(models.Model):
    week = models.ForeignKey(TimesheetWeek, on_delete=models.CASCADE, related_name="lines")
    worked_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("minutes"))  # quarter hours
    memo = models.CharField(_("memo"), max_length=200)
    disputed = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["worked_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__gt=0), name="timesheet_line_minutes_positive")
        ]

    def __str__(self) -> str:
        return f"{self.worked_on} {self.minutes} min"

    @property
    def hours(self) -> Decimal:
        return Decimal(self.minutes) / 60


class WeekEvent(ProcessEvent):
    week = models.ForeignKey(TimesheetWeek, on_delete=models.CASCADE, related_name="events")


class WeekTimer(Timer):
    """Deadlines of a week: closing at the end of Sunday, then approval when the review window ends."""

    week = models.ForeignKey(TimesheetWeek, on_delete=models.CASCADE, related_name="timers")
