"""Writes for change orders and acceptance criteria.

Lock order, so that a change order, a funding, a firing timer and a contract ending queue up instead of
deadlocking: the pending timers of the contract's milestones (a timer worker claims one, then locks its
milestone), the milestones in id order (escrow locks a milestone before its contract), the contract with
its pending timers (`contracts.services.contract_lock`), and last the change order.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.contracts.change_orders import mail, rules
from openhour.contracts.change_orders.models import ChangeOrder, ChangeOrderItem
from openhour.contracts.models import Contract, Milestone, MilestoneTimer
from openhour.contracts.services import contracts as contract_services
from openhour.contracts.services.contracts import role_or_404
from openhour.lib.errors import Conflict, InvalidInput, NotAllowed
from openhour.lib.ids import pk_or_404
from openhour.lib.process import OPERATOR, SYSTEM, timers_cancel, transition
from openhour.money.services import escrow

Kind = ChangeOrderItem.Kind


def _active(contract: Contract) -> None:
    if contract.status != Contract.Status.ACTIVE:
        raise Conflict(
            _("This contract’s plan no longer changes (status: %(status)s).")
            % {"status": contract.get_status_display()},
            code=f"contract_{contract.status}",
        )


def milestone_criteria_set(*, milestone_id: int | str, by: User, criteria: str) -> Milestone:
    """Either party writes a milestone's acceptance criteria while it awaits funding, so the other sees them
    before the client pays; once funded they change only by a change order."""
    missing = _("No such milestone.")
    criteria = (criteria or "").replace("\r\n", "\n").strip()
    if len(criteria) > 5000:
        raise InvalidInput(fields={"criteria": [_("Keep the acceptance criteria under 5,000 characters.")]})
    with transaction.atomic():
        pk = pk_or_404(milestone_id, missing)
        milestone = Milestone.objects.select_for_update().select_related("contract").filter(pk=pk).first()
        role = role_or_404(milestone.contract if milestone else None, by, missing)
        assert milestone is not None
        if role == OPERATOR:
            raise NotAllowed(_("Only the client and the freelancer agree the acceptance criteria."))
        _active(milestone.contract)
        if milestone.status != Milestone.Status.AWAITING_FUNDING:
            raise Conflict(
                _("The acceptance criteria are locked once funded: agree a change order to change them."),
                code="criteria_locked",
            )
        milestone.criteria = criteria
        milestone.save(update_fields=["criteria", "updated_at"])
        status = milestone.status
        milestone.events.create(
            actor=role, by=by, action="criteria", from_status=status, to_status=status, note=criteria
        )
    return milestone


def change_order_propose(
    *, contract_id: int | str, by: User, changes: list[rules.Change], note: str = "", deadline: date | None = None
) -> ChangeOrder:
    """One party proposes changes to the plan; nothing changes until the other accepts."""
    missing = _("No such contract.")
    note = (note or "").strip()
    if len(note) > 2000:
        raise InvalidInput(fields={"note": [_("Keep the note under 2,000 characters.")]})
    with transaction.atomic():
        pk = pk_or_404(contract_id, missing)
        role = role_or_404(Contract.objects.filter(pk=pk).first(), by, missing)  # before any lock: outsiders hold none
        if role == OPERATOR:
            raise NotAllowed(_("Only the client and the freelancer propose changes."))
        contract = contract_services.contract_lock(pk)
        _active(contract)
        if contract.kind == Contract.Kind.HOURLY:
            raise Conflict(
                _("An hourly contract is paid by its time sheets: its milestones do not change by change order."),
                code="contract_hourly",
            )
        if ChangeOrder.objects.filter(contract=contract, status=ChangeOrder.Status.PROPOSED).exists():
            raise Conflict(
                _("A change order is already waiting for an answer: answer or withdraw it first."),
                code="change_order_open",
            )
        items = rules.plan(
            contract=contract, milestones=list(contract.milestones.all()), changes=changes, deadline=deadline
        )
        order = ChangeOrder.objects.create(
            contract=contract, proposed_by=by, proposer_role=role, note=note, deadline=deadline
        )
        for item in items:
            item.change_order = order
        ChangeOrderItem.objects.bulk_create(items)
        order.events.create(actor=role, by=by, action="propose", from_status="", to_status=order.status, note=note)
        mail.proposed(order)
    return order


def change_order_accept(*, change_order_id: int | str, by: User, note: str = "") -> ChangeOrder:
    """The other party agrees: every change applies at once, and removed funded milestones are refunded."""
    return _answer(change_order_id, by, "accept", note)


def change_order_reject(*, change_order_id: int | str, by: User, note: str = "") -> ChangeOrder:
    return _answer(change_order_id, by, "reject", note)


def change_order_withdraw(*, change_order_id: int | str, by: User, note: str = "") -> ChangeOrder:
    """The proposer takes it back (or an operator, with a reason)."""
    return _answer(change_order_id, by, "withdraw", note)


def change_orders_lapse(*, contract: Contract) -> None:
    """Called as a contract ends (its row locked by the caller): an unanswered change order lapses."""
    for order in ChangeOrder.objects.select_for_update().filter(contract=contract, status=ChangeOrder.Status.PROPOSED):
        transition(obj=order, action="lapse", actor=SYSTEM, note=gettext_noop("The contract ended."))


def _answer(change_order_id: int | str, by: User, action: str, note: str) -> ChangeOrder:
    missing = _("No such change order.")
    note = (note or "").strip()
    if len(note) > 2000:
        raise InvalidInput(fields={"note": [_("Keep the note under 2,000 characters.")]})
    pk = pk_or_404(change_order_id, missing)
    seen = ChangeOrder.objects.select_related("contract").filter(pk=pk).first()
    actor = role_or_404(seen.contract if seen else None, by, missing)  # before any lock: outsiders hold none
    assert seen is not None
    with transaction.atomic():
        # The lock order of the module docstring; the milestones only when accepting changes them.
        milestones = _locked_milestones(seen.contract_id) if action == "accept" else []
        contract = contract_services.contract_lock(seen.contract_id)
        order = ChangeOrder.objects.select_for_update().get(pk=pk)
        if (order.status, action) in ChangeOrder.TRANSITIONS:
            _may_answer(order, action, by)
        transition(obj=order, action=action, actor=actor, by=by, note=note)
        if action == "accept":
            _apply(order, contract, milestones)
        if action in ("accept", "reject"):
            order.answered_by, order.answer_note, order.answered_at = by, note, timezone.now()
            order.save(update_fields=["answered_by", "answer_note", "answered_at", "updated_at"])
            added = any(item.kind == Kind.ADD for item in order.items.all())
            mail.answered(order, by=by, funding_needed=action == "accept" and added)
    return order


def _locked_milestones(contract_id: int) -> list[Milestone]:
    pending = MilestoneTimer.objects.filter(milestone__contract_id=contract_id, fired_at=None, cancelled_at=None)
    list(pending.select_for_update(of=("self",)).order_by("pk"))
    return list(Milestone.objects.select_for_update().filter(contract_id=contract_id).order_by("pk"))


def _may_answer(order: ChangeOrder, action: str, by: User) -> None:
    proposer = by.pk == order.proposed_by_id
    if action in ("accept", "reject") and proposer:
        raise NotAllowed(_("The other party answers a change order, not the one who proposed it."))
    if action == "withdraw" and not proposer and not by.is_staff:
        raise NotAllowed(_("Only the one who proposed a change order withdraws it."))


def _apply(order: ChangeOrder, contract: Contract, milestones: list[Milestone]) -> None:
    """Check every change again against the locked milestones (the contract may have moved on), then apply."""
    _active(contract)
    items = list(order.items.all())
    try:
        rules.plan(
            contract=contract,
            milestones=milestones,
            changes=[_as_change(i) for i in items],
            deadline=order.deadline,
            check_dates=False,
        )
        _same_funding(items, milestones)
    except InvalidInput as error:
        raise Conflict(
            _("The contract has changed since this was proposed: withdraw it and propose again."),
            code="change_order_stale",
            fields=error.fields,
        ) from error
    by_id = {m.pk: m for m in milestones}
    note = _("Change order %(id)s") % {"id": order.pk}
    position = max((m.position for m in milestones), default=0) + 1
    for item in items:
        if item.kind == Kind.ADD:
            item.milestone = _add(contract, item, position=position)
            item.save(update_fields=["milestone"])
            position += 1
        else:
            _change(by_id[item.milestone_id or 0], item, note)
    if order.deadline is not None:
        _move_due_dates(contract, order.deadline)


def _same_funding(items: list[ChangeOrderItem], milestones: list[Milestone]) -> None:
    """What was agreed about money still holds: a milestone funded since the proposal would turn "less to
    fund" into a refund nobody was shown."""
    unfunded = {m.pk for m in milestones if m.status == Milestone.Status.AWAITING_FUNDING}
    for index, item in enumerate(items):
        was_unfunded = item.before.get("status") == Milestone.Status.AWAITING_FUNDING
        if item.milestone_id is not None and item.kind != Kind.ADD and was_unfunded != (item.milestone_id in unfunded):
            raise InvalidInput(fields={f"milestones.{index}.id": [_("This milestone was funded meanwhile.")]})


