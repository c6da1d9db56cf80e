"""Pages for proposals: a freelancer sends and edits one; the project's client compares, shortlists,
declines and hires. Every button is a plain POST form, so all of it works without JavaScript."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts.views.confirm import Line, confirm_page, confirmed, pin_moved
from openhour.jobs.forms.projects import to_minor
from openhour.jobs.forms.proposals import (
    DeclineForm,
    ProposalForm,
    SortForm,
    milestone_formset,
    milestones_initial,
    milestones_of,
    with_one_more_row,
)
from openhour.jobs.insights import work_insight
from openhour.jobs.models import Project, Proposal
from openhour.jobs.selectors import projects as project_selectors
from openhour.jobs.selectors import proposals as selectors
from openhour.jobs.services import proposals as services
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound, field_errors
from openhour.lib.process import CLIENT, FREELANCER, allowed_actions
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error, page_of
from openhour.money import fees
from openhour.money.fees import FeePreview

PAGE_SIZE = 20


def _project(project_id: int, user: User) -> Project:
    project = project_selectors.project_detail(project_id=project_id, viewer=user)
    if project is None:
        raise NotFound(_("No such project."))
    return project


def _proposal(proposal_id: int, user: User) -> Proposal:
    proposal = selectors.proposal_detail(proposal_id=proposal_id, viewer=user)
    if proposal is None:
        raise NotFound(_("No such proposal."))
    return proposal


@login_required
def proposal_new(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """The proposal form; "Preview" and "Add another milestone" re-render it with the fee breakdown."""
    user = request.user
    project = _project(project_id, user)
    services.proposal_send_check(project=project, freelancer=user)  # refusals become a 403/409 page
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "send")
    if posted is not None and action == "add":
        posted = with_one_more_row(posted)
    form, formset = ProposalForm(posted, request.FILES if posted is not None else None), milestone_formset(posted)
    if posted is not None and action == "send" and form.is_valid() and formset.is_valid():
        try:
            terms = _terms(form, formset, project) | {"files": form.cleaned_data["attachments"]}
            proposal = services.proposal_send(project_id=project.pk, freelancer=user, **terms)
        except (InvalidInput, Conflict) as error:
            add_domain_error(form, error)
            return _form_page(request, project, form, formset, proposal=None, status=error.status)
        else:
            messages.success(request, _("Your proposal is sent. The client will be told."))
            return redirect("proposal_detail", proposal.pk)
    return _form_page(request, project, form, formset, proposal=None)


@login_required
def proposal_edit(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    user = request.user
    proposal = _proposal(proposal_id, user)
    if proposal.freelancer_id != user.pk:
        raise NotFound(_("No such proposal."))
    posted = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "send")
    if posted is not None and action == "add":
        posted = with_one_more_row(posted)
    form = ProposalForm(posted, initial=ProposalForm.initial_for(proposal))
    formset = milestone_formset(posted, initial=milestones_initial(proposal))
    if posted is not None and action == "send" and form.is_valid() and formset.is_valid():
        try:
            services.proposal_edit(proposal_id=proposal.pk, by=user, **_terms(form, formset, proposal.project))
        except (InvalidInput, Conflict) as error:
            add_domain_error(form, error)
            return _form_page(request, proposal.project, form, formset, proposal=proposal, status=error.status)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("proposal_detail", proposal.pk)
    return _form_page(request, proposal.project, form, formset, proposal=proposal)


def _terms(form: ProposalForm, formset: Any, project: Project) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "cover_letter": data["cover_letter"],
        "price": to_minor(data["price"], project.currency),
        "delivery_days": data["delivery_days"],
        "milestones": milestones_of(formset, project.currency),
    }


def _form_page(
    request: AuthenticatedHttpRequest,
    project: Project,
    form: ProposalForm,
    formset: Any,
    *,
    proposal: Proposal | None,
    status: int | None = None,
) -> HttpResponse:
    user = request.user
    fee, client_fee = None, 0
    if form.is_bound and form.is_valid():
        price = to_minor(form.cleaned_data["price"], project.currency)
        if price:
            fee = selectors.fee_preview(
                client_id=project.client_id, freelancer_id=user.pk, amount=price, currency=project.currency
            )
            client_fee = _client_fee(formset, price, project.currency)
    errors = bool(form.errors) or (formset.is_bound and not formset.is_valid())
    context = {
        "project": project,
        "form": form,
        "formset": formset,
        "proposal": proposal,
        "fee": fee,
        "client_fee": client_fee,
        "client_pays": fee.amount + client_fee if fee else 0,
        "allowance": selectors.allowance(freelancer=user),
        "insight": work_insight(
            category=project.category.slug, budget_type=project.budget_type, currency=project.currency
        ),
    }
    if status is None:
        status = 400 if errors and request.POST.get("action", "send") == "send" else 200
    return render(request, "jobs/proposal_form.html", context, status=status)


def _client_fee(formset: Any, price: int, currency: str) -> int:
    """What the client will pay on top of `price`: the fee of each milestone as they fund it (the whole price as
    one milestone while the milestones do not add up to it yet)."""
    amounts = [row["amount"] for row in milestones_of(formset, currency)] if formset.is_valid() else []
    if sum(amounts) != price:
        amounts = [price]
    return fees.client_fee_on_milestones(amounts=amounts, currency=currency)


@login_required
def proposal_detail(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """For its freelancer and the project's client; the client opening it marks it read."""
    user = request.user
    proposal = _proposal(proposal_id, user)
    services.proposal_mark_viewed(proposal=proposal, by=user)
    fee: FeePreview = selectors.proposal_fees([proposal])[proposal.pk]
    amounts = [m.amount for m in proposal.milestones.all()]
    client_fee = fees.client_fee_on_milestones(amounts=amounts, currency=proposal.currency)
    is_client, is_freelancer = proposal.project.client_id == user.pk, proposal.freelancer_id == user.pk
    role = CLIENT if is_client else FREELANCER if is_freelancer else None
    context = {
        "proposal": proposal,
        "project": proposal.project,
        "fee": fee,
        "decline_form": DeclineForm(),
        "client_fee": client_fee,
        "client_pays": proposal.price + client_fee,
        "is_client": is_client,
        "is_freelancer": is_freelancer,
        "actions": allowed_actions(proposal, role),  # the buttons: Proposal.TRANSITIONS for the viewer's part
        "contract": getattr(proposal, "contract", None) if proposal.status == Proposal.Status.ACCEPTED else None,
        "files": list(proposal.files.all()),  # _proposal let only the parties (and operators) this far
    }
    return render(request, "jobs/proposal_detail.html", context)


