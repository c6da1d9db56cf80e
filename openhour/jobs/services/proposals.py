"""Writes for proposals: send, edit until the client has read it, withdraw, shortlist, decline, accept.

Accepting a proposal hires its freelancer: the project stops taking proposals, every other live
proposal closes, and a contract starts with the proposed milestones awaiting funding.

Locks are taken in one order everywhere: the project's pending timers, the project, then proposals
(the timer worker claims a timer and then locks its project, so any other order could deadlock).
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.contracts.models import Contract
from openhour.contracts.services.contracts import ContractTerms, MilestoneTerms, contract_start
from openhour.jobs.locks import lock_project
from openhour.jobs.models import Project, Proposal, ProposedMilestone
from openhour.jobs.selectors.projects import visible_to
from openhour.jobs.selectors.proposals import allowance_used, next_month_start
from openhour.jobs.services.attachments import proposal_files_attach
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.money import MINOR_UNITS, format_number, is_whole
from openhour.lib.process import CLIENT, FREELANCER, OPERATOR, SYSTEM, timers_cancel, transition
from openhour.lib.ratelimit import limit_hit
from openhour.messaging.notifications.events import notify_step
from openhour.webhooks.services import events as webhooks

MAX_MILESTONES = 20
MAX_DELIVERY_DAYS = 365


# ---- sending -------------------------------------------------------------------------------------


def proposal_send(
    *,
    project_id: int | str,
    freelancer: User,
    cover_letter: str,
    price: int,
    delivery_days: int,
    milestones: list[dict[str, Any]],
    files: Sequence[UploadedFile] = (),
) -> Proposal:
    """A verified freelancer offers a price, a delivery time and milestones that add up to the price, with files
    only the project's client (and operators) may open."""
    _check_proposer(freelancer)
    pk = pk_or_404(project_id, _("No such project."))
    if not Project.objects.filter(visible_to(freelancer), pk=pk).exists():
        raise NotFound(_("No such project."))
    with transaction.atomic():
        project = lock_project(pk)
        _check_can_propose(project, freelancer)
        terms = _validated_terms(project.currency, cover_letter, price, delivery_days, milestones)
        limit_hit(  # beside the monthly allowance
            scope="proposals",
            ident=str(freelancer.pk),
            rate=settings.RATE_PROPOSALS,
            message=_("You are sending proposals too quickly. Try again in %(when)s."),
        )
        free = not project.proposals.exists()  # the first proposal on a project costs no allowance
        if not free:
            _check_allowance(freelancer)
        try:
            with transaction.atomic():  # a savepoint, so the constraint's refusal leaves the transaction usable
                proposal = Proposal.objects.create(
                    project=project,
                    freelancer=freelancer,
                    cover_letter=cover_letter,
                    price=price,
                    currency=project.currency,
                    delivery_days=delivery_days,
                    uses_allowance=not free,
                )
        except IntegrityError:
            raise _already_proposed() from None
        _save_milestones(proposal, terms)
        proposal_files_attach(proposal=proposal, files=files)
        sent = proposal.events.create(
            actor=FREELANCER, by=freelancer, action="send", from_status="", to_status=proposal.status
        )
        notify_step(sent)  # the client hears of it
        webhooks.emit("proposal.received", about=proposal, audience=[project.client_id])
    return proposal


def proposal_send_check(*, project: Project, freelancer: User) -> None:
    """Who may propose on this project, asked before a form is filled in (the send checks again)."""
    _check_proposer(freelancer)
    _check_can_propose(project, freelancer)


def _check_proposer(freelancer: User) -> None:
    require_verified_email(freelancer)
    if not freelancer.is_freelancer:
        raise NotAllowed(_("Only freelancers send proposals: add the freelancer role to your account first."))


def _check_can_propose(project: Project, freelancer: User) -> None:
    if project.client_id == freelancer.pk:
        raise NotAllowed(_("You cannot send a proposal for your own project."))
    if project.status != Project.Status.OPEN:
        raise Conflict(_("This project no longer takes proposals."), code=f"project_{project.status}")
    if project.proposals.filter(freelancer=freelancer, status__in=Proposal.LIVE).exists():
        raise _already_proposed()
    # withdrawn proposals free their place; declined ones were read by the client and keep theirs
    taken = project.proposals.exclude(status=Proposal.Status.WITHDRAWN).count()
    if project.max_proposals is not None and taken >= project.max_proposals:
        raise Conflict(_("This project has all the proposals its client asked for."), code="project_full")


def _already_proposed() -> Conflict:
    return Conflict(
        _("You have already sent a proposal for this project: edit or withdraw it instead."), code="already_proposed"
    )


# ---- the monthly allowance -----------------------------------------------------------------------


