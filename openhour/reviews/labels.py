"""What a review's "Verified contract" label says about the work: its category, a budget band and a
duration band, never the exact amount. The review keeps the facts (band bounds in minor units, a duration
code); the words are written when the label is shown, in the reader's language."""

from typing import TYPE_CHECKING

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openhour.lib.money import MINOR_UNITS, format_money

if TYPE_CHECKING:  # reviews.models imports this module
    from openhour.accounts.models import User
    from openhour.contracts.models import Contract

BUDGET_CEILINGS = [250, 1_000, 5_000]  # major units: under 250, 250–1,000, 1,000–5,000, over 5,000

DURATIONS = {
    "week": gettext_lazy("less than a week"),
    "weeks": gettext_lazy("1–4 weeks"),
    "months": gettext_lazy("1–3 months"),
    "long": gettext_lazy("over 3 months"),
}


def budget_bounds(paid: int, currency: str) -> tuple[int, int | None]:
    """The band `paid` minor units fall in, as (floor, ceiling) in minor units; no ceiling above the last."""
    unit, floor = MINOR_UNITS[currency], 0
    for ceiling in BUDGET_CEILINGS:
        if paid < ceiling * unit:
            return floor, ceiling * unit
        floor = ceiling * unit
    return floor, None


def contract_budget_bounds(contract: "Contract") -> tuple[int, int | None]:
    paid = contract.milestones.aggregate(total=Sum("released"))["total"] or 0
    return budget_bounds(paid, contract.currency)


def budget_text(floor: int, ceiling: int | None, currency: str) -> str:
    """A band as the reader writes money: "£250–£1,000", "under £250", "over 5 000 €"."""
    if ceiling is None:
        return _("over %(amount)s") % {"amount": format_money(floor, currency)}
    if not floor:
        return _("under %(amount)s") % {"amount": format_money(ceiling, currency)}
    # Translators: a budget band between two amounts, e.g. "£250–£1,000".
    return _("%(floor)s–%(ceiling)s") % {
        "floor": format_money(floor, currency),
        "ceiling": format_money(ceiling, currency),
    }


def duration_code(contract: "Contract") -> str:
    """The contract's length as one of DURATIONS' codes."""
    assert contract.ended_at is not None  # reviews are written only on an ended contract
    days = (contract.ended_at - (contract.started_at or contract.created_at)).days
    if days < 7:
        return "week"
    if days < 30:
        return "weeks"
    if days < 90:
        return "months"
    return "long"


def duration_text(code: str) -> str:
    return str(DURATIONS[code])


def category_of(contract: "Contract") -> str:
    """The project's category, or the Hourlie's; a direct offer has none."""
    if contract.project is not None:  # no query without a project_id
        return str(contract.project.category.name)
    order = getattr(contract, "order", None)
    return str(order.hourlie.category.name) if order is not None else ""


def short_name(user: "User") -> str:
    """First name and initial, as reviews show reviewers: "Clara C."; "a former member" once they closed their
    account (openhour/accounts/closing)."""
    if user.closed_at is not None:
        return _("a former member")
    parts = (user.name or user.username).split()
    return f"{parts[0]} {parts[-1][0]}." if len(parts) > 1 else parts[0]
