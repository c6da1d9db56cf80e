"""Pages for direct offers: a client fills in an offer from a freelancer's profile; on the contract page the
freelancer accepts or declines it and the client may withdraw it. Plain POST forms, so no JavaScript is needed."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts import selectors
from openhour.contracts.forms.offers import OfferForm, OfferNoteForm, milestone_formset, milestones_of
from openhour.contracts.models import Contract
from openhour.contracts.services import offers
from openhour.contracts.views.contracts import contract_page
from openhour.lib.errors import Conflict, DomainError, InvalidInput
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.money import fees


@login_required
def offer_new(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The offer form for `?to=<username>`; refusals (yourself, not a freelancer, an offer pending) are pages."""
    user = request.user
    to = request.GET.get("to") or request.POST.get("to") or ""
    freelancer = offers.offer_check(client=user, to=to)
    posted = request.POST if request.method == "POST" else None
    form, formset = OfferForm(posted), milestone_formset(posted)
    milestone_errors: list[str] = []
    if posted is not None and form.is_valid() and formset.is_valid():
        try:
            terms = form.terms()
            rows = milestones_of(formset, terms["currency"]) if terms["kind"] == Contract.Kind.FIXED else []
            contract = offers.offer_create(client=user, to=freelancer.username, milestones=rows, **terms)
        except (InvalidInput, Conflict) as error:
            milestone_errors = error.fields.pop("milestones", [])
            add_domain_error(form, error)
            return _form(request, freelancer, form, formset, milestone_errors, status=error.status)
        messages.success(request, _("Your offer is sent to %(name)s.") % {"name": freelancer.name})
        return redirect("contract_detail", contract.pk)
    return _form(request, freelancer, form, formset, milestone_errors, status=400 if posted is not None else 200)


def _form(
    request: HttpRequest, freelancer: User, form: OfferForm, formset: Any, milestone_errors: list[str], *, status: int
) -> HttpResponse:
    context = {
        "freelancer": freelancer,
        "form": form,
        "formset": formset,
        "milestone_errors": milestone_errors,
        "client_fee_percent": fees.current_schedule().client_fee_rate * 100,
        "expiry_days": settings.OFFER_EXPIRY_DAYS,
    }
    return render(request, "contracts/offer_form.html", context, status=status)


@login_required
@require_POST
def offer_accept(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    done = _("You accepted the offer: the contract is active. Work starts once a milestone is funded.")
    return _answer(request, contract_id, offers.offer_accept, "accept", done)


@login_required
@require_POST
def offer_decline(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    return _answer(request, contract_id, offers.offer_decline, "decline", _("You declined the offer."))


@login_required
@require_POST
def offer_withdraw(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    return _answer(request, contract_id, offers.offer_withdraw, "withdraw", _("You withdrew the offer."))


def _answer(
    request: AuthenticatedHttpRequest, contract_id: int, service: Callable[..., Contract], step: str, done: str
) -> HttpResponse:
    """Apply one step with its optional reason; a refused reason shows the page again with the error (400)."""
    contract = selectors.contract_or_404(contract_id=contract_id, viewer=request.user)
    form = OfferNoteForm(request.POST, prefix=step)
    if not form.is_valid():
        return _refused(request, contract, step, form)
    try:
        service(contract_id=contract.pk, by=request.user, note=form.cleaned_data["note"])
    except DomainError as error:
        if error.status in (403, 404):
            raise
        if error.status == 400:
            add_domain_error(form, error)
            return _refused(request, contract, step, form)
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("contract_detail", contract.pk)


def _refused(request: AuthenticatedHttpRequest, contract: Contract, step: str, form: OfferNoteForm) -> HttpResponse:
    forms: dict[str, Any] = {f"offer_{step}_form": form}
    return contract_page(request, contract, status=400, **forms)
