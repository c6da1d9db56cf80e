"""Sanctions for manipulating reviews, with due process: an operator states a reason and the moderation cases
that prove it; a warning is public on the profile for SANCTION_WARNING_DAYS and removes the reviews the person
manipulated; a second sanction within a year, or a suspension, locks the account for SANCTION_SUSPENSION_DAYS.
Every sanction carries an appeal deadline; one appeal, decided by a different operator, may lift it.

The Sanction row has no status of its own: its steps are fields (appealed_at, lifted_at) written under a row
lock, and each step is written to Django's admin log so it stays attributable to the operator who took it.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.ids import pk_or_none
from openhour.lib.money import format_money
from openhour.lib.process import OPERATOR, transition
from openhour.reviews.criteria import subject_role
from openhour.reviews.integrity.models import Case, RiskSignal, Sanction
from openhour.reviews.models import Review

APPEAL_DAYS = 14
REPEAT_WINDOW = timedelta(days=365)  # a second sanction within this time suspends
MAX_REASON = 2000
LINK_SALT = "openhour.integrity.sanction-appeal"
NO_SANCTION = _("No such sanction.")


def warning_days() -> int:
    return int(getattr(settings, "SANCTION_WARNING_DAYS", 90))


def suspension_days() -> int:
    return int(getattr(settings, "SANCTION_SUSPENSION_DAYS", 30))


# ---- imposing ------------------------------------------------------------------------------------------


def sanction_impose(*, user: User | None, kind: str, reason: str, evidence_case_ids: list[Any], by: User) -> Sanction:
    """An operator sanctions `user` for manipulating reviews, citing moderation cases about reviews the user
    wrote or received. A repeat within a year, or kind "suspension", suspends the account."""
    if not by.is_staff:
        raise NotAllowed()
    if user is None:
        raise NotFound(_("There is nobody by that name."))
    if user.pk == by.pk:
        raise NotAllowed(_("Another operator must decide about your own account."))
    reason = (reason or "").strip()
    errors: dict[str, list[str]] = {}
    if kind not in Sanction.Kind.values:
        errors["kind"] = [_("Choose a warning or a suspension.")]
    if not reason:
        errors["reason"] = [_("State the reason: the person sanctioned reads it.")]
    elif len(reason) > MAX_REASON:
        errors["reason"] = [_("At most %(n)s characters.") % {"n": MAX_REASON}]
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)  # one sanction at a time decides "repeat"
        cases = _evidence_cases(user, evidence_case_ids, errors)
        if errors:
            raise InvalidInput(_("The sanction is not complete."), fields=errors)
        now = timezone.now()
        if kind == Sanction.Kind.WARNING and _recent(user, now):
            kind = Sanction.Kind.SUSPENSION
        sanction = _create(user=user, kind=kind, reason=reason, cases=cases, by=by, now=now)
        _remove_manipulated(sanction, cases, by)
        if kind == Sanction.Kind.SUSPENSION:
            User.objects.filter(pk=user.pk).update(is_active=False)
        _audit(by, sanction, f"Imposed a {kind}: {reason}")
        _notify_imposed(sanction)
    return sanction


def _evidence_cases(user: User, raw_ids: list[Any], errors: dict[str, list[str]]) -> list[Case]:
    """The cited cases, each about a review `user` wrote or received; anything else is refused by number."""
    ids = [pk_or_none(raw) for raw in raw_ids or []]
    if not ids:
        errors["evidence"] = [_("Cite at least one moderation case as evidence.")]
        return []
    wanted = {pk for pk in ids if pk is not None}
    found = {case.pk: case for case in Case.objects.select_related("review").filter(pk__in=wanted)}
    foreign = [
        str(raw)
        for raw, pk in zip(raw_ids, ids, strict=True)
        if pk not in found or user.pk not in (found[pk].review.author_id, found[pk].review.subject_id)
    ]
    if foreign:
        errors["evidence"] = [
            _("These are not cases about this person’s reviews: %(ids)s.") % {"ids": ", ".join(foreign)}
        ]
    return [found[pk] for pk in sorted(wanted) if pk in found]


def _recent(user: User, now: datetime) -> bool:
    """Whether a sanction that still stands was imposed within the last year."""
    return Sanction.objects.filter(user=user, created_at__gte=now - REPEAT_WINDOW, lifted_at__isnull=True).exists()


def _create(*, user: User, kind: str, reason: str, cases: list[Case], by: User, now: datetime) -> Sanction:
    days = suspension_days() if kind == Sanction.Kind.SUSPENSION else warning_days()
    ends_at = now + timedelta(days=days)
    sanction = Sanction(
        user=user,
        kind=kind,
        reason=reason,
        evidence=[_summary(case, user) for case in cases],
        starts_at=now,
        ends_at=ends_at,
        appeal_until=now + timedelta(days=APPEAL_DAYS),
        created_by=by,
        funds_release_on=ends_at.date() if kind == Sanction.Kind.SUSPENSION else None,
    )
    sanction.full_clean()
    sanction.save()
    return sanction


def _summary(case: Case, user: User) -> dict[str, Any]:
    """What the evidence shows the sanctioned person and operators: the case, their part in the review and the
    kinds of signal found, never the signals' raw evidence (other people's addresses and devices)."""
    review = case.review
    signals = RiskSignal.objects.filter(review=review).order_by("-score", "id")
    return {
        "case": case.pk,
        "review": review.pk,
        "role": "author" if review.author_id == user.pk else "subject",
        "outcome": case.outcome,
        "rule": case.rule,
        "removed": False,
        "signals": [{"kind": s.kind, "label": str(s.get_kind_display()), "score": round(s.score, 2)} for s in signals],
    }


def _remove_manipulated(sanction: Sanction, cases: list[Case], by: User) -> None:
    """Remove the reviews the person wrote in the cited cases (those still shown or held), and remember which,
    so that lifting the sanction on appeal can put them back. Sealed ones are not published yet: skipped."""
    from openhour.reviews.scoring import reputations_refresh

    removable = {Review.Status.PUBLISHED, Review.Status.HELD}
    note = _("Removed with a sanction for manipulating reviews: %(reason)s") % {"reason": sanction.reason}
    ids = [case.review_id for case in cases if case.review.author_id == sanction.user_id]
    removed = []
    for review in Review.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
        if review.status not in removable:
            continue
        transition(obj=review, action="remove", actor=OPERATOR, by=by, note=note)
        removed.append((review.subject, subject_role(review.author_role)))
        for item in sanction.evidence:
            item["removed"] = item["removed"] or item["review"] == review.pk
    reputations_refresh(people=removed)
    sanction.save(update_fields=["evidence"])


# ---- appeal --------------------------------------------------------------------------------------------


def appeal_token(sanction: Sanction) -> str:
    """A link for the e-mail: a suspended person cannot sign in, yet may read the notice and appeal."""
    return signing.dumps({"s": sanction.pk, "u": sanction.user_id}, salt=LINK_SALT, compress=True)


def appeal_path(sanction: Sanction) -> str:
    return reverse("sanction_mine", args=[sanction.pk]) + "?token=" + appeal_token(sanction)


def sanction_for(*, sanction_id: Any, viewer: User | AnonymousUser | None = None, token: str = "") -> Sanction:
    """The sanctioned person's own sanction: signed in as them, or through the signed link of the notice
    (valid while the sanction lasts, and two weeks after). Everyone else, operators included here, gets a 404."""
    pk = pk_or_none(sanction_id)
    sanction = Sanction.objects.select_related("user").filter(pk=pk).first() if pk else None
    if sanction is None:
        raise NotFound(NO_SANCTION)
    if viewer is not None and getattr(viewer, "is_authenticated", False) and viewer.pk == sanction.user_id:
        return sanction
    if token and _token_names(token, sanction):
        return sanction
    raise NotFound(NO_SANCTION)


def _token_names(token: str, sanction: Sanction) -> bool:
    # Readable while the sanction lasts and a while after, so that the appeal decision can be read too.
    age = max(sanction.ends_at, sanction.appeal_until) - sanction.starts_at + timedelta(days=APPEAL_DAYS)
    try:
        value = signing.loads(token, salt=LINK_SALT, max_age=age)
    except (signing.BadSignature, ValueError):
        return False
    return isinstance(value, dict) and value.get("s") == sanction.pk and value.get("u") == sanction.user_id


def sanction_appeal(
    *, sanction_id: Any, text: str, viewer: User | AnonymousUser | None = None, token: str = ""
) -> Sanction:
    """The sanctioned person appeals once, before `appeal_until`, with their side of the story."""
    text = (text or "").strip()
    if not text:
        raise InvalidInput(_("Say why the sanction is wrong."), fields={"text": [_("Write your appeal.")]})
    if len(text) > MAX_REASON:
        raise InvalidInput(fields={"text": [_("At most %(n)s characters.") % {"n": MAX_REASON}]})
    with transaction.atomic():
        found = sanction_for(sanction_id=sanction_id, viewer=viewer, token=token)
        sanction = Sanction.objects.select_for_update().get(pk=found.pk)
        if sanction.appealed_at is not None:
            raise Conflict(
                _("You have already appealed this sanction; an appeal is possible once."), code="sanction_appealed"
            )
        if sanction.lifted_at is not None:
            raise Conflict(_("This sanction was lifted."), code="sanction_lifted")
        now = timezone.now()
        if now > sanction.appeal_until:
            raise Conflict(
                _("The deadline to appeal passed on %(when)s.") % {"when": day(sanction.appeal_until)},
                code="sanction_appeal_closed",
            )
        sanction.appealed_at, sanction.appeal_text = now, text
        sanction.save(update_fields=["appealed_at", "appeal_text"])
        _audit(sanction.user, sanction, "Appealed")
    return sanction


def sanction_decide_appeal(*, sanction_id: Any, outcome: str, reason: str, by: User) -> Sanction:
    """A different operator than the one who imposed it lifts the sanction or confirms it, with a reason.
    Lifting a suspension reactivates the account; reviews it removed are put back."""
    if not by.is_staff:
        raise NotAllowed()
    reason = (reason or "").strip()
    if outcome not in ("lift", "confirm"):
        raise InvalidInput(fields={"outcome": [_("Choose to lift or to confirm the sanction.")]})
    if not reason:
        raise InvalidInput(_("Operators give a written reason."), fields={"reason": [_("Give a reason.")]})
    with transaction.atomic():
        sanction = Sanction.objects.select_for_update().filter(pk=pk_or_none(sanction_id) or 0).first()
        if sanction is None:
            raise NotFound(NO_SANCTION)
        if sanction.created_by_id == by.pk:
            raise NotAllowed(_("A different operator decides the appeal."), code="same_operator")
        if sanction.appealed_at is None:
            raise Conflict(_("This sanction was not appealed."), code="sanction_not_appealed")
        if sanction.appeal_decision:
            raise Conflict(_("This appeal was decided already."), code="sanction_appeal_decided")
        # lifted_at says whether the appeal lifted it; the decision, its author and time are kept either way.
        sanction.appeal_decision, sanction.appeal_decided_by, sanction.appeal_decided_at = reason, by, timezone.now()
        if outcome == "lift":
            sanction.lifted_at = sanction.appeal_decided_at
            _undo(sanction, by, reason)
        sanction.save(update_fields=["lifted_at", "appeal_decision", "appeal_decided_by", "appeal_decided_at"])
        _audit(by, sanction, f"Appeal decided ({outcome}): {reason}")
        _notify_decided(sanction, lifted=outcome == "lift")
    return sanction


def _undo(sanction: Sanction, by: User, reason: str) -> None:
    from openhour.reviews.scoring import reputations_refresh

    if sanction.kind == Sanction.Kind.SUSPENSION and not _suspended_otherwise(sanction):
        User.objects.filter(pk=sanction.user_id).update(is_active=True)
    removed = [item["review"] for item in sanction.evidence if item.get("removed")]
    reinstated = []
    for review in Review.objects.select_for_update().filter(pk__in=removed, status=Review.Status.REMOVED):
        transition(obj=review, action="reinstate", actor=OPERATOR, by=by, note=reason)
        reinstated.append((review.subject, subject_role(review.author_role)))
    reputations_refresh(people=reinstated)


def _suspended_otherwise(sanction: Sanction) -> bool:
    others = Sanction.objects.filter(user_id=sanction.user_id, kind=Sanction.Kind.SUSPENSION, lifted_at__isnull=True)
    return others.exclude(pk=sanction.pk).filter(ends_at__gt=timezone.now()).exists()


def sanctions_expire_due(now: datetime | None = None) -> int:
    """The worker reactivates accounts whose suspension ended. Only suspensions that ended within the last week
    are looked at, so an account an operator closed for other reasons is not reopened for ever after."""
    now = now or timezone.now()
    ended = Sanction.objects.filter(
        kind=Sanction.Kind.SUSPENSION,
        lifted_at__isnull=True,
        ends_at__lte=now,
        ends_at__gt=now - timedelta(days=7),
        user__is_active=False,
    )
    ongoing = Sanction.objects.filter(kind=Sanction.Kind.SUSPENSION, lifted_at__isnull=True, ends_at__gt=now)
    users = set(ended.exclude(user__in=ongoing.values("user")).values_list("user_id", flat=True))
    return User.objects.filter(pk__in=users, is_active=False).update(is_active=True)


# ---- reads ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicWarning:
    reason: str
    until: datetime


def active_warning(user: User) -> PublicWarning | None:
    """The warning a profile shows: a sanction not lifted, for SANCTION_WARNING_DAYS from its start."""
    now = timezone.now()
    found = (
        Sanction.objects.filter(
            user=user, lifted_at__isnull=True, starts_at__lte=now, starts_at__gt=now - timedelta(days=warning_days())
        )
        .order_by("-starts_at")
        .first()
    )
    if found is None:
        return None
    return PublicWarning(reason=found.reason, until=found.starts_at + timedelta(days=warning_days()))


def held_funds(user: User) -> list[str]:
    """The wallet money a suspended person keeps (released on `funds_release_on`), as "£12.00"."""
    return [format_money(b.available, b.currency) for b in _balances(user) if b.available]


def _balances(user: User) -> Any:
    from openhour.money.selectors import balances_for

    return balances_for(user=user)


def appeals_waiting() -> QuerySet[Sanction]:
    """Appealed sanctions without a decision, oldest appeal first, for operators."""
    waiting = Sanction.objects.filter(appealed_at__isnull=False, appeal_decision="")
    return waiting.select_related("user", "created_by").order_by("appealed_at", "id")


def cases_about(user: User) -> QuerySet[Case]:
    """Moderation cases about reviews `user` wrote or received: what an operator may cite."""
    from django.db.models import Q

    mine = Q(review__author=user) | Q(review__subject=user)
    cases = Case.objects.filter(mine).select_related("review__author", "review__subject")
    return cases.order_by("-created_at")[:100]


def day(when: datetime | date) -> str:
    return date_format(timezone.localtime(when) if isinstance(when, datetime) else when)


# ---- telling people ------------------------------------------------------------------------------------


def _notify_imposed(sanction: Sanction) -> None:
    from openhour.messaging.notifications.said import said
    from openhour.messaging.notifications.services import notification_send

    suspended = sanction.kind == Sanction.Kind.SUSPENSION
    title = said(
        gettext_noop("Your account is suspended") if suspended else gettext_noop("A public warning on your profile")
    )
    notification_send(
        user=sanction.user,
        kind="sanction",
        title=title,
        url=appeal_path(sanction),
        source=f"sanction:{sanction.pk}",
        body=notice_body(sanction),
    )
    if suspended:
        _mail_if_not_emailed(sanction, title)


def notice_body(sanction: Sanction) -> list[Any]:
    """The reason, the evidence and the dates, as sentences put into words in the reader's language."""
    from openhour.messaging.notifications.said import Moment, Money, said

    def on(when: datetime | date) -> Moment:
        return Moment(when, "DATE_FORMAT")

    lines = [said(gettext_noop("Reason: %(reason)s"), reason=sanction.reason), said(gettext_noop("Evidence:"))]
    for item in sanction.evidence:
        kinds = [_signal_kind(signal) for signal in item["signals"]]
        lines.append(
            said(
                gettext_noop("- moderation case %(case)s (%(kinds)s)"),
                case=item["case"],
                kinds=kinds or said(gettext_noop("no automatic signal")),
            )
        )
    if sanction.kind == Sanction.Kind.SUSPENSION:
        lines.append(said(gettext_noop("You cannot sign in until %(when)s."), when=on(sanction.ends_at)))
        funds = [Money(b.available, b.currency) for b in _balances(sanction.user) if b.available]
        release = on(sanction.funds_release_on) if sanction.funds_release_on else ""
        lines.append(
            said(
                gettext_noop("Money in your wallet (%(funds)s) is held until %(when)s."),
                funds=funds or said(gettext_noop("none")),
                when=release,
            )
        )
    else:
        lines.append(said(gettext_noop("The warning shows on your profile until %(when)s."), when=on(sanction.ends_at)))
    lines.append(said(gettext_noop("You may appeal once until %(when)s."), when=on(sanction.appeal_until)))
    return lines


