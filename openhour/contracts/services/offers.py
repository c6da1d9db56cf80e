"""Direct offers: a client offers a contract to a freelancer without a project; the freelancer accepts (work
begins) or declines; the client may withdraw it until then, and an offer left unanswered lapses after
OFFER_EXPIRY_DAYS. Also what the contract page shows of an offer, of how a contract ended, and the
operator's form of the transitions the tables grant operators."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.identity.requirements import identity_require_for_hourly
from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.contracts.actions import Action
from openhour.contracts.forms.offers import OfferNoteForm, OperatorForm
from openhour.contracts.models import Contract, ContractTimer, Milestone
from openhour.contracts.services.contracts import (
    DEFAULT_TIME_ZONE,
    HELD,
    ContractTerms,
    MilestoneTerms,
    contract_begin,
    contract_lock,
    contract_locked_for,
    contract_start,
)
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed, NotFound
from openhour.lib.money import MINOR_UNITS, Currency, format_money, is_whole
from openhour.lib.process import (
    CLIENT,
    FREELANCER,
    OPERATOR,
    SYSTEM,
    allowed_actions,
    statuses_allowing,
    timers_cancel,
    transition,
)
from openhour.messaging.notifications.said import Moment, Said, said
from openhour.messaging.notifications.services import notification_send
from openhour.money import fees
from openhour.money.models import Billing

MAX_MILESTONES = 5
MAX_DUE_DAYS = 365
MAX_WEEKLY_HOURS = 168
Errors = dict[str, list[str]]


# ---- making an offer -----------------------------------------------------------------------------


def offer_check(*, client: User, to: str) -> User:
    """Who may offer a contract to whom, asked before the form is filled in (sending checks again):
    returns the freelancer."""
    require_verified_email(client)
    if not client.is_client:
        raise NotAllowed(_("Only clients offer contracts: add the client role to your account first."))
    freelancer = User.objects.filter(username=str(to or "").strip(), is_active=True).first()
    if freelancer is None:
        raise NotFound(_("No such freelancer."))
    if freelancer.pk == client.pk:
        raise InvalidInput(
            _("You cannot offer a contract to yourself."),
            fields={"to": [_("Choose someone else.")]},
            code="offer_to_self",
        )
    if not freelancer.is_freelancer:
        raise InvalidInput(
            _("%(name)s does not work as a freelancer here.") % {"name": freelancer.name},
            fields={"to": [_("Offers go to freelancers.")]},
            code="not_a_freelancer",
        )
    if Contract.objects.filter(client=client, freelancer=freelancer, status=Contract.Status.OFFERED).exists():
        raise Conflict(
            _("Your offer to %(name)s is still waiting for an answer: withdraw it before you send another.")
            % {"name": freelancer.name},
            code="offer_pending",
        )
    return freelancer


def offer_create(
    *,
    client: User,
    to: str,
    title: str,
    message: str,
    currency: str,
    kind: str = Contract.Kind.FIXED,
    milestones: list[dict[str, Any]] | None = None,
    hourly_rate: Any = None,
    weekly_limit: Any = None,
    time_zone: str = DEFAULT_TIME_ZONE,
) -> Contract:
    """A verified client offers a contract: fixed (1-5 milestones) or hourly (a rate, a weekly limit, a time
    zone). It waits for the freelancer's answer until OFFER_EXPIRY_DAYS have passed."""
    offer_check(client=client, to=to)  # who may offer to whom is said before what is wrong with the terms
    title, message = str(title or "").strip(), str(message or "").strip()
    rows = _validated(title, message, currency, kind, milestones or [], hourly_rate, weekly_limit, time_zone)
    hourly = kind == Contract.Kind.HOURLY
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=client.pk).first()  # two tabs sending at once queue up here
        freelancer = offer_check(client=client, to=to)
        terms = ContractTerms(
            title=title,
            currency=currency,
            kind=kind,
            hourly_rate=hourly_rate if hourly else None,
            weekly_limit=weekly_limit if hourly else None,
            time_zone=time_zone if hourly else DEFAULT_TIME_ZONE,
            offer_message=message,
        )
        contract = contract_start(client=client, freelancer=freelancer, terms=terms, milestones=rows, offered=True)
        expires = timezone.now() + timedelta(days=settings.OFFER_EXPIRY_DAYS)
        ContractTimer.objects.create(contract=contract, action="expire", due_at=expires)
        headline = said(gettext_noop("%(name)s offers you a contract: “%(title)s”"), **_said(contract, client))
        body = said(
            gettext_noop("Accept or decline it by %(when)s; after that the offer lapses."),
            when=Moment(expires, "DATE_FORMAT"),
        )
        _notify(freelancer, headline, body, contract, "offer")
    return contract


