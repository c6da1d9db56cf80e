"""Forms of the wallet pages: history filters, a card deposit and a conversion between wallets."""

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from openhour.lib.money import MINOR_UNITS, Currency
from openhour.money.gateways.sandbox import TEST_CARDS
from openhour.money.selectors import HISTORY_KINDS

SANDBOX_CARDS = {
    "tok_visa": _("Test card that pays (tok_visa)"),
    "tok_3ds": _("Test card that asks you to confirm (tok_3ds)"),
    "tok_declined": _("Test card that is declined (tok_declined)"),
}


class HistoryFilterForm(forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), required=False, choices=[("", _("All")), *Currency.choices])
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All")), *((k, v[0]) for k, v in HISTORY_KINDS.items())]
    )
    since = forms.DateField(
        label=pgettext_lazy("start of a date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=pgettext_lazy("end of a date range", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date comes before the start date."))
        return data

    def filters(self) -> dict[str, Any]:
        """The valid filters as selector arguments; a bad value filters nothing rather than failing the page."""
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "currency": data.get("currency", ""),
            "kind": data.get("kind", ""),
            "since": data.get("since"),
            "until": data.get("until"),
        }


class AmountForm(forms.Form):
    """An amount in major units (pounds, euros) entered by a person, kept as minor units for the services."""

    amount = forms.DecimalField(label=_("Amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2)
    # A fresh key with every form shown: a double click posts it twice, and the money moves once.
    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def clean_amount(self) -> Decimal:
        amount: Decimal = self.cleaned_data["amount"]
        if amount > settings.AMOUNT_CEILING:
            raise forms.ValidationError(_("That is more than we accept at once."))
        return amount

    def minor(self, currency: str) -> int:
        return int(self.cleaned_data["amount"] * MINOR_UNITS[currency])


def fresh_key() -> str:
    return uuid.uuid4().hex


class DepositForm(AmountForm):
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.GBP)
    card_token = forms.CharField(label=_("Card"), max_length=200)

    field_order = ["amount", "currency", "card_token"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if settings.PAYMENT_GATEWAY == "sandbox":
            choices = [(token, label) for token, label in SANDBOX_CARDS.items() if token in TEST_CARDS]
            self.fields["card_token"] = forms.ChoiceField(
                label=_("Card"), choices=choices, help_text=_("The sandbox charges no real card.")
            )
        else:
            self.fields["card_token"].help_text = _("The card token from the payment form.")


class ConvertForm(AmountForm):
    from_currency = forms.ChoiceField(
        label=pgettext_lazy("currency converted from", "From"), choices=Currency.choices, initial=Currency.GBP
    )
    to_currency = forms.ChoiceField(
        label=pgettext_lazy("currency converted to", "To"), choices=Currency.choices, initial=Currency.EUR
    )

    # What the last preview showed: Convert moves money only for the amount and currencies just previewed.
    previewed = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    field_order = ["amount", "from_currency", "to_currency"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("In the currency you convert from.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_currency") and data.get("from_currency") == data.get("to_currency"):
            self.add_error("to_currency", _("Choose a currency other than the one you convert from."))
        return data

    def request_mark(self) -> str:
        """The amount and currencies asked for, as the preview stamps them."""
        data = self.cleaned_data
        return f"{data['amount']}:{data['from_currency']}:{data['to_currency']}"
