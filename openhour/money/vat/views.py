"""The billing details page (/me/billing): who the platform's fee invoices are made out to, and their VAT."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from openhour.lib.errors import DomainError
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.money.vat import selectors, services
from openhour.money.vat.forms import BillingForm
from openhour.money.vat.models import BillingDetails


@never_cache
@login_required
def billing_details(request: AuthenticatedHttpRequest) -> HttpResponse:
    person = request.user
    details = selectors.billing_details_for(person=person, viewer=person)
    form = BillingForm(request.POST or None, initial=_initial(details))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.billing_details_set(person=person, by=person, data=form.billing_input())
        except DomainError as error:
            add_domain_error(form, error)
        else:
            _tell(request, saved)
            return redirect("billing_details")
    context = {"form": form, "details": details, "terms": selectors.vat_terms_preview(person=person, viewer=person)}
    return render(request, "vat/billing.html", context, status=400 if form.errors else 200)


def _initial(details: BillingDetails | None) -> dict[str, str]:
    if details is None:
        return {"kind": BillingDetails.Kind.CONSUMER}
    fields = ("kind", "legal_name", "vat_number", "address")
    return {**{name: getattr(details, name) for name in fields}, "country": str(details.country)}


def _tell(request: AuthenticatedHttpRequest, saved: BillingDetails) -> None:
    if saved.vat_check == BillingDetails.Check.UNCONFIRMED:
        messages.warning(
            request,
            _(
                "Saved. The EU's VIES service could not be reached, so your VAT number is checked for its format "
                "only: it is accepted, but not confirmed yet. Save again later to confirm it."
            ),
        )
        return
    messages.success(request, _("Saved: your billing details. Your next invoices use them."))
