"""Flags and moderation cases. A flag opens (or joins) the review's case; an operator decides it (keep,
remove, or redact personal data) with a written reason both parties receive; either party may appeal once,
and a different operator decides the appeal. Every step is a CaseEvent: the audit log.

Lock order: the review, then its case, as the review services lock the review before `case_open`."""

import re
from datetime import datetime, timedelta
from typing import Any

from allauth.account.utils import has_verified_email
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.lib.errors import Conflict, EmailUnverified, InvalidInput, NotAllowed, NotFound
from openhour.lib.ids import pk_or_404
from openhour.lib.process import OPERATOR, OWNER, SYSTEM, transition
from openhour.lib.ratelimit import limit_hit
from openhour.messaging.conversations.masking import mask_contacts
from openhour.messaging.notifications.said import Moment, said
from openhour.messaging.notifications.services import notification_send
from openhour.reviews.criteria import subject_role
from openhour.reviews.integrity.models import Case, Flag
from openhour.reviews.models import Review
from openhour.webhooks.services import events as webhooks

APPEAL_DAYS = 14
MAX_FLAG_TEXT = 2000
MAX_REASON = 5000
MAX_REVIEW_TEXT = 3000
NO_REVIEW = _("No such review.")
NO_CASE = _("No such case.")
LIVE = (Case.Status.OPEN, Case.Status.APPEALED)  # the cases an operator still has to decide
HARMFUL = (Flag.Reason.PERSONAL_DATA, Flag.Reason.EXTORTION)
# Demands tied to the review itself: "pay me or I leave 1 star", "refund me and I'll change the review".
EXTORTION = re.compile(
    r"\b(unless you (pay|refund)|or else|pay me|refund me|(change|remove|delete|update) (my|the|this|your) review"
    r"|(i will|i'll) (leave|post|write) (a )?(bad|1|one|negative)|blackmail)",
    re.IGNORECASE,
)


# ---- opening a case and flagging ---------------------------------------------------------------------------


def cases_close_due(now: datetime | None = None) -> int:
    """Close, as the system, decided cases nobody appealed in time (run_timers). Returns how many."""
    now = now or timezone.now()
    closed = 0
    for case_id in Case.objects.filter(status=Case.Status.DECIDED, appeal_until__lte=now).values_list("pk", flat=True)[
        :500
    ]:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case_id)
            if case.status == Case.Status.DECIDED:  # an appeal may have come in meanwhile
                transition(obj=case, action="close", actor=SYSTEM, note=_("The time to appeal has passed."))
                closed += 1
    return closed


def case_open(*, review: Any, source: str, by: User | None = None) -> Case:
    """Open a case about `review` (or return the one an operator still has to decide): source is
    Case.Source.AUTOMATIC or FLAG. A decided case whose appeal window has passed is closed first."""
    found = Case.objects.select_for_update().filter(review=review, status__in=LIVE).first()
    if found is not None:
        return found
    for expired in Case.objects.select_for_update().filter(
        review=review, status=Case.Status.DECIDED, appeal_until__lte=timezone.now()
    ):
        transition(obj=expired, action="close", actor=SYSTEM, note=_("The time to appeal has passed."))
    case = Case.objects.create(review=review, source=source)
    case.events.create(
        actor=SYSTEM if by is None else OWNER,
        by=by,
        action="open",
        from_status="",
        to_status=case.status,
        note=str(Case.Source(source).label),
    )
    return case


def flag_create(*, review_id: int | str, by: User, reason: Any, text: Any) -> Flag:
    """A verified person reports a published review, once. It stays visible while it is checked, unless the
    report is clearly harmful: personal data or extortion that the review's own words confirm."""
    if not has_verified_email(by):
        raise EmailUnverified()
    with transaction.atomic():
        review = Review.objects.select_for_update().filter(pk=pk_or_404(review_id, NO_REVIEW)).first()
        if review is None or review.status != Review.Status.PUBLISHED:
            raise NotFound(NO_REVIEW)
        if Flag.objects.filter(review=review, by=by).exists():
            raise Conflict(_("You have already reported this review; it is being checked."), code="flag_exists")
        if review.hidden_while_checked:  # hidden from the public, so it answers like a missing one
            raise NotFound(NO_REVIEW)
        if review.author_id == by.pk:
            raise NotAllowed(_("You wrote this review: you cannot report it."))
        reason, text = _flag_input(reason, text)
        limit_hit(
            scope="flags",
            ident=str(by.pk),
            rate=settings.RATE_FLAGS,
            message=_("You have reported many reviews in a short time. Try again in %(when)s."),
        )
        case = case_open(review=review, source=Case.Source.FLAG, by=by)
        flag = Flag.objects.create(review=review, by=by, reason=reason, text=text, case=case)
        case.events.create(
            actor=OWNER,
            by=by,
            action="flag",
            from_status=case.status,
            to_status=case.status,
            note=f"{Flag.Reason(reason).label}: {text}",
        )
        if reason in HARMFUL and clearly_harmful(review):
            review.hidden_while_checked = True
            review.save(update_fields=["hidden_while_checked", "updated_at"])
            from openhour.reviews.scoring import reputation_refresh  # scoring reads reviews: imported late

            reputation_refresh(user=review.subject, role=subject_role(review.author_role))
    return flag


