"""What a review's "Verified contract" label says about the work: its category, a budget band and a
duration band, never the exact amount. Bands are in major units of the contract's currency."""

from typing import TYPE_CHECKING

from django.db.models import Sum
from django.utils.translation import gettext as _

from openhour.lib.money import MINOR_UNITS, SYMBOLS

if TYPE_CHECKING:  # reviews.models imports this module
    from openhour.accounts.models import User
    from openhour.contracts.models import Contract

BUDGET_CEILINGS = [250, 1_000, 5_000]  # major units: under 250, 250–1,000, 1,000–5,000, over 5,000


def budget_band(contract: "Contract") -> str:
    """What was paid, as a band: "£250–£1,000"."""
    paid = contract.milestones.aggregate(total=Sum("released"))["total"] or 0
    major, sign = paid / MINOR_UNITS[contract.currency], SYMBOLS[contract.currency]
    floor = 0
    for ceiling in BUDGET_CEILINGS:
        if major < ceiling:
            return (
                _("under %(amount)s") % {"amount": f"{sign}{ceiling:,}"}
                if not floor
                else f"{sign}{floor:,}–{sign}{ceiling:,}"
            )
        floor = ceiling
    return _("over %(amount)s") % {"amount": f"{sign}{floor:,}"}


def duration_band(contract: "Contract") -> str:
    assert contract.ended_at is not None  # reviews are written only on an ended contract
    days = (contract.ended_at - (contract.started_at or contract.created_at)).days
    if days < 7:
        return _("less than a week")
    if days < 30:
        return _("1–4 weeks")
    if days < 90:
        return _("1–3 months")
    return _("over 3 months")


def category_of(contract: "Contract") -> str:
    """The project's category, or the Hourlie's; a direct offer has none."""
    if contract.project is not None:  # no query without a project_id
        return str(contract.project.category.name)
    order = getattr(contract, "order", None)
    return str(order.hourlie.category.name) if order is not None else ""


def short_name(user: "User") -> str:
    """First name and initial, as reviews show reviewers: "Clara C."."""
    parts = (user.name or user.username).split()
    return f"{parts[0]} {parts[-1][0]}." if len(parts) > 1 else parts[0]
