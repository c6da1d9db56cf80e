"""Forms of the time-sheet panel: a line of hours, and the client's dispute of some lines."""

from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from openhour.contracts.hourly.clock import hours_text, local_start, local_today
from openhour.contracts.hourly.lines import MEMO_MAX
from openhour.contracts.hourly.models import TimesheetLine
from openhour.contracts.hourly.services import REASON_MAX
from openhour.contracts.models import Contract


class LineForm(forms.Form):
    """Hours as typed (1.5 or 1:30): the service checks them, with the date and the weekly limit."""

    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.CharField(
        label=_("Hours"),
        max_length=10,
        help_text=_("Like 1.5 or 1:30, in quarter hours."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    memo = forms.CharField(label=_("What you worked on"), max_length=MEMO_MAX)

    line_id: int | None = None  # the line an edit form belongs to

    @classmethod
    def for_contract(cls, contract: Contract, data: Any = None) -> "LineForm":
        """The form to log a line: today by default, and the date picker offers only the days allowed."""
        form = cls(data, prefix="hl", initial={"date": local_today(contract)})
        bounds = {"min": local_start(contract).isoformat(), "max": local_today(contract).isoformat()}
        form.fields["date"].widget.attrs.update(bounds)
        return form

    @classmethod
    def for_line(cls, line: TimesheetLine, data: Any = None) -> "LineForm":
        initial = {"date": line.worked_on, "hours": hours_text(line.minutes), "memo": line.memo}
        form = cls(data, prefix=f"line{line.pk}", initial=initial)
        form.line_id = line.pk
        return form


class DisputeForm(forms.Form):
    lines = forms.MultipleChoiceField(label=_("Lines you dispute"), widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(label=_("Why"), max_length=REASON_MAX, widget=forms.Textarea({"rows": 3}))

    week_id: int | None = None

    @classmethod
    def for_week(cls, week_id: int, lines: list[TimesheetLine], data: Any = None) -> "DisputeForm":
        form = cls(data, prefix=f"week{week_id}")
        form.week_id = week_id
        form.fields["lines"].choices = [  # type: ignore[attr-defined]
            (str(line.pk), f"{date_format(line.worked_on, 'D j M')} · {hours_text(line.minutes)} h · {line.memo}")
            for line in lines
        ]
        return form