def clearly_harmful(review: Review) -> bool:
    """The review's texts show a contact detail or extortion wording, so it may not stay up while checked."""
    words = f"{review.went_well}\n{review.could_improve}"
    return mask_contacts(words)[1] or EXTORTION.search(words) is not None


def _flag_input(reason: Any, text: Any) -> tuple[str, str]:
    errors: dict[str, list[str]] = {}
    if not isinstance(reason, str) or not reason:
        errors["reason"] = [_("Choose a reason.")]
    elif reason not in Flag.Reason.values:
        errors["reason"] = [_("Choose one of the reasons listed.")]
    cleaned = text.strip() if isinstance(text, str) else ""
    if not cleaned:
        errors["text"] = [_("Say what is wrong with this review.")]
    elif len(cleaned) > MAX_FLAG_TEXT:
        errors["text"] = [_("Keep it under 2,000 characters.")]
    if errors:
        raise InvalidInput(_("Please correct the report."), fields=errors)
    return str(reason), cleaned


# ---- deciding ---------------------------------------------------------------------------------------------


def case_locked(case_id: int | str, by: User) -> tuple[Case, Review]:
    """The case and its review, locked in order, for an operator; anyone else is told it does not exist."""
    pk = pk_or_404(case_id, NO_CASE)
    review_id = Case.objects.filter(pk=pk).values_list("review_id", flat=True).first()
    if review_id is None or not by.is_staff:
        raise NotFound(NO_CASE)
    review = Review.objects.select_for_update().select_related("author", "subject").get(pk=review_id)
    case = Case.objects.select_for_update().get(pk=pk)
    case.review = review
    return case, review


def case_decide(
    *,
    case_id: int | str,
    by: User,
    outcome: Any,
    reason: Any,
    rule: Any = "",
    went_well: Any = None,
    could_improve: Any = None,
) -> Case:
    """An operator keeps, removes (citing a rule) or redacts the review, with a written reason sent to both
    parties. On an appealed case a different operator decides, finally. Nobody decides about their own review."""
    with transaction.atomic():
        case, review = case_locked(case_id, by)
        if by.pk in (review.author_id, review.subject_id):
            raise NotAllowed(_("This review is by or about you: another operator must decide it."))
        appeal = case.status == Case.Status.APPEALED
        if appeal and by.pk == case.decided_by_id:
            raise NotAllowed(_("You made the first decision: a different operator decides the appeal."))
        choice = _decision_input(outcome, reason, rule, went_well, could_improve)
        originals = _apply(review, by=by, choice=choice)
        note = _event_note(choice, originals)
        transition(obj=case, action="decide_appeal" if appeal else "decide", actor=OPERATOR, by=by, note=note)
        _record(case, by=by, choice=choice, appeal=appeal)
        _notify(case, review, choice=choice, appeal=appeal)
    return case


def _decision_input(outcome: Any, reason: Any, rule: Any, went_well: Any, could_improve: Any) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    if outcome not in Case.Outcome.values:
        errors["outcome"] = [_("Choose keep, remove or redact.")]
    written = reason.strip() if isinstance(reason, str) else ""
    if not written or len(written) > MAX_REASON:
        errors["reason"] = [_("Write the reason both parties will read, in at most 5,000 characters.")]
    rule = rule if isinstance(rule, str) else ""
    if outcome == Case.Outcome.REMOVE and rule not in Flag.Reason.values:
        errors["rule"] = [_("Cite the content rule the review breaks.")]
    choice = {"outcome": str(outcome), "reason": written, "rule": rule if outcome == Case.Outcome.REMOVE else ""}
    if outcome == Case.Outcome.REDACT:
        choice["went_well"] = went_well.strip() if isinstance(went_well, str) else ""
        choice["could_improve"] = could_improve.strip() if isinstance(could_improve, str) else ""
        if not choice["went_well"] or len(choice["went_well"]) > MAX_REVIEW_TEXT:
            errors["went_well"] = [_("Give the redacted text of what went well.")]
        if len(choice["could_improve"]) > MAX_REVIEW_TEXT:
            errors["could_improve"] = [_("Keep it under 3,000 characters.")]
    if errors:
        raise InvalidInput(_("Please correct the decision."), fields=errors)
    return choice


