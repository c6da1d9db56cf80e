"""Pages for payouts: my withdrawals, a withdraw form that shows what arrives and when before the click,
and my payout methods (add, remove)."""

import secrets
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from openhour.accounts.mfa import step_up_required
from openhour.accounts.models import User
from openhour.lib.errors import Conflict, DomainError
from openhour.lib.money import MINOR_UNITS, Currency
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.money.models import Account, PayoutMethod, Purpose
from openhour.money.payouts import methods, services
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord

# Form field -> details key, per kind: one plain form holds every kind's fields, grouped.
KIND_FIELDS = {
    "bank_transfer": {
        "bank_account_holder": "account_holder",
        "bank_iban": "iban",
        "bank_bic": "bic",
        "bank_sort_code": "sort_code",
        "bank_account_number": "account_number",
    },
    "paypal": {"paypal_email": "email"},
    "wire": {
        "wire_account_holder": "account_holder",
        "wire_swift": "swift",
        "wire_account_number": "account_number",
        "wire_bank_name": "bank_name",
        "wire_bank_address": "bank_address",
        "wire_country": "country",
    },
}
GROUPS = [
    ("bank_transfer", gettext_lazy("Bank account: an IBAN with its BIC, or a UK sort code and account number")),
    ("paypal", gettext_lazy("PayPal")),
    ("wire", gettext_lazy("International wire (SWIFT)")),
]


def _text(label: StrOrPromise, **extra: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=200, **extra)


class MethodForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind of method"), choices=PayoutMethod.Kind.choices, widget=forms.RadioSelect
    )
    bank_account_holder = _text(gettext_lazy("Account holder"))
    bank_iban = _text(gettext_lazy("IBAN"), help_text=gettext_lazy("Spaces are fine."))
    bank_bic = _text(gettext_lazy("BIC"))
    bank_sort_code = _text(gettext_lazy("Sort code (UK)"), help_text=gettext_lazy("Instead of an IBAN: 12-34-56."))
    bank_account_number = _text(gettext_lazy("Account number (UK, eight digits)"))
    paypal_email = _text(gettext_lazy("PayPal e-mail address"), widget=forms.EmailInput)
    wire_account_holder = _text(gettext_lazy("Account holder"))
    wire_swift = _text(gettext_lazy("SWIFT code (BIC)"))
    wire_account_number = _text(gettext_lazy("Account number"))
    wire_bank_name = _text(gettext_lazy("Bank name"))
    wire_bank_address = _text(gettext_lazy("Bank address"))
    wire_country = _text(gettext_lazy("Bank country (two letters, e.g. US)"))

    def clean(self) -> dict[str, Any]:
        """Only the chosen kind's fields count: what was typed into another kind's (now hidden) fields is ignored."""
        chosen = KIND_FIELDS.get(self.cleaned_data.get("kind", ""), {})
        for name in [name for fields in KIND_FIELDS.values() for name in fields if name not in chosen]:
            self.errors.pop(name, None)
            self.cleaned_data[name] = ""
        return self.cleaned_data

    def details(self) -> dict[str, str]:
        fields = KIND_FIELDS[self.cleaned_data["kind"]]
        return {key: self.cleaned_data[name] for name, key in fields.items() if self.cleaned_data[name].strip()}

    def groups(self) -> list[dict[str, Any]]:
        return [
            {"kind": kind, "legend": legend, "fields": [self[name] for name in KIND_FIELDS[kind]]}
            for kind, legend in GROUPS
        ]

    def add_service_error(self, error: DomainError) -> None:
        """`details.iban` from the service is this form's `bank_iban` (for the kind chosen)."""
        kind = self.cleaned_data.get("kind", "")
        by_key = {key: name for name, key in KIND_FIELDS.get(kind, {}).items()}
        fields = {by_key.get(key.removeprefix("details."), key): found for key, found in error.fields.items()}
        add_domain_error(self, type(error)(error.message, fields=fields, code=error.code))


@login_required
def method_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = [(method, methods.display(method)) for method in methods.active_methods(owner=request.user)]
    return render(request, "money/payouts/methods.html", {"methods": rows, "now": timezone.now()})


