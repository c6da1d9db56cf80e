"""What a change order may change: every proposed change is checked against the contract's milestones
before anything is written, and again when it is accepted (the contract may have moved on meanwhile).
Problems are field errors keyed like the API body: `milestones.0.amount`, `deadline`."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.contracts.change_orders.models import ChangeOrderItem
from openhour.contracts.models import Contract, Milestone
from openhour.lib.errors import InvalidInput
from openhour.lib.ids import pk_or_none
from openhour.lib.money import MINOR_UNITS, is_whole

S = Milestone.Status
# Milestones whose plan may still change: not finished, and not frozen by a dispute.
CHANGEABLE = (S.AWAITING_FUNDING, S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED)
# Funded and still being worked on: removing one gives the escrow back to the client.
REFUNDABLE = (S.FUNDED, S.SUBMITTED, S.CHANGES_REQUESTED)
# Not yet paid out or given back: a common deadline moves these.
UNFINISHED = (*CHANGEABLE, S.DISPUTED)
HELD = (*REFUNDABLE, S.DISPUTED)
GONE = (S.REMOVED, S.REFUNDED)
ACTIONS = [choice for choice, _label in ChangeOrderItem.Kind.choices]
DEFAULT_DUE_DAYS = 7  # an added milestone with no due date
MAX_ROUNDS = 10  # extra revision rounds in one change

Errors = dict[str, list[str]]


@dataclass(frozen=True)
class Change:
    """One proposed change as a person sent it; None leaves a field as it is."""

    action: str
    milestone_id: Any = None
    title: str | None = None
    amount: Any = None
    criteria: str | None = None
    due_on: date | None = None
    due_in_days: Any = None
    revisions: Any = None


def today() -> date:
    return timezone.localdate()


def plan(
    *,
    contract: Contract,
    milestones: list[Milestone],
    changes: list[Change],
    deadline: date | None,
    check_dates: bool = True,
) -> list[ChangeOrderItem]:
    """The unsaved items for `changes`, or InvalidInput naming every problem."""
    errors: Errors = {}
    by_id = {m.pk: m for m in milestones}
    if not changes and deadline is None:
        errors["milestones"] = [_("Propose at least one change.")]
    if deadline is not None and check_dates and deadline < today():
        errors["deadline"] = [_("Choose a date that is not in the past.")]
    items, touched = [], {}  # type: ignore[var-annotated]
    for index, change in enumerate(changes):
        key = f"milestones.{index}."
        item = _item(change, contract, by_id, key, errors, check_dates)
        if item is None:
            continue
        item.position = index
        if item.milestone_id is not None:
            kinds = touched.setdefault(item.milestone_id, set())
            removing = ChangeOrderItem.Kind.REMOVE in kinds | {item.kind}
            if item.kind in kinds or (removing and kinds):
                errors.setdefault(key + "id", []).append(
                    _("Change each milestone once; removing it is its only change.")
                )
            kinds.add(item.kind)
        items.append(item)
    if not errors:
        _check_total(milestones, items, errors)
    if errors:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=errors)
    return items


def _item(
    change: Change, contract: Contract, by_id: dict[int, Milestone], key: str, errors: Errors, check_dates: bool
) -> ChangeOrderItem | None:
    if change.action not in ACTIONS:
        errors[key + "action"] = [_("Choose add, remove, edit or revisions.")]
        return None
    item = ChangeOrderItem(kind=change.action)
    if change.action != ChangeOrderItem.Kind.ADD:
        milestone = by_id.get(pk_or_none(change.milestone_id) or 0)
        if milestone is None or milestone.status == S.REMOVED:
            errors[key + "id"] = [_("No such milestone in this contract.")]
            return None
        if milestone.status not in CHANGEABLE:
            errors[key + "id"] = [
                _("“%(title)s” can no longer change (status: %(status)s).")
                % {"title": milestone.title, "status": milestone.get_status_display()}
            ]
            return None
        item.milestone = milestone
        item.before = _snapshot(milestone)
    problems: Errors = {}
    CHECKS[change.action](item, change, contract, problems)
    if change.action in (ChangeOrderItem.Kind.ADD, ChangeOrderItem.Kind.EDIT):
        _due(item, change, problems, check_dates)
    for field, messages in problems.items():
        errors.setdefault(key + field, []).extend(messages)
    return item


def _snapshot(milestone: Milestone) -> dict[str, Any]:
    return {
        "title": milestone.title,
        "amount": milestone.amount,
        "status": milestone.status,
        "due_on": milestone.due_on.isoformat() if milestone.due_on else None,
        "client_fee": milestone.client_fee,
    }


def _add(item: ChangeOrderItem, change: Change, contract: Contract, problems: Errors) -> None:
    item.title = _title(change.title, problems, required=True)
    item.amount = _amount(change.amount, contract.currency, problems, required=True)
    item.criteria = _criteria(change.criteria, problems)


def _edit(item: ChangeOrderItem, change: Change, contract: Contract, problems: Errors) -> None:
    milestone = item.milestone
    assert milestone is not None
    if change.title is not None:
        item.title = _title(change.title, problems, required=True)
    if change.amount is not None:
        if milestone.status != S.AWAITING_FUNDING:
            problems["amount"] = [_("A funded amount cannot change: remove the milestone and add a new one.")]
        else:
            item.amount = _amount(change.amount, contract.currency, problems, required=True)
    item.criteria = _criteria(change.criteria, problems)
    if all(v is None for v in (change.title, change.amount, change.criteria, change.due_on, change.due_in_days)):
        problems["title"] = [_("Say what changes: the title, amount, criteria or due date.")]


def _remove(item: ChangeOrderItem, change: Change, contract: Contract, problems: Errors) -> None:
    """Nothing more to check: an unfunded milestone is dropped, a funded one refunded once both agree."""


def _revisions(item: ChangeOrderItem, change: Change, contract: Contract, problems: Errors) -> None:
    rounds = change.revisions
    if not is_whole(rounds) or not 1 <= rounds <= MAX_ROUNDS:
        problems["revisions"] = [_("Add between 1 and %(n)s revision rounds.") % {"n": MAX_ROUNDS}]
        return
    item.revisions = rounds


def _title(value: str | None, problems: Errors, *, required: bool) -> str:
    title = (value or "").strip()
    if required and not title:
        problems["title"] = [_("Give the milestone a title.")]
    elif len(title) > 120:
        problems["title"] = [_("Keep the title under 120 characters.")]
    return title


def _amount(value: Any, currency: str, problems: Errors, *, required: bool) -> int | None:
    ceiling = settings.AMOUNT_CEILING * MINOR_UNITS.get(currency, 100)
    if value is None and not required:
        return None
    if not is_whole(value) or not 0 < value <= ceiling:
        problems["amount"] = [
            _("An amount is a whole number of minor units, more than zero and at most %(n)s.") % {"n": f"{ceiling:,}"}
        ]
        return None
    return value


def _criteria(value: str | None, problems: Errors) -> str | None:
    if value is None:
        return None
    criteria = value.replace("\r\n", "\n").strip()
    if len(criteria) > 5000:
        problems["criteria"] = [_("Keep the acceptance criteria under 5,000 characters.")]
    return criteria


def _due(item: ChangeOrderItem, change: Change, problems: Errors, check_dates: bool) -> None:
    due_on, days = change.due_on, change.due_in_days
    if days is not None:
        if not is_whole(days) or not 0 <= days <= 3650:
            problems["due_in_days"] = [_("Give a number of days between 0 and 3650.")]
            return
        due_on = today() + timedelta(days=days)
        item.due_in_days = days
    elif due_on is None and item.kind == ChangeOrderItem.Kind.ADD:
        due_on = today() + timedelta(days=DEFAULT_DUE_DAYS)
    if due_on is not None and check_dates and due_on < today():
        problems["due_on"] = [_("Choose a date that is not in the past.")]
    item.due_on = due_on


CHECKS: dict[str, Callable[[ChangeOrderItem, Change, Contract, Errors], None]] = {
    "add": _add,
    "edit": _edit,
    "remove": _remove,
    "revisions": _revisions,
}


def _check_total(milestones: list[Milestone], items: list[ChangeOrderItem], errors: Errors) -> None:
    """What remains to pay must stay above zero while any milestone remains."""
    removed = {i.milestone_id for i in items if i.kind == ChangeOrderItem.Kind.REMOVE}
    amounts = {m.pk: m.amount for m in milestones if m.status not in GONE and m.pk not in removed}
    for item in items:
        if item.kind == ChangeOrderItem.Kind.EDIT and item.amount is not None and item.milestone_id in amounts:
            amounts[item.milestone_id] = item.amount
    added = [i.amount or 0 for i in items if i.kind == ChangeOrderItem.Kind.ADD]
    remaining = sum(amounts.values()) + sum(added)
    if (amounts or added) and remaining <= 0:
        errors["milestones"] = [_("The contract's total must stay above zero.")]