@login_required
def project_proposals(request: AuthenticatedHttpRequest, project_id: int) -> HttpResponse:
    """The project's client compares the proposals; anyone else is told there is no such project."""
    form = SortForm(request.GET or None)
    sort = (form.cleaned_data.get("sort") if form.is_valid() else "") or "best"
    rows = selectors.proposals_for_project(project_id=project_id, viewer=request.user, sort=sort)
    if rows is None:
        raise NotFound(_("No such project."))
    page = page_of(rows, request=request, size=PAGE_SIZE)
    proposals = page.rows
    fees = selectors.proposal_fees(proposals)
    project = proposals[0].project if proposals else _project(project_id, request.user)
    context = {
        "project": project,
        "page": page,
        "sort_form": form,
        "sort": sort,
        "decline_form": DeclineForm(),
        # the viewer is the project's client: each proposal's buttons are what the table grants a client
        "rows": [(proposal, fees[proposal.pk], allowed_actions(proposal, CLIENT)) for proposal in proposals],
    }
    return render(request, "jobs/proposal_list.html", context)


@login_required
def my_proposals(request: AuthenticatedHttpRequest) -> HttpResponse:
    user = request.user
    page = Paginator(selectors.my_proposals(freelancer=user), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "allowance": selectors.allowance(freelancer=user) if user.is_freelancer else None}
    return render(request, "jobs/proposal_mine.html", context)


