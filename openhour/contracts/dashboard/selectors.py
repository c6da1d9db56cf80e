"""Reads for the dashboards and the contracts list: a person's active contracts with what each holds and
owes next, what needs their action now across every part of contracts, their deadlines, and this year's
money by month from the ledger. A fixed number of queries, whatever the number of contracts."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.contracts.actions import Action
from openhour.contracts.change_orders import selectors as change_orders
from openhour.contracts.dashboard import chart
from openhour.contracts.disputes import selectors as disputes
from openhour.contracts.hourly import selectors as hourly
from openhour.contracts.models import Contract, ContractTimer, Milestone, MilestoneTimer
from openhour.contracts.services import offers
from openhour.contracts.services.contracts import HELD
from openhour.contracts.services.delivery import release_due_at
from openhour.lib.process import CLIENT, FREELANCER, allowed_actions
from openhour.money.models import Phase, Purpose, Transfer
from openhour.reviews import selectors as reviews

DEADLINE_DAYS = 14  # how far ahead the deadlines list looks
S = Milestone.Status
OWED = (S.FUNDED, S.CHANGES_REQUESTED)  # paid into escrow, work still to deliver: its due date counts
OPEN = (S.AWAITING_FUNDING, *OWED)  # not yet delivered
PAID = (S.RELEASED, S.SPLIT)
# What the list's status filter shows: each word and the contract statuses behind it.
STATUS_FILTERS = {
    "active": (Contract.Status.ACTIVE,),
    "offered": (Contract.Status.OFFERED,),
    "ended": (Contract.Status.ENDED, Contract.Status.DECLINED, Contract.Status.WITHDRAWN),
}


@dataclass(frozen=True)
class ContractRow:
    contract: Contract
    role: str  # the viewer's part in it
    other: User
    in_escrow: int
    next_due: date | None = None
    paid: int = 0  # milestones paid out
    milestones: int = 0  # milestones agreed (removed ones not counted)


@dataclass(frozen=True)
class Deadline:
    milestone: Milestone
    row: ContractRow
    days_left: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


@dataclass
class Board:
    role: str
    roles: list[str]
    actions: list[Action]
    rows: list[ContractRow]
    deadlines: list[Deadline]
    charts: list[chart.Chart]
    year: int
    now: datetime = field(default_factory=timezone.now)


def dashboard_for(*, user: User, role: str = "") -> Board:
    """Everything the dashboard shows. `role` picks the side for a person who is both (their main side
    otherwise); what needs their action is listed whichever side they look at, so nothing is missed."""
    contracts = active_contracts(user=user)
    roles = roles_of(user=user, contracts=contracts)
    if role not in roles:
        role = main_role(user=user, roles=roles, contracts=contracts)
    rows = [_row(contract, user) for contract in contracts]
    mine = [row for row in rows if row.role == role]
    year = timezone.localdate().year
    charts = [chart.bar_chart(series) for series in money_by_month(user=user, role=role, year=year)]
    return Board(
        role=role,
        roles=roles,
        actions=needs_action(user=user, contracts=contracts),
        rows=mine,
        deadlines=deadlines(mine),
        charts=charts,
        year=year,
    )


def active_contracts(*, user: User) -> list[Contract]:
    """The person's active contracts on either side, newest first, with milestones and pending timers
    (`cancel_timers`: when a contract nothing was funded on is cancelled)."""
    pending = Q(fired_at__isnull=True, cancelled_at__isnull=True)
    cancelling = ContractTimer.objects.filter(pending, action="cancel_unfunded").order_by("due_at")
    return list(
        Contract.objects.filter(Q(client_id=user.pk) | Q(freelancer_id=user.pk), status=Contract.Status.ACTIVE)
        .select_related("client", "freelancer")
        .prefetch_related(
            Prefetch("milestones__timers", queryset=MilestoneTimer.objects.filter(pending)),
            Prefetch("timers", queryset=cancelling, to_attr="cancel_timers"),
        )
        .order_by("-created_at", "-id")
    )


def roles_of(*, user: User, contracts: list[Contract]) -> list[str]:
    """The sides a person can look from: the roles they hold, and any side they have a contract on."""
    held = set(user.roles)
    held |= {CLIENT if contract.client_id == user.pk else FREELANCER for contract in contracts}
    return [role for role in (CLIENT, FREELANCER) if role in held] or [CLIENT]


def main_role(*, user: User, roles: list[str], contracts: list[Contract]) -> str:
    """The side with more active contracts; on a tie, the first role they hold."""
    count = {role: 0 for role in roles}
    for contract in contracts:
        side = CLIENT if contract.client_id == user.pk else FREELANCER
        count[side] = count.get(side, 0) + 1
    return max(roles, key=lambda role: count[role])  # max keeps the first of equals


def _row(contract: Contract, user: User) -> ContractRow:
    is_client = contract.client_id == user.pk
    milestones = [m for m in contract.milestones.all() if m.status != S.REMOVED]
    due = [m.due_on for m in milestones if m.status in OPEN and m.due_on]
    return ContractRow(
        contract=contract,
        role=CLIENT if is_client else FREELANCER,
        other=contract.freelancer if is_client else contract.client,
        in_escrow=sum(m.amount for m in milestones if m.status in HELD),
        next_due=min(due, default=None),
        paid=sum(1 for m in milestones if m.status in PAID),
        milestones=len(milestones),
    )


def deadlines(rows: list[ContractRow]) -> list[Deadline]:
    """Funded milestones due within DEADLINE_DAYS, and overdue ones, soonest first."""
    today = timezone.localdate()
    found = [
        Deadline(milestone=m, row=row, days_left=(m.due_on - today).days)
        for row in rows
        for m in row.contract.milestones.all()
        if m.status in OWED and m.due_on and m.due_on <= today + timedelta(days=DEADLINE_DAYS)
    ]
    return sorted(found, key=lambda deadline: (deadline.days_left, deadline.milestone.pk))


# ---- what needs the person's action now ---------------------------------------------------------------


def needs_action(*, user: User, contracts: list[Contract]) -> list[Action]:
    """The person's actions from every part of contracts, the most urgent first (those without a date last)."""
    found = contract_actions(user=user, contracts=contracts)
    found += offers.offer_actions_for(user=user)
    found += change_orders.actions_for(user=user)
    found += hourly.actions_for(user=user)
    found += disputes.actions_for(user=user)
    found += reviews.actions_for(user=user)
    return sorted(found, key=lambda action: (action.due_at is None, action.due_at or timezone.now()))


