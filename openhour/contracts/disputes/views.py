"""Dispute pages: the panel on the contract page (open a dispute, links to each one), the dispute page for
its two parties and operators, evidence downloads, and the operators' queue. Everyone else gets a 404."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts import selectors as contract_selectors
from openhour.contracts.disputes import decisions, selectors, services
from openhour.contracts.disputes.access import role_in
from openhour.contracts.disputes.forms import AppealForm, DecideForm, OpenForm, StatementForm, WithdrawForm
from openhour.contracts.disputes.models import Dispute
from openhour.contracts.models import Contract, Milestone
from openhour.lib import private_files
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, allowed_actions
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error

EVENT = "contracts/disputes/_event.html"
FORM_FLAGS = {"statement_form": "state", "appeal_form": "appeal", "withdraw_form": "withdraw", "decide_form": "decide"}

QUEUE_PAGE = 50  # disputes shown at once to an operator, oldest first


@dataclass
class OpenRow:
    milestone: Milestone
    form: OpenForm


def open_rows(contract: Contract, user: User, failed: tuple[int, OpenForm] | None = None) -> list[OpenRow]:
    """A "dispute this milestone" form for each milestone its table lets this party dispute (held ones)."""
    role = contract.role_of(user)
    if role not in (CLIENT, FREELANCER):  # only the parties open disputes: nobody else sees a refused form either
        return []
    return [
        OpenRow(m, failed[1] if failed and failed[0] == m.pk else OpenForm(prefix=f"d{m.pk}"))
        for m in contract.milestones.all()
        if "dispute" in allowed_actions(m, role) or (failed and failed[0] == m.pk)  # a refused form stays on show
    ]


def panel(*, contract: Contract, user: User) -> dict[str, Any]:
    disputes = selectors.disputes_of_contract(contract_id=contract.pk)
    timeline = [(e.created_at, e, None, EVENT) for d in disputes for e in d.events.all() if e.action != "open"]
    return {
        "dispute_list": disputes,
        "dispute_open_rows": open_rows(contract, user),
        "timeline": timeline,
        "dispute_response_days": settings.DISPUTE_RESPONSE_DAYS,
    }


@login_required
@require_POST
def dispute_open(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    from openhour.contracts.views.contracts import contract_page  # the contract page imports this module

    contract_id = contract_selectors.milestone_contract_id(milestone_id=milestone_id, viewer=request.user)
    if contract_id is None:
        raise NotFound(_("No such milestone."))
    form = OpenForm(request.POST, prefix=f"d{milestone_id}")
    if form.is_valid():
        try:
            dispute = services.dispute_open(
                milestone_id=milestone_id, by=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            if error.status == 404:
                raise
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your dispute is open. The other side has until the deadline to answer."))
            return redirect("dispute_detail", dispute.pk)
    contract = contract_selectors.contract_or_404(contract_id=contract_id, viewer=request.user)
    rows = open_rows(contract, request.user, failed=(milestone_id, form))
    return contract_page(request, contract, status=400, dispute_open_rows=rows)


def _dispute(request: HttpRequest, dispute_id: int) -> Dispute:
    found = selectors.dispute_detail(dispute_id=dispute_id, viewer=request.user)
    if found is None:  # others' disputes answer like missing ones
        raise NotFound(_("No such dispute."))
    return found


def _page(
    request: AuthenticatedHttpRequest, dispute: Dispute, *, status: int = 200, **refused: forms.Form
) -> HttpResponse:
    user, role = request.user, role_in(dispute, request.user)
    allowed = allowed_actions(dispute, role)
    appeal_open = dispute.due_at is None or dispute.due_at > timezone.now()
    context = {
        "dispute": dispute,
        "milestone": dispute.milestone,
        "contract": dispute.milestone.contract,
        "role": role,
        "currency": dispute.milestone.contract.currency,
        "is_operator": role == OPERATOR,
        "refund": dispute.held - dispute.release if dispute.release is not None else None,
        "first_refund": dispute.held - dispute.first_release if dispute.first_release is not None else None,
        "paid_net": dispute.milestone.released - dispute.milestone.freelancer_fee,
        "paid_fee": dispute.milestone.freelancer_fee,
        "can_state": dispute.status in services.HEARING,
        # Only a party the decision did not give everything appeals, within the appeal window.
        "can_appeal": "appeal" in allowed and selectors.may_appeal(dispute, role) and appeal_open,
        # Of the parties, only the one who opened the dispute withdraws it.
        "can_withdraw": "withdraw" in allowed and (role == OPERATOR or user.pk == dispute.opened_by_id),
        # An appeal goes to another operator than the one who decided.
        "can_decide": bool(allowed & {"decide", "decide_appeal"})
        and user.pk != (dispute.decided_by_id if dispute.status == Dispute.Status.APPEALED else None),
        "statement_form": StatementForm(),
        "appeal_form": AppealForm(),
        "withdraw_form": WithdrawForm(),
        "decide_form": DecideForm(),
    }
    # A refused form stays on show with its reason, even where the state no longer offers it.
    shown = {f"can_{FORM_FLAGS[name]}": True for name in refused}
    return render(request, "contracts/disputes/detail.html", context | refused | shown, status=status)


@login_required
def dispute_detail(request: AuthenticatedHttpRequest, dispute_id: int) -> HttpResponse:
    return _page(request, _dispute(request, dispute_id))


def _act(
    request: AuthenticatedHttpRequest, dispute_id: int, name: str, form: forms.Form, act: Any, done: str
) -> HttpResponse:
    """Run `act(form)` with a valid form; a refusal shows the page again with the form's errors (404 stays)."""
    dispute = _dispute(request, dispute_id)
    if form.is_valid():
        try:
            act(form, dispute)
        except DomainError as error:
            if error.status == 404:
                raise
            add_domain_error(form, error)
        else:
            messages.success(request, done)
            return redirect("dispute_detail", dispute.pk)
    return _page(request, _dispute(request, dispute_id), status=400, **{name: form})