@login_required
@require_POST
def proposal_withdraw(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    services.proposal_withdraw(proposal_id=proposal_id, by=request.user)
    messages.success(request, _("Your proposal is withdrawn."))
    return redirect("proposal_detail", proposal_id)


@login_required
@require_POST
def proposal_shortlist(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    proposal = services.proposal_shortlist(proposal_id=proposal_id, by=request.user)
    messages.success(request, _("Shortlisted."))
    return redirect("project_proposals", proposal.project_id)


@login_required
@require_POST
def proposal_decline(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    form = DeclineForm(request.POST)
    if not form.is_valid():
        raise InvalidInput(_("Please correct the highlighted fields."), fields=field_errors(form.errors))
    proposal = services.proposal_decline(proposal_id=proposal_id, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("Declined: the freelancer will be told."))
    return redirect("project_proposals", proposal.project_id)


@login_required
@require_POST
def proposal_accept(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """Hire: the first click shows what the contract will cost and pay; only the confirmation hires."""
    if not confirmed(request):
        return _confirm_hire(request, _proposal(proposal_id, request.user))
    proposal = _proposal(proposal_id, request.user)
    if pin_moved(request, proposal.price) and proposal.status in Proposal.LIVE:
        return _confirm_hire(request, proposal, moved=True)  # the freelancer changed the price meanwhile
    try:
        contract = services.proposal_accept(proposal_id=proposal_id, by=request.user)
    except Conflict:
        return _hired_already(request, proposal_id)
    messages.success(
        request,
        _("You hired %(name)s. Fund the first milestone to start the work.") % {"name": contract.freelancer.name},
    )
    return redirect("contract_detail", contract.pk)


def _hired_already(request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
    """A second press of Confirm (a double click, a reload) lands on the contract the first one made."""
    proposal = _proposal(proposal_id, request.user)
    contract = getattr(proposal, "contract", None) if proposal.status == Proposal.Status.ACCEPTED else None
    if contract is None or proposal.project.client_id != request.user.pk:
        raise Conflict(_("This proposal can no longer be accepted."), code=f"proposal_{proposal.status}")
    messages.info(request, _("You have already hired %(name)s.") % {"name": proposal.freelancer.name})
    return redirect("contract_detail", contract.pk)


def _confirm_hire(request: AuthenticatedHttpRequest, proposal: Proposal, *, moved: bool = False) -> HttpResponse:
    if proposal.project.client_id != request.user.pk:
        raise NotAllowed(_("Only the project’s client can hire."))
    if "accept" not in allowed_actions(proposal, CLIENT):  # Proposal.TRANSITIONS, as the buttons
        raise Conflict(_("This proposal can no longer be accepted."), code=f"proposal_{proposal.status}")
    currency, name = proposal.currency, proposal.freelancer.name
    fee: FeePreview = selectors.proposal_fees([proposal])[proposal.pk]
    client_fee = fees.client_fee_on_milestones(amounts=[m.amount for m in proposal.milestones.all()], currency=currency)
    return confirm_page(
        request,
        title=_("Hire %(name)s for “%(title)s”?") % {"name": name, "title": proposal.project.title},
        intro=_(
            "Hiring starts a contract and closes the other proposals. Nothing is charged yet: you pay each "
            "milestone into escrow when you fund it, and release it when you approve the work."
        ),
        lines=[
            Line(_("The work"), proposal.price),
            Line(_("Client service fee"), client_fee),
            Line(_("You pay in all, milestone by milestone"), proposal.price + client_fee, total=True),
            Line(_("Freelancer service fee"), fee.fee),
            Line(_("%(name)s receives") % {"name": name}, fee.receive),
        ],
        currency=currency,
        button=_("Confirm and hire %(name)s") % {"name": name},
        back=reverse("proposal_detail", args=[proposal.pk]),
        warning=_("The freelancer changed the proposal since you looked: these are the new amounts.") if moved else "",
        pin=proposal.price,
    )


def proposal_box(*, project: Project, viewer: User | AnonymousUser) -> dict[str, Any]:
    """What the project page shows about proposals: the client a count and a link, a freelancer their
    proposal's status or a "Send a proposal" button."""
    if not viewer.is_authenticated:
        return {"proposal_count": None, "my_proposal": None, "may_propose": False}
    if project.client_id == viewer.pk:
        return {"proposal_count": project.proposals.count(), "my_proposal": None, "may_propose": False}
    mine = selectors.my_proposal_for(project=project, freelancer=viewer)
    live = mine is not None and mine.status in Proposal.LIVE
    may = viewer.is_freelancer and project.status == Project.Status.OPEN and not live
    return {"proposal_count": None, "my_proposal": mine, "may_propose": may}
