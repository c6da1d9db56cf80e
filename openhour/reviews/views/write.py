"""Pages for writing a review of a contract (new, or the sealed one edited), one published review on its own
page, and the reviewed person's public reply to it. Other people's contracts and sealed reviews are 404."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhour.contracts import selectors as contract_selectors
from openhour.contracts.models import Contract
from openhour.lib.errors import DomainError, NotAllowed
from openhour.lib.web import AuthenticatedHttpRequest
from openhour.reviews import selectors
from openhour.reviews.forms import ReplyForm, ReviewForm, initial_from
from openhour.reviews.integrity.access import access_record
from openhour.reviews.integrity.models import AccessRecord
from openhour.reviews.models import Reply, Review
from openhour.reviews.services import reviews as services


def _day(when: datetime) -> str:
    return date_format(timezone.localtime(when))


def _closed_reason(state: selectors.ContractReviews) -> str:
    """Why this party cannot write or change a review now, in words."""
    if state.round is None:
        return _("Only a contract that ended with money released can be reviewed.")
    if state.mine is not None and state.mine.status == Review.Status.PUBLISHED:
        return _("Your review is published: it can no longer change.")
    return _("The review window for this contract closed on %(when)s.") % {"when": _day(state.round.closes_at)}


def _form_page(
    request: HttpRequest,
    contract: Contract,
    state: selectors.ContractReviews,
    form: ReviewForm | None,
    *,
    status: int = 200,
    problem: str = "",
) -> HttpResponse:
    counterpart = contract.freelancer if state.role == "client" else contract.client
    context = {
        "contract": contract,
        "state": state,
        "form": form,
        "counterpart": counterpart,
        "problem": problem,
        "editing": state.mine is not None,
    }
    return render(request, "reviews/form.html", context, status=status)


@login_required
def review_write(request: AuthenticatedHttpRequest, contract_id: int) -> HttpResponse:
    """A party's review of the other: the form while the round is open, otherwise why not (409)."""
    contract = contract_selectors.contract_or_404(contract_id=contract_id, viewer=request.user)
    state = selectors.contract_reviews(contract=contract, viewer=request.user)  # 404 for operators
    if not (state.may_review or state.may_edit):
        return _form_page(request, contract, state, None, status=409, problem=_closed_reason(state))
    if request.method != "POST":
        initial = initial_from(state.mine) if state.mine is not None else None
        return _form_page(request, contract, state, ReviewForm(role=state.role, initial=initial))
    form = ReviewForm(request.POST, role=state.role)
    if not form.is_valid():
        return _form_page(request, contract, state, form, status=400)
    write = services.review_edit if state.mine is not None else services.review_submit
    kind = AccessRecord.Kind.REVIEW_EDIT if state.mine is not None else AccessRecord.Kind.REVIEW
    try:
        with transaction.atomic():  # recorded first, so the review's checks see where it was written from
            access_record(request=request, user=request.user, kind=kind)
            review = write(contract_id=contract.pk, by=request.user, data=form.review_data())
    except DomainError as error:
        if error.status in (403, 404):
            raise
        if error.status == 400:
            form.add_service_error(error)
            return _form_page(request, contract, state, form, status=400)
        return _form_page(request, contract, state, None, status=error.status, problem=error.message)
    messages.success(request, _after_writing(review, state, contract))
    return redirect("contract_detail", contract.pk)


def _after_writing(review: Review, state: selectors.ContractReviews, contract: Contract) -> str:
    if review.status == Review.Status.PUBLISHED:
        return _("Both reviews are in: they are published now.")
    if review.being_checked:
        return _("Your review is submitted and being checked; it stays sealed until it can be published.")
    counterpart = contract.freelancer if state.role == "client" else contract.client
    assert state.round is not None  # a review was just written in it
    return _(
        "Your review is sealed until %(when)s, or until %(name)s has reviewed you too; you may edit it until then."
    ) % {"when": _day(state.round.closes_at), "name": counterpart.name}


# ---- one published review, and its reply ------------------------------------------------------------------


def _reply_edit_until(reply: Reply | None) -> datetime | None:
    return reply.created_at + timedelta(days=settings.REPLY_EDIT_DAYS) if reply is not None else None


def _review_page(
    request: HttpRequest, review: Review, *, form: ReplyForm | None = None, status: int = 200
) -> HttpResponse:
    reply: Reply | None = getattr(review, "reply", None)
    edit_until = _reply_edit_until(reply)
    is_subject = request.user.is_authenticated and request.user.pk == review.subject_id
    may_reply = is_subject and (edit_until is None or timezone.now() <= edit_until)
    if may_reply and form is None:
        form = ReplyForm(initial={"text": reply.text} if reply is not None else None)
    context: dict[str, Any] = {
        "review": review,
        "reply_form": form,
        "may_reply": may_reply,
        "is_subject": is_subject,
        "reply_edit_until": edit_until,
        "reply_edit_days": settings.REPLY_EDIT_DAYS,
        "reviewer": selectors.short_name(review.author),
        "standalone": True,
    }
    return render(request, "reviews/review_detail.html", context, status=status)


def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    """A published review, for everyone; sealed ones do not exist here, not even for the two parties."""
    return _review_page(request, selectors.published_review_or_404(review_id))


@login_required
@require_POST
def review_reply(request: AuthenticatedHttpRequest, review_id: int) -> HttpResponse:
    """The reviewed person's reply: the first one posts it, later ones edit it within REPLY_EDIT_DAYS."""
    review = selectors.published_review_or_404(review_id)
    if review.subject_id != request.user.pk:  # checked before the text, so others learn nothing more
        raise NotAllowed(_("Only the person reviewed may reply."))
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return _review_page(request, review, form=form, status=400)
    replied = getattr(review, "reply", None) is not None
    write = services.reply_edit if replied else services.reply_post
    try:
        write(review_id=review.pk, by=request.user, text=form.cleaned_data["text"])
    except DomainError as error:
        if error.status in (403, 404):
            raise
        form.add_error("text" if "text" in error.fields else None, error.fields.get("text") or error.message)
        return _review_page(request, review, form=form, status=error.status)
    messages.success(request, _("Your reply is updated.") if replied else _("Your reply is published."))
    return redirect("review_detail", review.pk)
