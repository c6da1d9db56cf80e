"""Writing reviews and replies. Lock order: a round's pending timers, the round, then its reviews, as the
timer worker does, so a submission and the window's close queue up instead of deadlocking."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.models import Contract
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import CLIENT, OWNER, timers_cancel, transition
from openhour.reviews import labels
from openhour.reviews.criteria import CRITERIA
from openhour.reviews.models import Reply, Review, ReviewRound
from openhour.reviews.services.checks import review_checks_request, reviews_release
from openhour.reviews.services.rounds import round_locked

MAX_TEXT = 3000
NO_CONTRACT = _("No such contract.")


def review_submit(*, contract_id: int | str, by: User, data: dict[str, Any]) -> Review:
    """`by` reviews the other party of a contract on which money was released, once, within the window.
    It stays sealed until the other side has reviewed too (then both publish at once) or the window closes."""
    with transaction.atomic():
        round_, role = _open_round_for(contract_id, by)
        if round_.reviews.filter(author=by).exists():
            raise Conflict(
                _("You have already reviewed this contract; you may edit it while it is sealed."), code="review_exists"
            )
        fields = checked(data, role)
        contract = round_.contract
        floor, ceiling = labels.contract_budget_bounds(contract)
        review = Review.objects.create(
            round=round_,
            contract=contract,
            author=by,
            author_role=role,
            submitted_at=timezone.now(),
            subject=contract.freelancer if role == CLIENT else contract.client,
            category=labels.category_of(contract),
            budget_floor=floor,
            budget_ceiling=ceiling,
            budget_currency=contract.currency,
            duration_code=labels.duration_code(contract),
            **fields,
        )
        review.events.create(actor=OWNER, by=by, action="submit", from_status="", to_status=review.status)
        review_checks_request(review=review)
        if round_.reviews.count() == 2:
            round_close(round_)
    review.refresh_from_db()
    return review


def review_edit(*, contract_id: int | str, by: User, data: dict[str, Any]) -> Review:
    """Change one's review while it is sealed: until the other side submits or the window closes."""
    with transaction.atomic():
        round_, role = _open_round_for(contract_id, by, editing=True)
        review = round_.reviews.select_for_update().filter(author=by).first()
        if review is None:
            raise NotFound(_("You have not reviewed this contract yet."))
        fields = checked(data, role)
        transition(obj=review, action="edit", actor=OWNER, by=by)
        for name, value in fields.items():
            setattr(review, name, value)
        review.save()
        review_checks_request(review=review)
    review.refresh_from_db()
    return review


def round_close(round_: ReviewRound) -> None:
    """Publish the checked sealed reviews of a locked round together and close it: both are in, or time is up.
    A review still being checked stays sealed until its check finishes and publishes it."""
    now = timezone.now()
    sealed = round_.reviews.select_for_update().filter(status=Review.Status.SEALED, checked_at__isnull=False)
    reviews_release(reviews=list(sealed.order_by("pk")), now=now)
    round_.status, round_.closed_at = ReviewRound.Status.CLOSED, now
    round_.save(update_fields=["status", "closed_at"])
    timers_cancel(obj=round_)


def _open_round_for(contract_id: int | str, by: User, *, editing: bool = False) -> tuple[ReviewRound, str]:
    """The contract's round, locked, if `by` is a party and it is still open; the part `by` plays."""
    contract = Contract.objects.filter(pk=pk_or_404(contract_id, NO_CONTRACT)).first()
    role = contract.role_of(by) if contract else None
    if contract is None or role not in ("client", "freelancer"):
        raise NotFound(NO_CONTRACT)
    round_id = ReviewRound.objects.filter(contract=contract).values_list("pk", flat=True).first()
    if round_id is None:
        raise Conflict(
            _("Only a contract that ended with money released can be reviewed."), code="contract_not_reviewable"
        )
    round_ = round_locked(round_id)
    if round_.status != ReviewRound.Status.OPEN or timezone.now() >= round_.closes_at:
        closed = (
            _("Reviews are published and can no longer change.")
            if editing
            else _("The review window for this contract has closed.")
        )
        raise Conflict(closed, code="review_window_closed")
    return round_, role


def checked(data: dict[str, Any], role: str) -> dict[str, Any]:
    """The model fields of a review by someone in `role`, or every problem as a field error."""
    errors: dict[str, list[str]] = {}
    stars = _("Choose from 1 to 5 stars.")
    fields: dict[str, Any] = {"overall": _star(data.get("overall"))}
    if fields["overall"] is None:
        errors["overall"] = [stars]
    given = data.get("ratings")
    ratings: dict[str, Any] = given if isinstance(given, dict) else {}
    for name, _label in CRITERIA[role]:
        fields[name] = _star(ratings.get(name))
        if fields[name] is None:
            errors[f"ratings.{name}"] = [stars]
    for unknown in sorted(set(ratings) - {name for name, _label in CRITERIA[role]}):
        errors[f"ratings.{unknown}"] = [_("This is not rated in this kind of review.")]
    again = data.get("would_work_again")
    if not isinstance(again, bool):
        errors["would_work_again"] = [_("Answer yes or no.")]
    fields["would_work_again"] = again
    for name, required in (("went_well", True), ("could_improve", False), ("private_note", False)):
        text = data.get(name)
        fields[name] = text.strip() if isinstance(text, str) else ""
        if required and not fields[name]:
            errors[name] = [_("Say what went well, in a few words at least.")]
        elif len(fields[name]) > MAX_TEXT:
            errors[name] = [_("Keep it under 3,000 characters.")]
    if errors:
        raise InvalidInput(_("Please correct the review."), fields=errors)
    return fields


def _star(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | str):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 1 <= number <= 5 else None


# ---- replies --------------------------------------------------------------------------------------------


def reply_post(*, review_id: int | str, by: User, text: str) -> Reply:
    """The reviewed person answers a published review in public, once."""
    with transaction.atomic():
        review = _published_for_reply(review_id, by)
        if Reply.objects.filter(review=review).exists():
            raise Conflict(_("You have already replied; you may edit your reply."), code="reply_exists")
        return Reply.objects.create(review=review, text=_reply_text(text))


def reply_edit(*, review_id: int | str, by: User, text: str) -> Reply:
    """Change one's reply within REPLY_EDIT_DAYS of writing it."""
    with transaction.atomic():
        review = _published_for_reply(review_id, by)
        reply = Reply.objects.select_for_update().filter(review=review).first()
        if reply is None:
            raise NotFound(_("You have not replied to this review."))
        if timezone.now() > reply.created_at + timedelta(days=settings.REPLY_EDIT_DAYS):
            raise Conflict(
                _("A reply can be edited for %(days)s days only.") % {"days": settings.REPLY_EDIT_DAYS},
                code="reply_locked",
            )
        reply.text = _reply_text(text)
        reply.save(update_fields=["text", "updated_at"])
        return reply


def _published_for_reply(review_id: int | str, by: User) -> Review:
    """A published review; a sealed or missing one is not found, someone else's may not be answered."""
    missing = _("No such review.")
    review = Review.objects.select_for_update().filter(pk=pk_or_404(review_id, missing)).first()
    if review is None or review.status != Review.Status.PUBLISHED:
        raise NotFound(missing)
    if review.subject_id != by.pk:
        raise NotAllowed(_("Only the person reviewed may reply."))
    return review


def _reply_text(text: Any) -> str:
    cleaned = (text if isinstance(text, str) else "").strip()
    if not cleaned or len(cleaned) > MAX_TEXT:
        message = _("Write a reply of at most 3,000 characters.")
        raise InvalidInput(message, fields={"text": [message]})
    return cleaned
