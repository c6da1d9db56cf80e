"""The billing details form: it parses what a browser sends; the service judges it (VAT number included)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openhour.accounts.forms import profile_country_choices
from openhour.money.vat.models import BillingDetails
from openhour.money.vat.services import ADDRESS_MAX, BillingInput


class BillingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("You are billed as"), choices=BillingDetails.Kind.choices, widget=forms.RadioSelect
    )
    legal_name = forms.CharField(
        label=_("Legal or company name"),
        max_length=200,
        required=False,
        help_text=_("As registered. Printed on your invoices instead of your profile's company name."),
    )
    vat_number = forms.CharField(
        label=_("VAT number"),
        max_length=30,
        required=False,
        help_text=_(
            "Businesses only, with its country prefix (DE123456789; EL for Greece, XI for Northern Ireland). "
            "A business outside our country with a valid VAT number is invoiced without VAT (reverse charge)."
        ),
    )
    country = forms.ChoiceField(label=_("Country"), choices=profile_country_choices)
    address = forms.CharField(
        label=_("Address"), max_length=ADDRESS_MAX, required=False, widget=forms.Textarea({"rows": 4})
    )

    def billing_input(self) -> BillingInput:
        return BillingInput(**self.cleaned_data)
