"""Operator pages for contracts: every contract, filtered by status; and on a contract page, any step the
tables grant operators from the current states, always with a written reason, through the same services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts import selectors
from openhour.contracts.forms.offers import OperatorForm
from openhour.contracts.models import Contract
from openhour.contracts.services import contracts as services
from openhour.contracts.services import offers
from openhour.contracts.views.contracts import contract_page
from openhour.lib.errors import DomainError, NotAllowed
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error

PAGE_SIZE = 50


@login_required
@require_POST
def contract_operate(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    """Apply the chosen operator step; without a reason (or once it no longer applies) the page says why."""
    user = request.user
    contract = selectors.contract_or_404(contract_id=contract_id, viewer=user)
    if not offers.is_operator_of(contract, user):
        raise NotAllowed(_("Only operators take these steps."))
    form = OperatorForm(request.POST, steps=offers.operator_steps(contract))
    status = 400
    if form.is_valid():
        try:
            _apply(form.cleaned_data["action"], contract, user, form.cleaned_data["note"])
        except DomainError as error:
            if error.status == 404:
                raise
            add_domain_error(form, error)
            status = error.status
        else:
            messages.success(request, _("Done. The reason is in the contract's timeline."))
            return redirect("contract_detail", contract.pk)
    operator = offers.operator_context(contract=contract, user=user, form=form)
    return contract_page(request, contract, status=status, operator=operator)


def _apply(action: str, contract: Contract, by: User, note: str) -> None:
    """Run the service behind one of `offers.operator_steps` (the form accepts no other value)."""
    subject, *rest = action.split(":")
    if action == "contract:end":
        services.contract_end(contract_id=contract.pk, by=by, note=note)
    elif action == "contract:withdraw":
        offers.offer_withdraw(contract_id=contract.pk, by=by, note=note)
    elif subject == "milestone" and rest[1] == "release":
        services.milestone_release(milestone_id=rest[0], by=by, note=note)
    elif subject == "milestone" and rest[1] == "refund":
        services.milestone_refund(milestone_id=rest[0], by=by, note=note)


class ContractFilter(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("Any status")), *Contract.Status.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", gettext_lazy("Any kind")), *Contract.Kind.choices]
    )


@login_required
def operations_contracts(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every contract, newest first, filtered by status and kind: for operators only."""
    if not request.user.is_staff:
        raise NotAllowed(_("Only operators see every contract."))
    form = ContractFilter(request.GET)
    rows = Contract.objects.select_related("client", "freelancer").order_by("-created_at", "-id")
    if form.is_valid():
        wanted = {name: value for name, value in form.cleaned_data.items() if value}
        rows = rows.filter(**wanted)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    return render(request, "contracts/offer_operations.html", context)
