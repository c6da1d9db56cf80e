"""A change order in plain words: each change, and what it means for money."""

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openhour.contracts.change_orders import rules
from openhour.contracts.change_orders.models import ChangeOrder, ChangeOrderItem
from openhour.contracts.models import Milestone
from openhour.lib.money import format_money

Kind = ChangeOrderItem.Kind


@dataclass
class Line:
    text: str
    money: str = ""  # what it means for money, if anything
    detail: str = ""  # new acceptance criteria, shown in full


@dataclass
class Summary:
    order: ChangeOrder
    lines: list[Line] = field(default_factory=list)
    total: str = ""  # how the contract's total moves, for an open change order


def _day(value: Any) -> str:
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return date_format(value, "j M Y") if value else _("no date")


def summarise(order: ChangeOrder, milestones: list[Milestone], currency: str) -> Summary:
    """`milestones`: the contract's, prefetched, so that no item costs a query."""
    by_id = {m.pk: m for m in milestones}
    money = partial(format_money, currency=currency)
    summary = Summary(order=order)
    for item in order.items.all():
        title = item.before.get("title") or (by_id[item.milestone_id].title if item.milestone_id in by_id else "")
        summary.lines.append(_line(item, title, money))
    if order.deadline:
        summary.lines.append(Line(_("Every unfinished milestone is due by %(day)s.") % {"day": _day(order.deadline)}))
    if order.status == ChangeOrder.Status.PROPOSED:
        before = sum(m.amount for m in milestones if m.status not in rules.GONE)
        after = before + sum(_difference(item) for item in order.items.all())
        if after != before:
            summary.total = _("The contract's total goes from %(before)s to %(after)s.") % {
                "before": money(before),
                "after": money(after),
            }
    return summary


def _difference(item: ChangeOrderItem) -> int:
    if item.kind == Kind.ADD:
        return item.amount or 0
    if item.kind == Kind.REMOVE:
        return -int(item.before.get("amount", 0))
    if item.kind == Kind.EDIT and item.amount is not None:
        return item.amount - int(item.before.get("amount", 0))
    return 0


def _line(item: ChangeOrderItem, title: str, money: Any) -> Line:
    if item.kind == Kind.ADD:
        return Line(
            _("Add “%(title)s”: %(amount)s, due %(day)s.")
            % {"title": item.title, "amount": money(item.amount or 0), "day": _day(item.due_on)},
            _("Adds %(amount)s to fund, plus the client service fee.") % {"amount": money(item.amount or 0)},
            item.criteria or "",
        )
    if item.kind == Kind.REMOVE:
        return _removal(item, title, money)
    if item.kind == Kind.REVISIONS:
        n = item.revisions or 0
        return Line(
            ngettext("Add %(n)s revision round to “%(title)s”.", "Add %(n)s revision rounds to “%(title)s”.", n)
            % {"n": n, "title": title},
            _("No change in money."),
        )
    return _edit(item, title, money)


def _removal(item: ChangeOrderItem, title: str, money: Any) -> Line:
    amount = int(item.before.get("amount", 0))
    if item.before.get("status") == Milestone.Status.AWAITING_FUNDING:
        return Line(
            _("Remove “%(title)s”, which is not funded yet.") % {"title": title},
            _("%(amount)s less to fund.") % {"amount": money(amount)},
        )
    fee = int(item.before.get("client_fee", 0))
    refund = (
        _("Refunds %(amount)s held in escrow to the client, with the %(fee)s service fee paid on it.")
        if fee
        else _("Refunds %(amount)s held in escrow to the client.")
    )
    return Line(
        _("Remove “%(title)s”, which is funded.") % {"title": title},
        refund % {"amount": money(amount), "fee": money(fee)},
    )


def _edit(item: ChangeOrderItem, title: str, money: Any) -> Line:
    parts = []
    if item.title and item.title != title:
        parts.append(_("new title “%(title)s”") % {"title": item.title})
    old = int(item.before.get("amount", 0))
    if item.amount is not None:
        parts.append(_("amount %(old)s → %(new)s") % {"old": money(old), "new": money(item.amount)})
    if item.due_on:
        parts.append(_("due %(day)s") % {"day": _day(item.due_on)})
    if item.criteria is not None:
        parts.append(_("new acceptance criteria") if item.criteria else _("no acceptance criteria"))
    said = ""
    if item.amount is not None and item.amount > old:
        said = _("%(amount)s more to fund.") % {"amount": money(item.amount - old)}
    elif item.amount is not None and item.amount < old:
        said = _("%(amount)s less to fund.") % {"amount": money(old - item.amount)}
    text = _("Change “%(title)s”: %(parts)s.") % {"title": title, "parts": "; ".join(parts) or _("nothing")}
    return Line(text, said, item.criteria or "")