@login_required
@require_POST
def dispute_statement(request: AuthenticatedHttpRequest, dispute_id: int) -> HttpResponse:
    def act(form: forms.Form, dispute: Dispute) -> None:
        services.dispute_statement_add(
            dispute_id=dispute.pk,
            by=request.user,
            text=form.cleaned_data["text"],
            files=request.FILES.getlist("attachments"),
        )

    return _act(request, dispute_id, "statement_form", StatementForm(request.POST), act, _("Your statement is added."))


@login_required
@require_POST
def dispute_appeal(request: AuthenticatedHttpRequest, dispute_id: int) -> HttpResponse:
    def act(form: forms.Form, dispute: Dispute) -> None:
        services.dispute_appeal(dispute_id=dispute.pk, by=request.user, reason=form.cleaned_data["reason"])

    done = _("Your appeal is sent: a different operator decides, and that decision is final.")
    return _act(request, dispute_id, "appeal_form", AppealForm(request.POST), act, done)


@login_required
@require_POST
def dispute_withdraw(request: AuthenticatedHttpRequest, dispute_id: int) -> HttpResponse:
    def act(form: forms.Form, dispute: Dispute) -> None:
        services.dispute_withdraw(dispute_id=dispute.pk, by=request.user, note=form.cleaned_data["note"])

    done = _("The dispute is withdrawn: the milestone carries on where it was.")
    return _act(request, dispute_id, "withdraw_form", WithdrawForm(request.POST), act, done)


@login_required
@require_POST
def dispute_decide(request: AuthenticatedHttpRequest, dispute_id: int) -> HttpResponse:
    def act(form: forms.Form, dispute: Dispute) -> None:
        assert isinstance(form, DecideForm)
        release = form.release_minor(dispute.milestone.contract.currency)
        decisions.dispute_decide(
            dispute_id=dispute.pk, by=request.user, release=release, decision=form.cleaned_data["decision"]
        )

    return _act(request, dispute_id, "decide_form", DecideForm(request.POST), act, _("The decision is recorded."))


@login_required
def dispute_evidence(request: AuthenticatedHttpRequest, evidence_id: int) -> HttpResponseBase:
    """An evidence file, for the dispute's parties and operators only, always as a download."""
    return private_files.serve_found(selectors.evidence_for(evidence_id=evidence_id, viewer=request.user))


@login_required
def dispute_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only: disputes waiting for a decision or an appeal decision, oldest first."""
    if not request.user.is_staff:
        raise NotFound()
    page = Paginator(selectors.dispute_queue(), QUEUE_PAGE).get_page(request.GET.get("page"))
    context = {"disputes": page.object_list, "page": page, "open_count": selectors.disputes_open_count()}
    return render(request, "contracts/disputes/queue.html", context)
