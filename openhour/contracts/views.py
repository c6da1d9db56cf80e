"""Pages for contracts: one contract for its two parties and operators, and its money steps — fund,
release, refund — each showing what it costs or pays before the click."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts import selectors, services
from openhour.contracts.forms import NoteForm, PaymentForm
from openhour.contracts.models import Contract, Milestone
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.web import add_domain_error
from openhour.money import escrow, ledger, quotes
from openhour.money.models import Payment


@dataclass
class MilestoneRow:
    milestone: Milestone
    funding: escrow.FundingQuote | None  # shown to the client while it awaits funding
    release: Any  # FeePreview while it is funded: what the freelancer would receive
    can_fund: bool
    can_release: bool
    can_refund: bool
    form: PaymentForm | None = None


def _me(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _contract(request: HttpRequest, contract_id: int) -> Contract:
    contract = selectors.contract_detail(contract_id=contract_id, viewer=request.user)
    if contract is None:  # others' contracts answer like missing ones
        raise NotFound(_("No such contract."))
    return contract


def _rows(contract: Contract, user: User, failed: tuple[int, PaymentForm] | None) -> list[MilestoneRow]:
    is_client, is_freelancer = user.pk == contract.client_id, user.pk == contract.freelancer_id
    rows = []
    for m in contract.milestones.all():
        awaiting, funded = m.status == Milestone.Status.AWAITING_FUNDING, m.status == Milestone.Status.FUNDED
        row = MilestoneRow(
            milestone=m, funding=escrow.funding_quote(m) if awaiting else None,
            release=quotes.release_quote(m) if funded else None,
            can_fund=is_client and awaiting, can_release=is_client and funded, can_refund=is_freelancer and funded,
        )  # fmt: skip
        if row.can_fund:
            row.form = failed[1] if failed and failed[0] == m.pk else PaymentForm(prefix=f"m{m.pk}")
        rows.append(row)
    return rows


def _page(request: HttpRequest, contract: Contract, failed: tuple[int, PaymentForm] | None = None) -> HttpResponse:
    user = _me(request)
    rows = _rows(contract, user, failed)
    milestones = [row.milestone for row in rows]
    timeline = sorted(
        [(e.created_at, e, None) for e in contract.events.all()]
        + [(e.created_at, e, m) for m in milestones for e in m.events.all()],
        key=lambda item: item[0],
    )
    held = sum(m.amount for m in milestones if m.status == Milestone.Status.FUNDED)
    wallet = ledger.wallet(owner=user, currency=contract.currency) if user.pk == contract.client_id else None
    context = {
        "contract": contract, "rows": rows, "timeline": timeline, "held": held,
        "total": sum(m.amount for m in milestones), "wallet": wallet,
    }  # fmt: skip
    return render(request, "contracts/contract_detail.html", context, status=400 if failed else 200)


@login_required
def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    return _page(request, _contract(request, contract_id))


@login_required
@require_POST
def milestone_fund(request: HttpRequest, milestone_id: int) -> HttpResponse:
    contract_id = _contract_of(request, milestone_id)
    form = PaymentForm(request.POST, prefix=f"m{milestone_id}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            funding = services.milestone_fund(
                milestone_id=milestone_id, by=_me(request), method=data["method"], card_token=data["card_token"] or ""
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            done = _("The milestone is funded: the money waits safely in escrow.")
            return after_funding(request, funding, done, reverse("contract_detail", args=[contract_id]))
    return _page(request, _contract(request, contract_id), failed=(milestone_id, form))


def after_funding(request: HttpRequest, funding: services.Funding, done: str, then: str) -> HttpResponse:
    """Where a funding sends the payer: to confirm the card payment (3-D Secure), or on with `done` said."""
    if funding.payment is not None and funding.payment.status == Payment.Status.REQUIRES_ACTION:
        return redirect(funding.payment.action_url)
    messages.success(request, done)
    return redirect(then)


@login_required
@require_POST
def milestone_release(request: HttpRequest, milestone_id: int) -> HttpResponse:
    return _money_step(request, milestone_id, services.milestone_release, _("Released: the money is on its way."))


@login_required
@require_POST
def milestone_refund(request: HttpRequest, milestone_id: int) -> HttpResponse:
    return _money_step(
        request, milestone_id, services.milestone_refund, _("Refunded: the client has the money back in their wallet.")
    )


def _money_step(request: HttpRequest, milestone_id: int, service: Any, done: str) -> HttpResponse:
    contract_id = _contract_of(request, milestone_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        service(milestone_id=milestone_id, by=_me(request), note=note)
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("contract_detail", contract_id)


def _contract_of(request: HttpRequest, milestone_id: int) -> int:
    """The contract of a milestone the person may see; 404 for anyone else."""
    found = selectors.milestone_contract_id(milestone_id=milestone_id, viewer=request.user)
    if found is None:
        raise NotFound(_("No such milestone."))
    return found