def _check_allowance(freelancer: User) -> None:
    if allowance_used(freelancer=freelancer) >= settings.PROPOSALS_PER_MONTH:
        renews = next_month_start()
        raise Conflict(
            _("You have used all %(n)d proposals for this month. Your allowance renews on %(date)s.")
            % {"n": settings.PROPOSALS_PER_MONTH, "date": date_format(renews)},
            code="allowance_used",
        )


# ---- terms: price, delivery, milestones ----------------------------------------------------------


def _validated_terms(
    currency: str, cover_letter: str, price: Any, delivery_days: Any, milestones: list[dict[str, Any]]
) -> list[MilestoneTerms]:
    """Check the offer as a whole and return its milestones; 400 with every problem at once."""
    errors: dict[str, list[str]] = {}
    if not str(cover_letter or "").strip():
        errors["cover_letter"] = [_("Tell the client how you would do the work.")]
    elif len(cover_letter) > 5000:
        errors["cover_letter"] = [_("Keep the cover letter under 5,000 characters.")]
    ceiling = settings.AMOUNT_CEILING * MINOR_UNITS.get(currency, 100)
    if not isinstance(price, int) or isinstance(price, bool) or not 0 < price <= ceiling:
        errors["price"] = [
            _("A price is more than zero and at most %(n)s.") % {"n": format_number(settings.AMOUNT_CEILING)}
        ]
    if not isinstance(delivery_days, int) or not 1 <= delivery_days <= MAX_DELIVERY_DAYS:
        errors["delivery_days"] = [_("Deliver in 1 to %(n)d days.") % {"n": MAX_DELIVERY_DAYS}]
    terms, problem = _milestone_terms(milestones)
    if problem is None and "price" not in errors and sum(term.amount for term in terms) != price:
        problem = _("The milestones must add up to the price exactly.")
    if problem:
        errors["milestones"] = [problem]
    if errors:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=errors)
    return terms


def _milestone_terms(milestones: list[dict[str, Any]]) -> tuple[list[MilestoneTerms], str | None]:
    if not milestones:
        return [], _("Add at least one milestone.")
    if len(milestones) > MAX_MILESTONES:
        return [], _("Use at most %(n)d milestones.") % {"n": MAX_MILESTONES}
    terms = []
    for row in milestones:
        title, amount, days = str(row.get("title") or "").strip(), row.get("amount"), row.get("due_in_days")
        if not title or len(title) > 120:
            return [], _("Give every milestone a title of at most 120 characters.")
        if not is_whole(amount) or amount <= 0:
            return [], _("Every milestone’s amount must be more than zero.")
        if not isinstance(days, int) or not 1 <= days <= MAX_DELIVERY_DAYS:
            return [], _("Every milestone is due in 1 to %(n)d days.") % {"n": MAX_DELIVERY_DAYS}
        terms.append(MilestoneTerms(title=title, amount=amount, due_in_days=days))
    return terms, None


def _save_milestones(proposal: Proposal, terms: list[MilestoneTerms]) -> None:
    proposal.milestones.all().delete()
    ProposedMilestone.objects.bulk_create(
        ProposedMilestone(
            proposal=proposal, title=term.title, amount=term.amount, due_in_days=term.due_in_days, position=n
        )
        for n, term in enumerate(terms)
    )


# ---- changes by the freelancer and the client ----------------------------------------------------


def proposal_edit(
    *,
    proposal_id: int | str,
    by: User,
    cover_letter: str | None = None,
    price: int | None = None,
    delivery_days: int | None = None,
    milestones: list[dict[str, Any]] | None = None,
) -> Proposal:
    """Its freelancer may change a live proposal until the client has opened it."""
    with transaction.atomic():
        proposal = _lock_proposal(proposal_id, by)
        if proposal.freelancer_id != by.pk:
            raise NotAllowed(_("Only the freelancer who sent a proposal can edit it."))
        if proposal.status not in Proposal.LIVE:
            raise Conflict(_("Only live proposals can be edited."), code=f"proposal_{proposal.status}")
        if proposal.viewed_at is not None:
            raise Conflict(
                _("The client has already read this proposal, so it can no longer be edited."), code="proposal_viewed"
            )
        cover_letter = proposal.cover_letter if cover_letter is None else cover_letter
        price = proposal.price if price is None else price
        delivery_days = proposal.delivery_days if delivery_days is None else delivery_days
        if milestones is None:
            milestones = [
                {"title": m.title, "amount": m.amount, "due_in_days": m.due_in_days} for m in proposal.milestones.all()
            ]
        terms = _validated_terms(proposal.currency, cover_letter, price, delivery_days, milestones)
        proposal.cover_letter, proposal.price, proposal.delivery_days = cover_letter, price, delivery_days
        proposal.save(update_fields=["cover_letter", "price", "delivery_days", "updated_at"])
        _save_milestones(proposal, terms)
        proposal.events.create(
            actor=FREELANCER, by=by, action="edit", from_status=proposal.status, to_status=proposal.status
        )
    return proposal