def _validated(
    title: str,
    message: str,
    currency: str,
    kind: str,
    milestones: list[dict[str, Any]],
    hourly_rate: Any,
    weekly_limit: Any,
    time_zone: str,
) -> list[MilestoneTerms]:
    """Every problem with the terms at once (400), or the milestones to create."""
    errors: Errors = {}
    if not title or len(title) > 120:
        errors["title"] = [_("Give the contract a title of at most 120 characters.")]
    if not message or len(message) > 5000:
        errors["message"] = [_("Tell the freelancer about the work, in at most 5,000 characters.")]
    if currency not in Currency.values:
        errors["currency"] = [_("Choose one of the currencies offered.")]
    ceiling = settings.AMOUNT_CEILING * MINOR_UNITS.get(currency, 100)
    rows: list[MilestoneTerms] = []
    if kind == Contract.Kind.FIXED:
        rows = _milestones(milestones, ceiling, errors)
    elif kind == Contract.Kind.HOURLY:
        _hourly(milestones, hourly_rate, weekly_limit, time_zone, ceiling, errors)
    else:
        errors["kind"] = [_("Choose fixed price or hourly.")]
    if errors:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=errors)
    return rows


def _milestones(milestones: list[dict[str, Any]], ceiling: int, errors: Errors) -> list[MilestoneTerms]:
    problems: list[str] = []
    if not milestones:
        problems.append(_("Add at least one milestone."))
    elif len(milestones) > MAX_MILESTONES:
        problems.append(_("Use at most %(n)d milestones.") % {"n": MAX_MILESTONES})
    rows = []
    for n, row in enumerate(milestones[:MAX_MILESTONES], start=1):
        title, amount, days = str(row.get("title") or "").strip(), row.get("amount"), row.get("due_in_days")
        criteria = str(row.get("criteria") or "").strip()
        said = {"n": n, "most": f"{settings.AMOUNT_CEILING:,}"}
        if not title or len(title) > 120:
            problems.append(_("Milestone %(n)d: give it a title of at most 120 characters.") % said)
        if not is_whole(amount) or not 0 < amount <= ceiling:
            problems.append(_("Milestone %(n)d: an amount is more than zero and at most %(most)s.") % said)
        if not is_whole(days) or not 1 <= days <= MAX_DUE_DAYS:
            problems.append(_("Milestone %(n)d: due in 1 to 365 days.") % said)
        if len(criteria) > 5000:
            problems.append(_("Milestone %(n)d: keep the acceptance criteria under 5,000 characters.") % said)
        if is_whole(amount) and is_whole(days):  # any other row was reported as a problem above
            rows.append(MilestoneTerms(title=title, amount=amount, due_in_days=days, criteria=criteria))
    if problems:
        errors["milestones"] = problems
    return rows


def _hourly(
    milestones: list[dict[str, Any]], rate: Any, limit: Any, time_zone: str, ceiling: int, errors: Errors
) -> None:
    if milestones:
        errors["milestones"] = [_("An hourly contract is paid for the hours worked, week by week: no milestones.")]
    if not is_whole(rate) or not 0 < rate <= ceiling:
        errors["hourly_rate"] = [_("An hourly rate is more than zero.")]
    if not is_whole(limit) or not 1 <= limit <= MAX_WEEKLY_HOURS:
        errors["weekly_limit"] = [_("A weekly limit is 1 to %(n)d hours.") % {"n": MAX_WEEKLY_HOURS}]
    if not valid_time_zone(time_zone):
        errors["time_zone"] = [_("Choose a time zone by its name, such as Europe/London.")]


def valid_time_zone(name: Any) -> bool:
    """An IANA time zone name that this system knows."""
    if not isinstance(name, str) or not 0 < len(name) <= 64:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


# ---- answering, withdrawing, lapsing -------------------------------------------------------------


def offer_accept(*, contract_id: int | str, by: User, note: str = "") -> Contract:
    """The freelancer accepts: the contract becomes active and work begins (due dates, reminders)."""
    with transaction.atomic():
        contract, actor = contract_locked_for(contract_id, by)
        transition(obj=contract, action="accept", actor=actor, by=by, note=_note(note))
        require_verified_email(by)
        if contract.kind == Contract.Kind.HOURLY:
            identity_require_for_hourly(user=by)
        timers_cancel(obj=contract)
        contract_begin(contract=contract)
        title = said(gettext_noop("%(name)s accepted your offer “%(title)s”"), **_said(contract))
        next_step = said(gettext_noop("Fund the first milestone so that work can start."))
        _notify(contract.client, title, next_step, contract, "accept")
    return contract


