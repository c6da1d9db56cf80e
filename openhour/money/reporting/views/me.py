"""The freelancer's pages: their tax details (/me/tax-details) and yearly statements (/me/statements)."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from openhour.lib.errors import InvalidInput, NotAllowed, NotFound
from openhour.lib.money import format_money
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.money.reporting import selectors
from openhour.money.reporting.forms import TaxDetailsForm
from openhour.money.reporting.services import tax_details_save
from openhour.money.reporting.statement_pdf import statement_pdf


def thresholds() -> dict[str, Any]:
    """The reporting thresholds as pages state them; the amount reads in euros, the currency DAC7 names it in."""
    return {
        "min_transactions": settings.REPORTING_MIN_TRANSACTIONS,
        "min_amount": format_money(settings.REPORTING_MIN_AMOUNT, "EUR"),
    }


@never_cache  # personal data: never kept by a shared cache
@login_required
def tax_details(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A plain form; a refusal shows on the fields it names, with a 400."""
    current = selectors.tax_details_of(seller=request.user)
    form = TaxDetailsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            tax_details_save(user=request.user, by=request.user, **form.cleaned_data)
        except (InvalidInput, NotAllowed) as error:
            add_domain_error(cast(forms.Form, form), error)  # a ModelForm takes errors the same way
        else:
            messages.success(request, _("Your tax details are saved."))
            return redirect("reporting_tax_details")
    needed = current is None and selectors.tax_details_needed(seller=request.user)
    context = {"form": form, "details": current, "needed": needed, **thresholds()}
    return render(request, "reporting/tax_details.html", context, status=400 if form.errors else 200)


@login_required
def statements(request: AuthenticatedHttpRequest) -> HttpResponse:
    years = selectors.statement_years(seller=request.user)
    return render(request, "reporting/statements.html", {"years": years})


@never_cache
@login_required
def statement_download(request: AuthenticatedHttpRequest, year: int) -> HttpResponse:
    """Only one's own: the address names no person, so nobody else's statement can be asked for."""
    if year not in selectors.statement_years(seller=request.user):
        raise NotFound(_("You have no statement for that year."))
    response = HttpResponse(statement_pdf(seller=request.user, year=year), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="statement-{year}.pdf"'
    return response