def proposal_withdraw(*, proposal_id: int | str, by: User, note: str = "") -> Proposal:
    return _act(proposal_id, by, "withdraw", note=note)


def proposal_shortlist(*, proposal_id: int | str, by: User) -> Proposal:
    return _act(proposal_id, by, "shortlist")


def proposal_decline(*, proposal_id: int | str, by: User, reason: str = "") -> Proposal:
    """The client says no, optionally saying why; the freelancer sees the reason."""
    reason = (reason or "").strip()
    if len(reason) > 500:
        raise InvalidInput(fields={"reason": [_("Keep the reason under 500 characters.")]})
    proposal = _act(proposal_id, by, "decline", note=reason)
    if reason:
        proposal.decline_reason = reason
        proposal.save(update_fields=["decline_reason", "updated_at"])
    return proposal


def proposal_mark_viewed(*, proposal: Proposal, by: User) -> None:
    """The project's client opened the proposal: from now on its freelancer cannot change it."""
    if proposal.viewed_at is None and proposal.project.client_id == by.pk:
        now = timezone.now()
        Proposal.objects.filter(pk=proposal.pk, viewed_at__isnull=True).update(viewed_at=now)
        proposal.viewed_at = now


def _act(proposal_id: int | str, by: User, action: str, *, note: str = "") -> Proposal:
    with transaction.atomic():
        proposal = _lock_proposal(proposal_id, by)
        notify_step(transition(obj=proposal, action=action, actor=_actor(proposal, by), by=by, note=note))
    return proposal


def _actor(proposal: Proposal, by: User) -> str:
    if proposal.freelancer_id == by.pk:
        return FREELANCER
    if proposal.project.client_id == by.pk:
        return CLIENT
    return OPERATOR  # only operators get this far: `_lock_proposal` hides proposals from everyone else


# ---- hiring --------------------------------------------------------------------------------------


def proposal_accept(*, proposal_id: int | str, by: User) -> Contract:
    """The project's client hires the proposal's freelancer: one contract, the other proposals closed.

    Locks the project (after its pending timers), then the proposals, so two tabs accepting two
    proposals at once queue up and the second finds the project hired."""
    require_verified_email(by)
    pk = pk_or_404(proposal_id, _("No such proposal."))
    found = Proposal.objects.filter(pk=pk).values_list("project_id", flat=True).first()
    if found is None:
        raise NotFound(_("No such proposal."))
    with transaction.atomic():
        project = lock_project(found)
        proposal = _lock_proposal(pk, by)
        if project.client_id != by.pk:
            raise NotAllowed(_("Only the project’s client can hire."))
        transition(obj=proposal, action="accept", actor=CLIENT, by=by)
        hired = _("Hired %(name)s.") % {"name": proposal.freelancer.name}
        transition(obj=project, action="hire", actor=SYSTEM, note=hired)
        timers_cancel(obj=project)  # a hired project no longer expires
        others = project.proposals.select_for_update().filter(status__in=Proposal.LIVE).exclude(pk=proposal.pk)
        for other in others.order_by("pk"):
            transition(
                obj=other, action="close", actor=SYSTEM, note=gettext_noop("The client hired another freelancer.")
            )
        terms = [
            MilestoneTerms(title=m.title, amount=m.amount, due_in_days=m.due_in_days) for m in proposal.milestones.all()
        ]
        agreed = ContractTerms(title=project.title, currency=proposal.currency)
        return contract_start(
            client=by,
            freelancer=proposal.freelancer,
            terms=agreed,
            milestones=terms,
            project=project,
            proposal=proposal,
        )


def proposals_release(*, project: Project, note: str) -> int:
    """The project closed or expired without a hire: close its live proposals and give their freelancers
    back the allowance they spent. The caller holds the project's lock. Returns how many closed."""
    closed = 0
    live = project.proposals.select_for_update().filter(status__in=Proposal.LIVE).order_by("pk")
    for proposal in live:
        transition(obj=proposal, action="close", actor=SYSTEM, note=note)
        if proposal.uses_allowance and proposal.refunded_at is None:
            proposal.refunded_at = timezone.now()
            proposal.save(update_fields=["refunded_at", "updated_at"])
        closed += 1
    return closed


# ---- locking and finding -------------------------------------------------------------------------


def _lock_proposal(proposal_id: int | str, by: User) -> Proposal:
    """The proposal, locked, if `by` may act on it: its freelancer, the project's client or an operator.
    Anyone else is told it does not exist."""
    pk = pk_or_404(proposal_id, _("No such proposal."))
    mine = Q(freelancer_id=by.pk) | Q(project__client_id=by.pk)
    found = Proposal.objects.select_for_update(of=("self",)).select_related("project", "freelancer")
    proposal = found.filter(Q() if by.is_staff else mine, pk=pk).first()
    if proposal is None:
        raise NotFound(_("No such proposal."))
    return proposal