def offer_decline(*, contract_id: int | str, by: User, note: str = "") -> Contract:
    """The freelancer declines, optionally saying why; the client sees the reason."""
    with transaction.atomic():
        contract, actor = contract_locked_for(contract_id, by)
        transition(obj=contract, action="decline", actor=actor, by=by, note=_note(note))
        timers_cancel(obj=contract)
        title = said(gettext_noop("%(name)s declined your offer “%(title)s”"), **_said(contract))
        _notify(contract.client, title, _note(note), contract, "decline")
    return contract


def offer_withdraw(*, contract_id: int | str, by: User, note: str = "") -> Contract:
    """The client (or an operator, with a reason) takes an unanswered offer back."""
    with transaction.atomic():
        contract, actor = contract_locked_for(contract_id, by)
        transition(obj=contract, action="withdraw", actor=actor, by=by, note=_note(note))
        timers_cancel(obj=contract)
        title = said(gettext_noop("The offer “%(title)s” was withdrawn"), **_said(contract))
        _notify(contract.freelancer, title, _note(note), contract, "withdraw")
    return contract


def offer_expire(*, contract_id: int | str) -> Contract:
    """The system lets an offer lapse that had no answer within OFFER_EXPIRY_DAYS."""
    with transaction.atomic():
        contract = contract_lock(contract_id)
        note = _("No answer within %(days)s days.") % {"days": settings.OFFER_EXPIRY_DAYS}
        transition(obj=contract, action="expire", actor=SYSTEM, note=note)
        timers_cancel(obj=contract)
        title = said(gettext_noop("Your offer “%(title)s” to %(name)s lapsed without an answer"), **_said(contract))
        lapsed = said(gettext_noop("No answer within %(days)s days."), days=settings.OFFER_EXPIRY_DAYS)
        _notify(contract.client, title, lapsed, contract, "expire")
    return contract


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > 2000:
        raise InvalidInput(fields={"note": [_("Keep it under 2,000 characters.")]})
    return note


def _said(contract: Contract, person: User | None = None) -> dict[str, str]:
    return {"name": (person or contract.freelancer).name, "title": contract.title}


def _notify(to: User, title: Said, body: Said | str, contract: Contract, step: str) -> None:
    """`body` is a sentence of ours, or the other party's own note, shown as they wrote it."""
    # In the caller's transaction, so a step that rolls back tells nobody; e-mailed as the person prefers.
    kind = "offer_answered" if to.pk == contract.client_id else "offer_received"
    url = f"/contracts/{contract.pk}"
    notification_send(user=to, kind=kind, title=title, url=url, source=f"contract:{contract.pk}:{step}", body=body)


# ---- what needs the freelancer's answer ----------------------------------------------------------


def offer_actions_for(*, user: User) -> list[Action]:
    """Offers waiting for this freelancer's answer, each due when it lapses."""
    expiry = ContractTimer.objects.filter(contract=OuterRef("pk"), action="expire", fired_at=None, cancelled_at=None)
    rows = (
        Contract.objects.filter(freelancer_id=user.pk, status__in=statuses_allowing(Contract, "accept", FREELANCER))
        .select_related("client")
        .annotate(expires_at=Subquery(expiry.values("due_at")[:1]))
        .order_by("created_at", "id")
    )
    title = _("Answer the offer “%(title)s” from %(name)s")
    return [
        Action(
            kind="answer_offer",
            title=title % {"title": row.title, "name": row.client.name},
            url=reverse("contract_detail", args=[row.pk]),
            due_at=row.expires_at,
        )
        for row in rows
    ]


# ---- the contract page ---------------------------------------------------------------------------


def panel(*, contract: Contract, user: User) -> dict[str, Any]:
    """The offer (its terms, the fee, the answer), how the contract ended, and the operator's form."""
    return {
        "offer": offer_context(contract=contract, user=user),
        "offer_decline_form": OfferNoteForm(prefix="decline"),
        "offer_withdraw_form": OfferNoteForm(prefix="withdraw"),
        "operator": operator_context(contract=contract, user=user),
    }


ANSWERS = ("decline", "withdraw", "expire")


