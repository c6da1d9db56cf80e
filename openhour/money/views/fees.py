"""The public fees page: the schedule in plain words, a worked example and a calculator."""

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from openhour.lib.money import MINOR_UNITS, Currency
from openhour.money.fees import FeePreview, FeeSchedule, client_fee, current_schedule, freelancer_fee

EXAMPLE_AMOUNT = 60_000  # £600: a first job with a new client crosses the first tier


class FeeCalculatorForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount for the work"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices, initial=Currency.GBP)
    billed = forms.DecimalField(
        label=_("Already billed between this freelancer and this client"),
        required=False,
        min_value=Decimal(0),
        max_digits=12,
        decimal_places=2,
        help_text=_("Leave empty for a first job together."),
    )

    def clean_amount(self) -> Decimal:
        amount: Decimal = self.cleaned_data["amount"]
        if amount > settings.AMOUNT_CEILING:
            raise forms.ValidationError(_("That is more than we accept for one piece of work."))
        return amount

    def minor(self, name: str) -> int:
        value = self.cleaned_data[name] or Decimal(0)
        return int(value * MINOR_UNITS[self.cleaned_data["currency"]])


@dataclass(frozen=True)
class Breakdown:
    freelancer: FeePreview
    client_fee: int
    billed_before: int

    @property
    def client_pays(self) -> int:
        return self.freelancer.amount + self.client_fee

    @property
    def currency(self) -> str:
        return self.freelancer.currency


def breakdown(*, amount: int, currency: str, billed_before: int, schedule: FeeSchedule) -> Breakdown:
    """Both sides of one payment, by the same functions every money form uses."""
    preview = freelancer_fee(amount=amount, billed_before=billed_before, currency=currency, schedule=schedule)
    charge = client_fee(amount=amount, currency=currency, schedule=schedule)
    return Breakdown(freelancer=preview, client_fee=charge, billed_before=billed_before)


def _percent(rate: Decimal) -> str:
    """7.5 in English, 7,5 in French and German; the sentences around it place the % sign as each language does."""
    return number_format((rate * 100).normalize(), use_l10n=True)


def fees(request: HttpRequest) -> HttpResponse:
    schedule = current_schedule()
    form = FeeCalculatorForm(request.GET or None)
    result = None
    if form.is_valid():
        result = breakdown(
            amount=form.minor("amount"),
            currency=form.cleaned_data["currency"],
            billed_before=form.minor("billed"),
            schedule=schedule,
        )
    tiers = [
        {"ceilings": [ceiling for ceiling, _rate in schedule.tiers_in(code)], "currency": code}
        for code in Currency.values
    ]
    context = {
        "schedule": schedule,
        "form": form,
        "result": result,
        "example": breakdown(amount=EXAMPLE_AMOUNT, currency="GBP", billed_before=0, schedule=schedule),
        "rates": [_percent(rate) for _ceiling, rate in schedule.freelancer_tiers],
        "tiers": tiers,
        "client_percent": _percent(schedule.client_fee_rate),
        "conversion_percent": _percent(schedule.conversion_fee_rate),
        "payout_minimum": settings.PAYOUT_MINIMUM,
        "hold_days": settings.PAYOUT_HOLD_DAYS,
    }
    return render(request, "money/fees.html", context, status=400 if form.errors else 200)