def _signal_kind(signal: dict[str, Any]) -> Any:
    """A kind of signal named in the reader's language (its label as stored if the kind is gone)."""
    kind = signal.get("kind")
    return RiskSignal.Kind(kind).label if kind in RiskSignal.Kind.values else str(signal.get("label", ""))


def _mail_if_not_emailed(sanction: Sanction, title: Any) -> None:
    """A suspended person cannot open the notification centre: if they chose not to get this kind by e-mail,
    the notice is e-mailed anyway, once the sanction is saved."""
    from openhour.lib.i18n import read_by
    from openhour.lib.mail import mail_send_on_commit
    from openhour.lib.web import absolute_url
    from openhour.messaging.notifications import kinds
    from openhour.messaging.notifications.said import lines, words_of_lines
    from openhour.messaging.notifications.selectors import channel_of

    if channel_of(user=sanction.user, kind="sanction") == kinds.EMAIL:
        return
    person = sanction.user
    with read_by(person):
        context = {
            "person": person,
            "title": str(title),
            "body": words_of_lines(lines(*notice_body(sanction))),
            "action_url": absolute_url(appeal_path(sanction)),
            "action_label": _("See the decision and appeal"),
        }
        subject = str(title)
    mail_send_on_commit(
        subject=subject, template="integrity/email/sanction", context=context, to=[person.email], reader=person
    )


def _notify_decided(sanction: Sanction, *, lifted: bool) -> None:
    from openhour.messaging.notifications.said import said
    from openhour.messaging.notifications.services import notification_send

    title = (
        said(gettext_noop("Your appeal succeeded: the sanction is lifted"))
        if lifted
        else said(gettext_noop("Your appeal was refused"))
    )
    body = said(gettext_noop("Reason: %(reason)s"), reason=sanction.appeal_decision)
    notification_send(
        user=sanction.user,
        kind="sanction",
        title=title,
        url=appeal_path(sanction),
        source=f"sanction:{sanction.pk}:appeal",
        body=body,
    )


def _audit(by: User, sanction: Sanction, message: str) -> None:
    LogEntry.objects.log_actions(
        user_id=by.pk, queryset=[sanction], action_flag=CHANGE, change_message=message, single_object=True
    )