def offer_context(*, contract: Contract, user: User) -> dict[str, Any]:
    is_client, is_freelancer = user.pk == contract.client_id, user.pk == contract.freelancer_id
    offered = contract.status == Contract.Status.OFFERED
    role = contract.role_of(user)
    allowed = allowed_actions(contract, role)
    context: dict[str, Any] = {
        "is_client": is_client,
        "is_freelancer": is_freelancer,
        "offered": offered,
        "answer": next((e for e in reversed(contract.events.all()) if e.action in ANSWERS), None),
        "can_answer": "accept" in allowed,
        "can_withdraw": "withdraw" in allowed and role == CLIENT,  # an operator withdraws from the operator's form
    }
    if offered:
        pending = contract.timers.filter(action="expire", fired_at=None, cancelled_at=None)
        context["expires_at"] = pending.values_list("due_at", flat=True).first()
        context["fee"] = offer_fee(contract)
        context["client_pays"] = offer_client_pays(contract, context["fee"])
    return context


def offer_client_pays(contract: Contract, fee: fees.FeePreview | None) -> int:
    """What the client pays for the amount of `fee`: the work plus the client service fee, milestone by milestone
    as they fund them (a full week at once, hourly), so the freelancer reads the same total as the client."""
    if fee is None:
        return 0
    hourly = contract.kind == Contract.Kind.HOURLY
    amounts = [fee.amount] if hourly else [m.amount for m in contract.milestones.all()]
    return fee.amount + fees.client_fee_on_milestones(amounts=amounts, currency=contract.currency)


def offer_fee(contract: Contract) -> fees.FeePreview | None:
    """The freelancer's service fee on the whole offer (fixed) or on a full week (hourly), at their tier."""
    if contract.kind == Contract.Kind.HOURLY:
        amount = (contract.hourly_rate or 0) * (contract.weekly_limit or 0)
    else:
        amount = sum(m.amount for m in contract.milestones.all())
    if amount <= 0:
        return None
    billed = (
        Billing.objects.filter(
            client_id=contract.client_id, freelancer_id=contract.freelancer_id, currency=contract.currency
        )
        .values_list("billed", flat=True)
        .first()
    )
    return fees.freelancer_fee(
        amount=amount,
        billed_before=billed or 0,
        currency=contract.currency,
        schedule=fees.schedule_for(contract.fee_schedule_version),
    )


# ---- operators -----------------------------------------------------------------------------------

# What the operator's form offers: the steps the tables grant operators, less splits and dispute steps,
# which are decided in a dispute.
CONTRACT_STEPS = ("withdraw", "end")
MILESTONE_STEPS = ("release", "refund")


@dataclass(frozen=True)
class OperatorStep:
    value: str  # "contract:end", "milestone:12:release"
    label: str


def operator_steps(contract: Contract) -> list[OperatorStep]:
    """The transitions open to an operator from the contract's and its milestones' current states."""
    steps = []
    milestones = list(contract.milestones.all())
    held = any(m.status in HELD for m in milestones)
    granted = allowed_actions(contract, OPERATOR)
    for action in CONTRACT_STEPS:
        if action in granted and not (action == "end" and held):
            label = _("End the contract") if action == "end" else _("Withdraw the offer")
            steps.append(OperatorStep(value=f"contract:{action}", label=label))
    for m in milestones:
        granted = allowed_actions(m, OPERATOR) if m.status != Milestone.Status.DISPUTED else frozenset()
        for action in MILESTONE_STEPS:
            if action in granted:
                said = {"title": m.title, "amount": format_money(m.amount, contract.currency)}
                label = (
                    _("Release “%(title)s” (%(amount)s) to the freelancer")
                    if action == "release"
                    else _("Refund “%(title)s” (%(amount)s) to the client")
                )
                steps.append(OperatorStep(value=f"milestone:{m.pk}:{action}", label=label % said))
    return steps


def is_operator_of(contract: Contract, user: User) -> bool:
    """Staff who are not a party: they act as the operator on this contract."""
    return bool(user.is_staff) and user.pk not in (contract.client_id, contract.freelancer_id)


def operator_context(*, contract: Contract, user: User, form: OperatorForm | None = None) -> dict[str, Any] | None:
    if not is_operator_of(contract, user):
        return None
    steps = operator_steps(contract)
    held = any(m.status == Milestone.Status.DISPUTED for m in contract.milestones.all())
    return {"steps": steps, "form": form or OperatorForm(steps=steps), "disputed": held}