def _as_change(item: ChangeOrderItem) -> rules.Change:
    return rules.Change(
        action=item.kind,
        milestone_id=item.milestone_id,
        title=item.title or None,
        amount=item.amount,
        criteria=item.criteria,
        due_on=item.due_on,
        revisions=item.revisions,
    )


def _add(contract: Contract, item: ChangeOrderItem, *, position: int) -> Milestone:
    due_on = item.due_on or rules.today()
    milestone = Milestone.of(
        contract,
        title=item.title,
        amount=item.amount or 0,
        criteria=item.criteria or "",
        due_on=due_on,
        due_in_days=max((due_on - rules.today()).days, 0),
        position=position,
    )
    milestone.full_clean()
    milestone.save()
    contract_services.deadline_timer_schedule(milestone=milestone)
    return milestone


def _change(milestone: Milestone, item: ChangeOrderItem, note: str) -> None:
    if item.kind == Kind.REMOVE and milestone.status == Milestone.Status.AWAITING_FUNDING:
        transition(obj=milestone, action="remove", actor=SYSTEM, note=note)
        timers_cancel(obj=milestone)
    elif item.kind == Kind.REMOVE:  # both parties agreed: the escrow goes back to the client
        escrow.escrow_refund(milestone_id=milestone.pk, actor=SYSTEM, note=note)
    elif item.kind == Kind.REVISIONS:
        milestone.revisions_extra += item.revisions or 0
        milestone.save(update_fields=["revisions_extra", "updated_at"])
    else:
        _edit(milestone, item)


