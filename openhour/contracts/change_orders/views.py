"""The change orders panel of the contract page, and its forms: propose a change, answer or withdraw it,
and write a milestone's acceptance criteria before it is funded."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts import selectors as contract_selectors
from openhour.contracts.change_orders import rules, selectors, services
from openhour.contracts.change_orders.forms import ProposeForm
from openhour.contracts.change_orders.models import ChangeOrder
from openhour.contracts.change_orders.summary import Summary, summarise
from openhour.contracts.models import Contract, Milestone
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.process import CLIENT, FREELANCER, allowed_actions
from openhour.lib.web import AuthenticatedHttpRequest

EVENT = "contracts/change_orders/_event.html"
DONE = {
    "accept": _("Accepted: the contract's plan is updated."),
    "reject": _("Rejected: the plan stays as it was."),
    "withdraw": _("Withdrawn."),
}


@dataclass
class Panel:
    open: Summary | None = None
    past: list[Summary] = field(default_factory=list)
    can_propose: bool = False
    can_answer: bool = False  # the other party of the open change order
    can_withdraw: bool = False  # its proposer, or an operator
    form: ProposeForm | None = None
    criteria: list[Milestone] = field(default_factory=list)  # unfunded milestones whose criteria the parties write
    locked: list[Milestone] = field(default_factory=list)  # funded milestones' agreed criteria
    is_party: bool = False


def panel(*, contract: Contract, user: User) -> dict[str, Any]:
    milestones = list(contract.milestones.all())
    orders = selectors.change_orders_of(contract=contract)
    summaries = [summarise(order, milestones, contract.currency) for order in orders]
    role = contract.role_of(user)
    is_party = role in (CLIENT, FREELANCER)
    changeable = contract.status == Contract.Status.ACTIVE and contract.kind == Contract.Kind.FIXED
    found = Panel(is_party=is_party)
    for summary in summaries:
        if summary.order.status == ChangeOrder.Status.PROPOSED:
            found.open = summary
        else:
            found.past.append(summary)
    if found.open is not None:
        allowed, proposer = allowed_actions(found.open.order, role), found.open.order.proposed_by_id == user.pk
        # The other party answers, while the contract can still change (active, fixed price).
        found.can_answer = "accept" in allowed and changeable and not proposer
        # Of the parties, only the proposer takes it back.
        found.can_withdraw = "withdraw" in allowed and (proposer or user.is_staff)
    found.can_propose = is_party and changeable and found.open is None
    if found.can_propose:
        found.form = ProposeForm(contract=contract, milestones=milestones)
    if is_party and changeable:
        found.criteria = [m for m in milestones if m.status == Milestone.Status.AWAITING_FUNDING]
    found.locked = [m for m in milestones if m.criteria and m.status in rules.HELD]
    timeline = [(e.created_at, e, None, EVENT) for order in orders for e in order.events.all()]
    return {"change_orders": found, "timeline": timeline}


def _page(request: AuthenticatedHttpRequest, contract_id: int, status: int, **extra: Any) -> HttpResponse:
    from openhour.contracts.views.contracts import contract_page  # the contract page includes this module's panel

    contract = contract_selectors.contract_or_404(contract_id=contract_id, viewer=request.user)
    return contract_page(request, contract, status=status, **extra)


def _back(contract_id: int) -> HttpResponse:
    return redirect(reverse("contract_detail", args=[contract_id]) + "#change-orders")


@login_required
@require_POST
def change_order_propose(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    contract = contract_selectors.contract_or_404(contract_id=contract_id, viewer=request.user)
    form = ProposeForm(request.POST, contract=contract, milestones=list(contract.milestones.all()))
    status = 400
    if form.is_valid():
        try:
            services.change_order_propose(
                contract_id=contract.pk,
                by=request.user,
                changes=form.changes(),
                note=form.cleaned_data["note"],
                deadline=form.cleaned_data["deadline"],
            )
        except DomainError as error:
            if error.status == 404:
                raise
            form.add_service_error(error)
            status = error.status
        else:
            messages.success(request, _("Your change is proposed: the other party accepts or rejects it."))
            return _back(contract.pk)
    return _page(request, contract.pk, status, change_order_form=form)


@login_required
@require_POST
def change_order_answer(request: AuthenticatedHttpRequest, change_order_id: int, action: str) -> HttpResponse:
    order = selectors.change_order_for(change_order_id=change_order_id, viewer=request.user)
    if order is None or action not in DONE:
        raise NotFound(_("No such change order."))
    service = {
        "accept": services.change_order_accept,
        "reject": services.change_order_reject,
        "withdraw": services.change_order_withdraw,
    }[action]
    try:
        service(change_order_id=order.pk, by=request.user, note=request.POST.get("note", ""))
    except DomainError as error:
        if error.status == 404:
            raise
        problem = " ".join([error.message, *(m for ms in error.fields.values() for m in ms)])
        return _page(request, order.contract_id, error.status, change_order_problem=problem)
    messages.success(request, DONE[action])
    return _back(order.contract_id)


@login_required
@require_POST
def milestone_criteria(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    contract_id = contract_selectors.milestone_contract_id(milestone_id=milestone_id, viewer=request.user)
    if contract_id is None:
        raise NotFound(_("No such milestone."))
    criteria = request.POST.get("criteria", "")
    try:
        services.milestone_criteria_set(milestone_id=milestone_id, by=request.user, criteria=criteria)
    except DomainError as error:
        if error.status == 404:
            raise
        problem = " ".join([error.message, *(m for ms in error.fields.values() for m in ms)])
        refused = {"milestone": milestone_id, "value": criteria, "problem": problem}
        return _page(request, contract_id, error.status, criteria_refused=refused)
    messages.success(request, _("The acceptance criteria are saved."))
    return _back(contract_id)