def _apply(review: Review, *, by: User, choice: dict[str, str]) -> dict[str, str]:
    """Move the review as decided; returns the texts a redaction replaced, for the audit log."""
    outcome, note = choice["outcome"], choice["reason"]
    was_removed = review.status == Review.Status.REMOVED
    if was_removed and outcome != Case.Outcome.REMOVE:  # an appeal reinstates it before anything else
        transition(obj=review, action="reinstate", actor=OPERATOR, by=by, note=note)
    elif not was_removed:
        transition(obj=review, action=outcome, actor=OPERATOR, by=by, note=note)
    originals: dict[str, str] = {}
    if outcome == Case.Outcome.REDACT:
        if was_removed:
            transition(obj=review, action="redact", actor=OPERATOR, by=by, note=note)
        originals = {"went_well": review.went_well, "could_improve": review.could_improve}
        review.went_well, review.could_improve = choice["went_well"], choice["could_improve"]
    if review.status == Review.Status.PUBLISHED and review.published_at is None:  # a held review goes public
        review.published_at = timezone.now()
        webhooks.emit("review.published", about=review, audience=[review.author_id, review.subject_id])
    review.hidden_while_checked = False
    review.save(update_fields=["went_well", "could_improve", "published_at", "hidden_while_checked", "updated_at"])
    from openhour.reviews.scoring import reputation_refresh  # scoring reads reviews: imported late

    reputation_refresh(user=review.subject, role=subject_role(review.author_role))
    return originals


def _event_note(choice: dict[str, str], originals: dict[str, str]) -> str:
    lines = [f"{Case.Outcome(choice['outcome']).label}: {choice['reason']}"]
    if choice["rule"]:
        lines.append(_("Rule: %(rule)s") % {"rule": Flag.Reason(choice["rule"]).label})
    if originals:
        lines.append(_("Original “what went well”: %(text)s") % {"text": originals["went_well"]})
        lines.append(_("Original “what could be better”: %(text)s") % {"text": originals["could_improve"]})
    return "\n".join(lines)


def _record(case: Case, *, by: User, choice: dict[str, str], appeal: bool) -> None:
    if appeal:
        case.final_outcome, case.final_reason, case.final_decided_by = choice["outcome"], choice["reason"], by
        if choice["rule"]:
            case.rule = choice["rule"]
        case.save(update_fields=["final_outcome", "final_reason", "final_decided_by", "rule", "updated_at"])
        return
    case.outcome, case.reason, case.rule, case.decided_by = choice["outcome"], choice["reason"], choice["rule"], by
    case.decided_at = timezone.now()
    case.appeal_until = case.decided_at + timedelta(days=APPEAL_DAYS)
    fields = ["outcome", "reason", "rule", "decided_by", "decided_at", "appeal_until", "updated_at"]
    case.save(update_fields=fields)


def _notify(case: Case, review: Review, *, choice: dict[str, str], appeal: bool) -> None:
    """Both parties read the decision and its reason: where the review is, or the case if it is gone."""
    titles = {
        Case.Outcome.KEEP: gettext_noop("A review stays published after a moderation check"),
        Case.Outcome.REMOVE: gettext_noop("A review was removed by moderation"),
        Case.Outcome.REDACT: gettext_noop("Personal data was removed from a review"),
    }
    title = said(titles[Case.Outcome(choice["outcome"])])
    if appeal:
        title = said(gettext_noop("Appeal decided: %(title)s"), title=title)
    shown = review.status == Review.Status.PUBLISHED
    url = reverse("review_detail", args=[review.pk]) if shown else reverse("moderation_party", args=[case.pk])
    body = [said(gettext_noop("Reason: %(reason)s"), reason=choice["reason"])]
    if choice["rule"]:
        body.append(said(gettext_noop("Rule: %(rule)s"), rule=Flag.Reason(choice["rule"]).label))
    if not appeal and case.appeal_until:
        body.append(
            said(
                gettext_noop("Either of you may appeal once, until %(when)s: %(url)s"),
                when=Moment(case.appeal_until, "DATE_FORMAT"),
                url=reverse("moderation_party", args=[case.pk]),
            )
        )
    source = f"moderation:{case.pk}:{'appeal' if appeal else 'decide'}"
    for person in (review.author, review.subject):
        notification_send(user=person, kind="review_moderated", title=title, url=url, source=source, body=body)