def _edit(milestone: Milestone, item: ChangeOrderItem) -> None:
    fields = []
    for name in ("title", "amount", "criteria", "due_on"):
        value = getattr(item, name)
        if value not in (None, ""):
            setattr(milestone, name, value)
            fields.append(name)
    if item.criteria == "":  # criteria cleared on purpose
        milestone.criteria = ""
        fields.append("criteria")
    milestone.save(update_fields=[*fields, "updated_at"])
    if "due_on" in fields:
        _reschedule_deadline(milestone)


def _move_due_dates(contract: Contract, deadline: date) -> None:
    """Every milestone not yet paid out or given back is due no later than the deadline."""
    late = contract.milestones.filter(status__in=rules.UNFINISHED)
    for milestone in late:
        if milestone.due_on is None or milestone.due_on > deadline:
            milestone.due_on = deadline
            milestone.save(update_fields=["due_on", "updated_at"])
            _reschedule_deadline(milestone)


def _reschedule_deadline(milestone: Milestone) -> None:
    """The reminder of a milestone's deadline follows its new due date."""
    pending = MilestoneTimer.objects.filter(milestone=milestone, action="deadline", fired_at=None, cancelled_at=None)
    pending.update(cancelled_at=timezone.now())
    contract_services.deadline_timer_schedule(milestone=milestone)