def contract_actions(*, user: User, contracts: list[Contract]) -> list[Action]:
    """Milestone steps waiting for the person: the client funds and reviews, the freelancer delivers and revises."""
    found = []
    for contract in contracts:
        url = reverse("contract_detail", args=[contract.pk])
        for m in contract.milestones.all():
            step = _client_step(contract, m) if contract.client_id == user.pk else _freelancer_step(contract, m)
            if step:
                kind, title, anchor, due_at = step
                found.append(Action(kind=kind, title=title, url=f"{url}#{anchor}", due_at=due_at))
    return found


def _client_step(contract: Contract, m: Milestone) -> tuple[str, str, str, Any] | None:
    what = {"title": m.title, "name": contract.freelancer.name}
    allowed = allowed_actions(m, CLIENT)
    if "fund" in allowed and not m.release_on_funding:  # hours to pay are listed by hourly
        # while nothing is funded, the contract is cancelled at a set time
        cancel_at = next((timer.due_at for timer in getattr(contract, "cancel_timers", [])), None)
        return "fund", _("Fund “%(title)s” for %(name)s") % what, f"fund-{m.pk}", cancel_at
    if "request_changes" in allowed:  # a delivery to review; left unanswered, it is released by itself
        title = _("Review the delivery of “%(title)s” from %(name)s") % what
        return "review_delivery", title, f"work-{m.pk}", release_due_at(m)
    return None


def _freelancer_step(contract: Contract, m: Milestone) -> tuple[str, str, str, Any] | None:
    what = {"title": m.title, "name": contract.client.name}
    if "submit" not in allowed_actions(m, FREELANCER):
        return None
    if m.status == S.CHANGES_REQUESTED:  # the same step, named for the changes asked
        return "revise", _("Revise “%(title)s” for %(name)s") % what, f"work-{m.pk}", _end_of(m.due_on)
    return "deliver", _("Deliver “%(title)s” to %(name)s") % what, f"work-{m.pk}", _end_of(m.due_on)


def _end_of(day: date | None) -> datetime | None:
    """A due date as the last minute of that day in the site's time zone, so a date sorts among times."""
    return timezone.make_aware(datetime.combine(day, time(23, 59))) if day else None


# ---- this year's money -------------------------------------------------------------------------------


def money_by_month(*, user: User, role: str, year: int) -> list[chart.Series]:
    """A freelancer's earnings (released to their wallet, net of fees) or a client's spend (paid from their
    wallet into escrow with the client fee, less refunds) by month of `year`, per currency. One query."""
    Kind = Transfer.Kind
    if role == FREELANCER:
        signs: dict[str, int] = {Kind.RELEASE: 1}
        mine = Q(kind=Kind.RELEASE) & _wallet("credit", user)
    else:
        signs = {Kind.FUND: 1, Kind.CLIENT_FEE: 1, Kind.REFUND: -1, Kind.CLIENT_FEE_REFUND: -1}
        paid = Q(kind__in=[Kind.FUND, Kind.CLIENT_FEE]) & _wallet("debit", user)
        mine = paid | Q(kind__in=[Kind.REFUND, Kind.CLIENT_FEE_REFUND]) & _wallet("credit", user)
    start = timezone.make_aware(datetime(year, 1, 1))
    this_year = Q(created_at__gte=start, created_at__lt=start.replace(year=year + 1))
    rows = (
        Transfer.objects.filter(mine, this_year, phase=Phase.POSTED)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "currency", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    return chart.monthly(
        [(row["month"], row["currency"], signs[row["kind"]] * row["total"]) for row in rows], year=year
    )


def _wallet(side: str, user: User) -> Q:
    """The transfer's debit or credit side is the person's own wallet (not escrow, not a payout in flight)."""
    return Q(**{f"{side}__owner": user, f"{side}__purpose": Purpose.WALLET, f"{side}__reference": ""})


# ---- the contracts list ------------------------------------------------------------------------------


def contracts_list(*, user: User, status: str = "") -> QuerySet[Contract]:
    """The person's contracts on both sides, newest first, each with what escrow holds for it; `status` is
    one of STATUS_FILTERS (anything else: all)."""
    rows = (
        Contract.objects.filter(Q(client_id=user.pk) | Q(freelancer_id=user.pk))
        .select_related("client", "freelancer")
        .annotate(in_escrow=Sum("milestones__amount", filter=Q(milestones__status__in=HELD), default=0))
        .order_by("-created_at", "-id")
    )
    if status in STATUS_FILTERS:
        rows = rows.filter(status__in=STATUS_FILTERS[status])
    return rows


def list_rows(contracts: Any, user: User) -> list[ContractRow]:
    """A page of `contracts_list` as rows naming the other party."""
    rows = []
    for c in contracts:
        is_client = c.client_id == user.pk
        rows.append(
            ContractRow(
                contract=c,
                role=CLIENT if is_client else FREELANCER,
                other=c.freelancer if is_client else c.client,
                in_escrow=c.in_escrow,
            )
        )
    return rows
