"""Forms for dispute pages. Amounts are typed in major units (pounds) and kept as minor units."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from openhour.lib.money import MINOR_UNITS


def _text(label: StrOrPromise, rows: int = 4, help_text: StrOrPromise = "") -> forms.CharField:
    return forms.CharField(label=label, max_length=5000, widget=forms.Textarea({"rows": rows}), help_text=help_text)


class OpenForm(forms.Form):
    reason = _text(_("Why do you dispute it?"), help_text=_("Both sides and an operator read this."))


class StatementForm(forms.Form):
    text = _text(_("Your statement"))  # evidence files come as `attachments`, read by the view


class AppealForm(forms.Form):
    reason = _text(_("Why is the decision wrong?"))


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Note (operators must give a reason)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea({"rows": 2}),
    )


class DecideForm(forms.Form):
    release = forms.DecimalField(
        label=_("Released to the freelancer"),
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=_(
            "In the contract's currency, before the freelancer's service fee; the rest goes back to the client."
        ),
    )
    decision = _text(_("Written decision (both sides read it)"), rows=5)

    def release_minor(self, currency: str) -> int:
        return int(self.cleaned_data["release"] * MINOR_UNITS[currency])