# ---- appealing ----------------------------------------------------------------------------------------------


def case_for_party(case_id: int | str, by: User | AnonymousUser | None) -> Case | None:
    """A case as one of the review's two parties sees it; None for anyone else (and for undecided cases)."""
    pk = pk_or_404(case_id, NO_CASE)
    case = Case.objects.select_related("review__author", "review__subject").filter(pk=pk).first()
    if case is None or by is None or not by.is_authenticated or case.decided_by_id is None:
        return None
    return case if by.pk in (case.review.author_id, case.review.subject_id) else None


def case_appeal(*, case_id: int | str, by: User, reason: Any) -> Case:
    """Either party asks, once and before `appeal_until`, for a different operator to decide again."""
    written = reason.strip() if isinstance(reason, str) else ""
    if not written or len(written) > MAX_REASON:
        raise InvalidInput(fields={"reason": [_("Say why the decision is wrong, in at most 5,000 characters.")]})
    with transaction.atomic():
        if case_for_party(case_id, by) is None:
            raise NotFound(NO_CASE)
        case = Case.objects.select_for_update().get(pk=pk_or_404(case_id, NO_CASE))
        if case.appealed_by_id is not None:
            raise Conflict(_("This decision has already been appealed."), code="appeal_exists")
        if case.appeal_until is None or case.appeal_until <= timezone.now():
            raise Conflict(_("The time to appeal has passed."), code="appeal_window_closed")
        transition(obj=case, action="appeal", actor=OWNER, by=by, note=written)
        case.appealed_by, case.appeal_reason = by, written
        case.save(update_fields=["appealed_by", "appeal_reason", "updated_at"])
        _tell_other_party(case, by)
    return case


def _tell_other_party(case: Case, by: User) -> None:
    """The other party learns that a different moderator now decides again, and that this decision is final."""
    review = case.review
    other = review.subject if by.pk == review.author_id else review.author
    title = said(gettext_noop("%(name)s appealed a moderation decision about a review"), name=by.name)
    body = said(gettext_noop("A different moderator decides again, and that decision is final."))
    url = reverse("moderation_party", args=[case.pk])
    notification_send(
        user=other, kind="review_moderated", title=title, url=url, source=f"moderation:{case.pk}:appealed", body=body
    )


# ---- reads for operators --------------------------------------------------------------------------------------


def moderation_queue() -> Any:
    """Cases waiting for a decision or an appeal decision, oldest first, with what the queue shows. A review
    the checks queued while it was sealed waits until it is published (or held)."""
    from django.db.models import Count

    rows = Case.objects.filter(status__in=LIVE).exclude(review__status=Review.Status.SEALED)  # decided once out
    rows = rows.select_related("review__author", "review__subject")
    return rows.annotate(flag_count=Count("flags")).order_by("created_at", "id")


def case_for_operator(case_id: int | str, by: User | AnonymousUser | None) -> Case:
    """A case with its signals, flags and audit log, for operators only; anyone else gets a 404."""
    pk = pk_or_404(case_id, NO_CASE)
    if by is None or not by.is_authenticated or not by.is_staff:
        raise NotFound(NO_CASE)
    case = (
        Case.objects.select_related(
            "review__author", "review__subject", "decided_by", "appealed_by", "final_decided_by"
        )
        .prefetch_related("review__signals", "flags__by", "events__by")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise NotFound(NO_CASE)
    return case


def moderation_log() -> Any:
    """Every step of every case, newest first: the audit log."""
    from openhour.reviews.integrity.models import CaseEvent

    return CaseEvent.objects.select_related("by", "case").order_by("-created_at", "-id")


def case_named_reviews(case: Case, most: int = 20) -> list[Review]:
    """The other reviews the case's signals name (texts matched, the same pattern), oldest first, so an operator
    can compare the texts side by side. Only for a case already fetched through `case_for_operator`."""
    named = set().union(*(signal.named_reviews() for signal in case.review.signals.all()))
    reviews = Review.objects.filter(pk__in=named).select_related("author", "subject").order_by("submitted_at", "pk")
    return list(reviews[:most])
