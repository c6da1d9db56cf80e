"""Pages for reporting a review, the operators' moderation queue, case pages and audit log, and the decision
page the review's two parties read and appeal from. Operators' pages are 404 to everyone else, and a case's
party page is 404 to anyone but the review's author and subject."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.accounts.models import User
from openhour.lib.errors import DomainError, NotFound
from openhour.lib.process import OPERATOR, OWNER, allowed_actions
from openhour.lib.web import AuthenticatedHttpRequest, add_domain_error
from openhour.reviews.integrity.forms import AppealForm, DecideForm, FlagForm
from openhour.reviews.integrity.models import Case, Flag
from openhour.reviews.integrity.services import moderation
from openhour.reviews.integrity.transparency import publication_bias_alert
from openhour.reviews.models import Review
from openhour.reviews.selectors import published_review_or_404
from openhour.reviews.services import checks

QUEUE_PAGE = 50  # cases shown at once, oldest first
LOG_PAGE = 100  # audit events on one page, newest first


# ---- reporting a review -----------------------------------------------------------------------------------


@login_required
def review_flag(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    """The "Report this review" form: anyone signed in may report a published review once."""
    review = published_review_or_404(review_id)
    already = Flag.objects.filter(review=review, by=request.user).exists()
    form = FlagForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or already or not form.is_valid():
        status = 409 if already else 400 if request.method == "POST" else 200
        return render(
            request, "integrity/flag.html", {"review": review, "form": form, "already": already}, status=status
        )
    try:
        moderation.flag_create(review_id=review.pk, by=request.user, **form.cleaned_data)
    except DomainError as error:
        if error.status in (403, 404):
            raise
        add_domain_error(form, error)
        return render(request, "integrity/flag.html", {"review": review, "form": form}, status=error.status)
    messages.success(request, _("Thank you: a moderator will check this review."))
    review.refresh_from_db(fields=["hidden_while_checked"])
    if review.hidden_while_checked:  # no longer public while it is checked
        return redirect("public_profile", review.subject.username)
    return redirect("review_detail", review.pk)


# ---- operators ------------------------------------------------------------------------------------------------


def _operator(request: AuthenticatedHttpRequest) -> User:
    if not request.user.is_staff:
        raise NotFound()
    return request.user


@login_required
def moderation_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only: open and appealed cases, oldest first. No star ratings here."""
    _operator(request)
    page = Paginator(moderation.moderation_queue(), QUEUE_PAGE).get_page(request.GET.get("page"))
    context = {
        "cases": page.object_list,
        "page": page,
        "query": "",
        "bias_alert": publication_bias_alert(),
        "checks_overdue": checks.checks_overdue().count(),
    }
    return render(request, "integrity/queue.html", context)


@login_required
def moderation_log(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Operators only: every moderation step, who took it and why, newest first."""
    _operator(request)
    page = Paginator(moderation.moderation_log(), LOG_PAGE).get_page(request.GET.get("page"))
    return render(request, "integrity/moderation_log.html", {"events": page.object_list, "page": page, "query": ""})


def _may_decide(case: Case, user: User) -> tuple[bool, str]:
    """Whether `user` may decide now, and if not while the case waits, why not."""
    if not allowed_actions(case, OPERATOR) & {"decide", "decide_appeal"}:  # Case.TRANSITIONS
        return False, ""
    if case.review.status == Review.Status.SEALED:
        return False, _("The review is still sealed: decide once it is published or held.")
    if user.pk in (case.review.author_id, case.review.subject_id):
        return False, _("This review is by or about you: another operator must decide it.")
    if case.status == Case.Status.APPEALED and user.pk == case.decided_by_id:
        return False, _("You made the first decision: a different operator decides the appeal.")
    return True, ""


def _case_page(
    request: AuthenticatedHttpRequest, case_id: int, *, form: forms.Form | None = None, status: int = 200
) -> HttpResponse:
    user = _operator(request)
    case = moderation.case_for_operator(case_id, user)
    review = case.review
    may_decide, why_not = _may_decide(case, user)
    initial = {"went_well": review.went_well, "could_improve": review.could_improve}
    context: dict[str, Any] = {
        "case": case,
        "review": review,
        "show_ratings": request.GET.get("ratings") == "1",
        "may_decide": may_decide or form is not None,
        "why_not": why_not,
        "decide_form": form or DecideForm(initial=initial),
        "named": moderation.case_named_reviews(case),
    }
    return render(request, "integrity/case.html", context, status=status)


@login_required
def moderation_case(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """One case: signals with evidence, flags, the review's words and labels; star ratings only on request."""
    return _case_page(request, case_id)


@login_required
@require_POST
def moderation_decide(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Keep, remove or redact, with a reason; on an appealed case, a different operator's final decision."""
    user = _operator(request)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _case_page(request, case_id, form=form, status=400)
    try:
        moderation.case_decide(case_id=case_id, by=user, **form.cleaned_data)
    except DomainError as error:
        if error.status == 404:
            raise
        add_domain_error(form, error)
        return _case_page(request, case_id, form=form, status=error.status)
    messages.success(request, _("The decision is recorded and both parties are told the reason."))
    return redirect("moderation_case", case_id)


# ---- the review's two parties -----------------------------------------------------------------------------


def _party_page(
    request: HttpRequest, case_id: int, *, form: AppealForm | None = None, status: int = 200
) -> HttpResponse:
    case = moderation.case_for_party(case_id, request.user)
    if case is None:
        raise NotFound(moderation.NO_CASE)
    may_appeal = (
        "appeal" in allowed_actions(case, OWNER)  # this page is for the review's two parties only
        and case.appealed_by_id is None
        and case.appeal_until is not None
        and case.appeal_until > timezone.now()
    )
    context = {
        "case": case,
        "review_shown": case.review.status == Review.Status.PUBLISHED,
        "may_appeal": may_appeal or form is not None,
        "appeal_form": form or AppealForm(),
        "outcome": case.final_outcome or case.outcome,
        "reason": case.final_reason or case.reason,
    }
    return render(request, "integrity/moderation_party.html", context, status=status)


@login_required
def moderation_party(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """The decision about a review, for its author and subject: outcome, reason, rule and the appeal form."""
    return _party_page(request, case_id)


@login_required
@require_POST
def moderation_appeal(request: AuthenticatedHttpRequest, case_id: int) -> HttpResponse:
    """Either party appeals once, before the deadline; a different operator decides."""
    if moderation.case_for_party(case_id, request.user) is None:
        raise NotFound(moderation.NO_CASE)
    form = AppealForm(request.POST)
    if not form.is_valid():
        return _party_page(request, case_id, form=form, status=400)
    try:
        moderation.case_appeal(case_id=case_id, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        if error.status == 404:
            raise
        add_domain_error(form, error)
        return _party_page(request, case_id, form=form, status=error.status)
    messages.success(request, _("Your appeal is sent: a different moderator decides, and that decision is final."))
    return redirect("moderation_party", case_id)
