"""Pages for contracts: one contract for its two parties and operators, and its money steps — fund,
release, refund — each showing what it costs or pays before the click, and asking once more (see
`confirm`) before the money moves."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.contracts import selectors
from openhour.contracts.change_orders import views as change_orders
from openhour.contracts.disputes import views as disputes
from openhour.contracts.forms.contracts import NoteForm, PaymentForm
from openhour.contracts.hourly import views as hourly
from openhour.contracts.models import Contract, Milestone
from openhour.contracts.services import contracts as services
from openhour.contracts.services import delivery, offers
from openhour.contracts.views.confirm import Line, confirm_page, confirmed, wallet_warning
from openhour.lib import private_files
from openhour.lib.errors import DomainError, NotAllowed, NotFound
from openhour.lib.money import format_money
from openhour.lib.process import CLIENT, FREELANCER, allowed_actions
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.money import ledger, quotes
from openhour.money.models import Payment
from openhour.money.services import escrow
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.panel import panel as reviews_panel

HELD = services.HELD
# A delivery is waiting for the client's answer (or was answered with changes): "Approve and release" is
# offered; a funded milestone with nothing delivered is released only from its "Pay before delivery" menu.
DELIVERED = (Milestone.Status.SUBMITTED, Milestone.Status.CHANGES_REQUESTED)
# Held and not frozen by a dispute: the parties may still release, refund or deliver.
WORKING = (Milestone.Status.FUNDED, Milestone.Status.SUBMITTED, Milestone.Status.CHANGES_REQUESTED)
# Each part of the contract page beyond milestones adds its context: panel(contract=, user=) -> dict. A
# panel's "timeline" entries, (when, event, milestone or None, template), join the contract's timeline.
PANELS = [offers.panel, change_orders.panel, hourly.panel, disputes.panel, reviews_panel]


@dataclass
class MilestoneRow:
    milestone: Milestone
    funding: escrow.FundingQuote | None  # shown to the client while it awaits funding
    release: Any  # FeePreview while escrow holds it: what the freelancer would receive
    can_fund: bool
    can_release: bool
    can_refund: bool
    can_submit: bool
    can_request_changes: bool
    can_release_early: bool = False  # release is allowed, but nothing is delivered yet
    status_label: str = ""  # the status as the page says it (honest about ended contracts)
    badge: str = ""  # the badge's style: the status, or "cancelled" for what will never be funded
    release_due_at: Any = None  # when an unanswered delivery is released by itself
    form: PaymentForm | None = None
    problem: str = ""  # why the last delivery step on this milestone was refused


def _contract(request: HttpRequest, contract_id: int) -> Contract:
    return selectors.contract_or_404(contract_id=contract_id, viewer=request.user)


def _rows(contract: Contract, user: User, failed: tuple[int, Any] | None) -> list[MilestoneRow]:
    role = contract.role_of(user)
    # The parties' buttons: operators take their steps with a written reason, from the operator panel.
    party = role if role in (CLIENT, FREELANCER) else None
    active = contract.status == Contract.Status.ACTIVE
    rows = []
    for m in contract.milestones.all():
        allowed = allowed_actions(m, party)
        awaiting = m.status == Milestone.Status.AWAITING_FUNDING and active
        held = m.status in WORKING
        row = MilestoneRow(
            milestone=m,
            funding=escrow.funding_quote(m) if awaiting else None,
            release=quotes.release_quote(m) if held else None,
            can_fund="fund" in allowed and active,  # a contract that is not active takes no money
            can_release="release" in allowed and m.status in DELIVERED,
            can_release_early="release" in allowed and m.status not in DELIVERED,
            status_label=status_label(m, contract),
            badge="cancelled" if never_funded(m, contract) else m.status,
            can_refund="refund" in allowed,
            can_submit="submit" in allowed,
            # A round of changes is left (the contract's rounds plus those change orders added).
            can_request_changes="request_changes" in allowed and m.revisions_used < m.revisions_allowed,
            release_due_at=delivery.release_due_at(m),
        )
        mine = failed is not None and failed[0] == m.pk
        if row.can_fund:
            row.form = (
                failed[1] if mine and failed and isinstance(failed[1], PaymentForm) else PaymentForm(prefix=f"m{m.pk}")
            )
        if mine and failed and isinstance(failed[1], str):
            row.problem = failed[1]
        rows.append(row)
    return rows


def never_funded(milestone: Milestone, contract: Contract) -> bool:
    """A milestone still awaiting funding on a contract that no longer runs: it never will be funded."""
    return milestone.status == Milestone.Status.AWAITING_FUNDING and contract.status not in OPEN_CONTRACT


def status_label(milestone: Milestone, contract: Contract) -> str:
    if never_funded(milestone, contract):
        return str(_("Never funded"))  # the contract ended first
    return str(milestone.get_status_display())


OPEN_CONTRACT = (Contract.Status.OFFERED, Contract.Status.ACTIVE)


def _page(request: AuthenticatedHttpRequest, contract: Contract, failed: tuple[int, Any] | None = None) -> HttpResponse:
    return contract_page(request, contract, failed=failed, status=400 if failed else 200)


def contract_page(
    request: AuthenticatedHttpRequest,
    contract: Contract,
    *,
    failed: tuple[int, Any] | None = None,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """The contract page; a panel whose form was refused passes that form (and status 400) in `extra`."""
    user = request.user
    rows = _rows(contract, user, failed)
    milestones = [row.milestone for row in rows]
    event = "contracts/_event.html"
    timeline: list[tuple[Any, Any, Milestone | None, str]] = [
        (e.created_at, e, None, event) for e in contract.events.all()
    ]
    timeline += [(e.created_at, e, m, event) for m in milestones for e in m.events.all()]
    context: dict[str, Any] = {}
    for panel in PANELS:
        found = panel(contract=contract, user=user)
        timeline += found.pop("timeline", [])
        context |= found
    wallet = ledger.wallet_found(owner=user, currency=contract.currency) if user.pk == contract.client_id else None
    context |= {
        "contract": contract,
        "rows": rows,
        "timeline": sorted(timeline, key=lambda item: item[0]),
        "held": sum(m.amount for m in milestones if m.status in HELD),
        "total": sum(m.amount for m in milestones if m.status != Milestone.Status.REMOVED),
        "wallet": wallet,
        "is_operator": user.pk not in (contract.client_id, contract.freelancer_id),
    }
    return render(request, "contracts/contract_detail.html", context | extra, status=status)


@login_required
def contract_detail(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    return _page(request, _contract(request, contract_id))


@login_required
@require_POST
def milestone_fund(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    contract_id = _contract_of(request, milestone_id)
    _party_only(request, contract_id, CLIENT)
    form = PaymentForm(request.POST, prefix=f"m{milestone_id}")
    if form.is_valid() and not confirmed(request):
        return _confirm_funding(request, _milestone(request, contract_id, milestone_id, "fund"), form)
    if form.is_valid():
        data = form.cleaned_data
        try:
            funding = services.milestone_fund(
                milestone_id=milestone_id, by=request.user, method=data["method"], card_token=data["card_token"] or ""
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            access_record(request=request, user=request.user, kind=AccessRecord.Kind.FUND)
            done = _("The milestone is funded: the money waits safely in escrow.")
            return after_funding(request, funding, done, reverse("contract_detail", args=[contract_id]))
    return _page(request, _contract(request, contract_id), failed=(milestone_id, form))


def _party_only(request: AuthenticatedHttpRequest, contract_id: int, role: str) -> None:
    """Paying in and releasing are the client's, refunding the freelancer's: the other party is refused
    (403) before any page or step; operators act from their panel, with a reason."""
    contract = _contract(request, contract_id)
    if contract.role_of(request.user) != role:
        raise NotAllowed(_("Only the client can do this.") if role == CLIENT else _("Only the freelancer can do this."))


def _milestone(request: AuthenticatedHttpRequest, contract_id: int, milestone_id: int, action: str) -> Milestone:
    """The milestone, if the client may take `action` on it now."""
    contract = _contract(request, contract_id)
    milestone = next(m for m in contract.milestones.all() if m.pk == milestone_id)
    if action not in allowed_actions(milestone, CLIENT) or contract.status != Contract.Status.ACTIVE:
        raise NotAllowed(_("This milestone cannot be paid or released now."))
    return milestone


def _confirm_funding(request: AuthenticatedHttpRequest, milestone: Milestone, form: PaymentForm) -> HttpResponse:
    contract = milestone.contract
    quote = escrow.funding_quote(milestone)
    release = quotes.release_quote(milestone)
    name = contract.freelancer.name
    paying = _("from your wallet") if form.cleaned_data["method"] == "wallet" else _("by card")
    total = format_money(quote.total, contract.currency)
    return confirm_page(
        request,
        title=_("Pay %(total)s into escrow for “%(title)s”?") % {"total": total, "title": milestone.title},
        intro=_("You pay %(how)s. The money waits in escrow until you release it to %(name)s.")
        % {"how": paying, "name": name},
        lines=[
            Line(_("Milestone"), quote.amount),
            Line(_("Client service fee"), quote.client_fee),
            Line(_("You pay"), quote.total, total=True),
            Line(_("Freelancer service fee, on release"), release.fee),
            Line(_("%(name)s receives on release") % {"name": name}, release.receive),
        ],
        currency=contract.currency,
        warning=wallet_warning(
            user=request.user, currency=contract.currency, total=quote.total, method=form.cleaned_data["method"]
        ),
        button=_("Confirm and pay %(total)s") % {"total": total},
        back=reverse("contract_detail", args=[contract.pk]),
    )


def after_funding(request: HttpRequest, funding: services.Funding, done: str, then: str) -> HttpResponse:
    """Where a funding sends the payer: to confirm the card payment (3-D Secure), or on with `done` said."""
    if funding.payment is not None and funding.payment.status == Payment.Status.REQUIRES_ACTION:
        # Our own page, which links on to the bank: a form's redirect to another origin is refused by the CSP.
        return redirect("payment_authenticate", funding.payment.pk)
    messages.success(request, done)
    return redirect(then)


@login_required
@require_POST
def milestone_release(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    return _money_step(request, milestone_id, services.milestone_release, _("Released: the money is on its way."))


@login_required
@require_POST
def milestone_refund(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    return _money_step(
        request, milestone_id, services.milestone_refund, _("Refunded: the client has the money back in their wallet.")
    )


def _money_step(request: AuthenticatedHttpRequest, milestone_id: int, service: Any, done: str) -> HttpResponse:
    contract_id = _contract_of(request, milestone_id)
    _party_only(request, contract_id, CLIENT if service is services.milestone_release else FREELANCER)
    if not confirmed(request):
        return _confirm_step(request, contract_id, milestone_id, service)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        service(milestone_id=milestone_id, by=request.user, note=note)
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("contract_detail", contract_id)


def _confirm_step(request: AuthenticatedHttpRequest, contract_id: int, milestone_id: int, service: Any) -> HttpResponse:
    """Release (by the client) or refund (by the freelancer), asked once more with the amounts."""
    contract = _contract(request, contract_id)
    role = CLIENT if service is services.milestone_release else FREELANCER
    milestone = next(m for m in contract.milestones.all() if m.pk == milestone_id)
    action = "release" if role == CLIENT else "refund"
    if action not in allowed_actions(milestone, role):
        messages.error(request, _("This milestone cannot be released or refunded now."))
        return redirect("contract_detail", contract_id)
    return (_confirm_release if role == CLIENT else _confirm_refund)(request, milestone)


def _confirm_release(request: AuthenticatedHttpRequest, milestone: Milestone) -> HttpResponse:
    contract = milestone.contract
    quote = quotes.release_quote(milestone)
    name = contract.freelancer.name
    amount = format_money(quote.amount, contract.currency)
    early = milestone.status not in DELIVERED
    return confirm_page(
        request,
        title=_("Approve and release %(amount)s for “%(title)s”?") % {"amount": amount, "title": milestone.title},
        intro=_("%(name)s is paid at once. A release cannot be undone.") % {"name": name},
        warning=_("Nothing has been delivered for this milestone yet. Release it only if you have the work.")
        if early
        else "",
        lines=[
            Line(_("Held in escrow"), quote.amount),
            Line(_("Freelancer service fee"), quote.fee),
            Line(_("%(name)s receives") % {"name": name}, quote.receive, total=True),
        ],
        currency=contract.currency,
        button=_("Confirm and release %(amount)s") % {"amount": amount},
        back=reverse("contract_detail", args=[contract.pk]),
    )


def _confirm_refund(request: AuthenticatedHttpRequest, milestone: Milestone) -> HttpResponse:
    contract = milestone.contract
    quote = quotes.release_quote(milestone)
    amount = format_money(quote.amount, contract.currency)
    return confirm_page(
        request,
        title=_("Refund %(amount)s for “%(title)s” to the client?") % {"amount": amount, "title": milestone.title},
        intro=_("The money held in escrow goes back to %(name)s. A refund cannot be undone.")
        % {"name": contract.client.name},
        lines=[
            Line(_("Held in escrow"), quote.amount),
            Line(_("Client service fee, returned too"), milestone.client_fee),
            Line(_("The client gets back"), quote.amount + milestone.client_fee, total=True),
            Line(_("You would have received"), quote.receive),
        ],
        currency=contract.currency,
        button=_("Confirm and refund %(amount)s") % {"amount": amount},
        back=reverse("contract_detail", args=[contract.pk]),
    )


def _contract_of(request: HttpRequest, milestone_id: int) -> int:
    """The contract of a milestone the person may see; 404 for anyone else."""
    found = selectors.milestone_contract_id(milestone_id=milestone_id, viewer=request.user)
    if found is None:
        raise NotFound(_("No such milestone."))
    return found


@login_required
@require_POST
def milestone_submit(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    contract_id = _contract_of(request, milestone_id)
    try:
        delivery.milestone_submit(
            milestone_id=milestone_id,
            by=request.user,
            message=request.POST.get("message", ""),
            files=request.FILES.getlist("attachments"),
        )
    except DomainError as error:
        return _refused(request, contract_id, milestone_id, error)
    messages.success(request, _("Delivered. The client reviews it now."))
    return redirect("contract_detail", contract_id)


@login_required
@require_POST
def milestone_request_changes(request: AuthenticatedHttpRequest, milestone_id: int) -> HttpResponse:
    contract_id = _contract_of(request, milestone_id)
    try:
        delivery.milestone_request_changes(
            milestone_id=milestone_id, by=request.user, message=request.POST.get("message", "")
        )
    except DomainError as error:
        return _refused(request, contract_id, milestone_id, error)
    messages.success(request, _("Your request for changes is sent."))
    return redirect("contract_detail", contract_id)


def _refused(
    request: AuthenticatedHttpRequest, contract_id: int, milestone_id: int, error: DomainError
) -> HttpResponse:
    """The contract page again, with the reason beside the milestone's form (a 404 stays a 404)."""
    if error.status == 404:
        raise error
    problem = " ".join([error.message, *(m for ms in error.fields.values() for m in ms)])
    return _page(request, _contract(request, contract_id), failed=(milestone_id, problem))


@login_required
def delivery_file(request: AuthenticatedHttpRequest, file_id: int) -> HttpResponseBase:
    """A delivery attachment, for the contract's parties only, always as a download."""
    return private_files.serve_found(selectors.delivery_file_for(file_id=file_id, viewer=request.user))


@login_required
@require_POST
def contract_end(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    contract = _contract(request, contract_id)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.contract_end(contract_id=contract.pk, by=request.user, note=note)
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, error.message)
    else:
        messages.success(request, _("The contract has ended."))
    return redirect("contract_detail", contract.pk)
