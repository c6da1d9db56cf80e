"""The form that accepts the current terms, naming the version the person read."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    accept = forms.BooleanField(
        label=_("I accept the updated terms of service."),
        error_messages={"required": _("Tick the box to accept the terms of service.")},
    )