@login_required
@step_up_required
def method_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = MethodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            method = methods.payout_method_add(
                owner=request.user, kind=form.cleaned_data["kind"], details=form.details()
            )
        except DomainError as error:
            form.add_service_error(error)
        else:
            messages.success(
                request,
                _("Payout method added. For your security you can use it from %(date)s.")
                % {"date": date_format(timezone.localtime(method.usable_from), "DATETIME_FORMAT")},
            )
            return redirect("payout_methods")
    return render(request, "money/payouts/method_new.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def method_remove(request: AuthenticatedHttpRequest, method_id: int) -> HttpResponse:
    try:
        methods.payout_method_remove(owner=request.user, method_id=method_id)
    except Conflict as error:  # a withdrawal to it is under way; someone else's method stays a 404
        messages.error(request, error.message)
    else:
        messages.success(request, _("Payout method removed."))
    return redirect("payout_methods")


@login_required
def payout_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(services.payouts_of(owner=request.user), 25).get_page(request.GET.get("page"))
    rows = [(payout, methods.display(payout.method)) for payout in page]
    return render(request, "money/payouts/list.html", {"page": page, "rows": rows})


class WithdrawForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    currency = forms.ChoiceField(label=gettext_lazy("From your wallet in"), choices=Currency.choices)
    method = forms.TypedChoiceField(label=pgettext_lazy("where a payout goes", "To"), coerce=int)
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)  # one payout per form, however often it is sent

    def __init__(self, *args: Any, owner: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = list(methods.active_methods(owner=owner))
        choice = self.fields["method"]
        assert isinstance(choice, forms.ChoiceField)
        choice.choices = [(m.pk, methods.display(m)) for m in self.options]

    def minor(self) -> int:
        return int(self.cleaned_data["amount"] * MINOR_UNITS[self.cleaned_data["currency"]])

    def chosen(self) -> PayoutMethod:
        return next(m for m in self.options if m.pk == self.cleaned_data["method"])


@login_required
@step_up_required
def payout_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Two steps without JavaScript: "Review" shows what arrives where and when; "Withdraw" does it."""
    form = WithdrawForm(request.POST or None, owner=request.user, initial={"key": secrets.token_urlsafe(16)})
    review = None
    if request.method == "POST" and form.is_valid():
        if "confirm" in request.POST and request.POST.get("reviewed") == _signature(form):
            try:
                services.payout_request(
                    owner=request.user,
                    amount=form.minor(),
                    currency=form.cleaned_data["currency"],
                    method_id=form.cleaned_data["method"],
                    idempotency_key=f"page:{form.cleaned_data['key']}",
                )
            except DomainError as error:
                add_domain_error(form, error)
            else:
                access_record(request=request, user=request.user, kind=AccessRecord.Kind.WITHDRAW)
                messages.success(request, _("Withdrawal requested. The amount is set aside in your wallet."))
                return redirect("payouts")
        else:
            review = _review(request, form)
    return render(
        request,
        "money/payouts/new.html",
        {"form": form, "review": review, "wallets": _wallets(request.user)},
        status=400 if form.errors else 200,
    )


def _review(request: HttpRequest, form: WithdrawForm) -> dict[str, Any]:
    method = form.chosen()
    now = timezone.now()
    return {
        "amount": form.minor(),
        "currency": form.cleaned_data["currency"],
        "method": methods.display(method),
        "hold_until": max(now, method.usable_from),
        "held": method.usable_from > now,
        "kind": method.kind,
        "signature": _signature(form),
    }


def _signature(form: WithdrawForm) -> str:
    """What the person reviewed: a changed amount, currency or method is shown for review again."""
    return f"{form.minor()}|{form.cleaned_data['currency']}|{form.cleaned_data['method']}"


def _wallets(user: User) -> list[Account]:
    """The person's wallets, for the form's hint of what is available."""
    return list(Account.objects.filter(owner=user, purpose=Purpose.WALLET, reference="").order_by("currency"))


@login_required
@require_POST
def payout_cancel(request: AuthenticatedHttpRequest, payout_id: str) -> HttpResponse:
    payout = services.payout_for(owner=request.user, payout_id=payout_id)
    try:
        services.payout_cancel(payout_id=payout.pk, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Withdrawal cancelled: the money is back in your wallet."))
    return redirect("payouts")
