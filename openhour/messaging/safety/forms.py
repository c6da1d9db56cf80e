"""Forms for the safety pages: reporting (a reason and what happened) and closing a report with an outcome."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.messaging.models import Report
from openhour.messaging.safety.services import TEXT_MAX


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why are you reporting this?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What happened (optional)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea({"rows": 3}),
        help_text=_("Only the operators read this; the person is not told who reported them."),
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=TEXT_MAX,
        widget=forms.Textarea({"rows": 2}),
        help_text=_("What was done about it, for the record."),
    )
