"""The filters of the operators' personal-data access log."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PersonalDataAccess


class AccessLogFilter(forms.Form):
    person = forms.CharField(
        label=_("Person (username)"), required=False, max_length=150, help_text=_("Whose data, or who looked.")
    )
    what = forms.ChoiceField(
        label=_("What happened"), required=False, choices=[("", _("Anything")), *PersonalDataAccess.What.choices]
    )
    since = forms.DateField(label=_("From (day)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("Until (day)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", _("The last day comes after the first."))
        return cleaned
