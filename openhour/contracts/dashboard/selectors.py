"""Reads for the dashboards and the contracts list: a person's active contracts with what each holds and
owes next, what needs their action now across every part of contracts, their deadlines, and this year's
money by month from the ledger. A fixed number of queries, whatever the number of contracts, and each list
bounded: the dashboard shows the DASHBOARD_ITEMS most pressing items and links to the contracts list for the rest."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, TruncMonth
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
from openhour.lib import pagination as keyset
from openhour.lib.process import CLIENT, FREELANCER, statuses_allowing
from openhour.money.models import Phase, Purpose, Transfer
from openhour.reviews import selectors as reviews

DEADLINE_DAYS = 14  # how far ahead the deadlines list looks
DASHBOARD_ITEMS = 10  # the most pressing actions, newest active contracts and soonest deadlines shown
S = Milestone.Status
OWED = (S.FUNDED, S.CHANGES_REQUESTED)  # paid into escrow, work still to deliver: its due date counts
OPEN = (S.AWAITING_FUNDING, *OWED)  # not yet delivered
PAID = (S.RELEASED, S.SPLIT)
NEWEST = ("-created_at", "-id")  # the contracts list's order, served by an index on each side
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
    milestone: Milestone  # with its contract
    other: User  # the other party of its contract
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
    active: int = 0  # the person's active contracts on this side; `rows` are the newest of them
    more_actions: bool = False  # more needs their action than `actions` lists
    more_deadlines: bool = False


def dashboard_for(*, user: User, role: str = "") -> Board:
    """Everything the dashboard shows. `role` picks the side for a person who is both (their main side
    otherwise); what needs their action is listed whichever side they look at, so nothing is missed."""
    sides = active_by_side(user=user)
    roles = roles_of(user=user, sides=sides)
    if role not in roles:
        role = main_role(roles=roles, sides=sides)
    actions = needs_action(user=user, limit=DASHBOARD_ITEMS + 1)
    soon = deadlines(user=user, role=role, limit=DASHBOARD_ITEMS + 1)
    year = timezone.localdate().year
    charts = [chart.bar_chart(series) for series in money_by_month(user=user, role=role, year=year)]
    return Board(
        role=role,
        roles=roles,
        actions=actions[:DASHBOARD_ITEMS],
        rows=[_row(c, user) for c in active_contracts(user=user, role=role, limit=DASHBOARD_ITEMS)],
        deadlines=soon[:DASHBOARD_ITEMS],
        charts=charts,
        year=year,
        active=sides[role],
        more_actions=len(actions) > DASHBOARD_ITEMS,
        more_deadlines=len(soon) > DASHBOARD_ITEMS,
    )


def _side(user: User, role: str | None, path: str = "") -> Q:
    """The person's contracts on one side (either side when `role` is None); `path` leads to the contract."""
    client, freelancer = Q(**{f"{path}client_id": user.pk}), Q(**{f"{path}freelancer_id": user.pk})
    return {CLIENT: client, FREELANCER: freelancer}.get(role or "", client | freelancer)


def active_by_side(*, user: User) -> dict[str, int]:
    """How many active contracts the person has as a client and as a freelancer: one query of two counts,
    each over the person's range of that side's active-contract index."""
    counts = {role: Coalesce(Subquery(_active_count(user, role)), 0) for role in (CLIENT, FREELANCER)}
    client, freelancer = User.objects.filter(pk=user.pk).annotate(**counts).values_list(*counts).get()
    return {CLIENT: client, FREELANCER: freelancer}


def _active_count(user: User, role: str) -> QuerySet[Contract]:
    side = f"{role}_id"
    active = Contract.objects.filter(status=Contract.Status.ACTIVE, **{side: user.pk}).order_by()
    return active.values(side).annotate(n=Count("pk")).values("n")


def active_contracts(*, user: User, role: str | None = None, limit: int | None = None) -> list[Contract]:
    """The person's active contracts on `role`'s side (or both), newest first, the first `limit` of them,
    with their milestones."""
    rows = (
        Contract.objects.filter(_side(user, role), status=Contract.Status.ACTIVE)
        .select_related("client", "freelancer")
        .prefetch_related("milestones")
        .order_by("-created_at", "-id")
    )
    return list(rows[:limit] if limit else rows)


def roles_of(*, user: User, sides: dict[str, int]) -> list[str]:
    """The sides a person can look from: the roles they hold, and any side they have an active contract on."""
    held = set(user.roles) | {role for role, count in sides.items() if count}
    return [role for role in (CLIENT, FREELANCER) if role in held] or [CLIENT]


def main_role(*, roles: list[str], sides: dict[str, int]) -> str:
    """The side with more active contracts; on a tie, the first role they hold."""
    return max(roles, key=lambda role: sides.get(role, 0))  # max keeps the first of equals


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


def deadlines(*, user: User, role: str, limit: int) -> list[Deadline]:
    """Funded milestones due within DEADLINE_DAYS, and overdue ones, of the person's active contracts on
    `role`'s side: the `limit` soonest."""
    today = timezone.localdate()
    found = (
        Milestone.objects.filter(
            _side(user, role),  # the milestone's own copy of the parties: one index range, in due order
            contract__status=Contract.Status.ACTIVE,
            status__in=OWED,
            due_on__lte=today + timedelta(days=DEADLINE_DAYS),
        )
        .select_related("contract__client", "contract__freelancer")
        .order_by(*SOONEST)[:limit]
    )
    return [Deadline(milestone=m, other=_other(m.contract, user), days_left=_days(m.due_on, today)) for m in found]


def _days(due_on: date | None, today: date) -> int:
    return (due_on - today).days if due_on else 0  # the query keeps only milestones with a due date


def _other(contract: Contract, user: User) -> User:
    return contract.freelancer if contract.client_id == user.pk else contract.client


# ---- what needs the person's action now ---------------------------------------------------------------


def needs_action(*, user: User, limit: int | None = None) -> list[Action]:
    """The person's actions from every part of contracts, the most urgent first (those without a date
    last): the first `limit` of them."""
    found = contract_actions(user=user, limit=limit)
    found += offers.offer_actions_for(user=user)
    found += change_orders.actions_for(user=user)
    found += hourly.actions_for(user=user)
    found += disputes.actions_for(user=user)
    found += reviews.actions_for(user=user)
    return sorted(found, key=_urgency)[:limit]


def _urgency(action: Action) -> tuple[bool, datetime]:
    return action.due_at is None, action.due_at or timezone.now()


def contract_actions(*, user: User, limit: int | None = None) -> list[Action]:
    """Milestone steps of active contracts waiting for the person, the `limit` most urgent: the client funds
    and reviews, the freelancer delivers and revises. The steps come from Milestone.TRANSITIONS."""
    found = [_client_action(m) for m in _client_milestones(user, limit)]
    found += [_freelancer_action(m) for m in _freelancer_milestones(user, limit)]
    return sorted(found, key=_urgency)[:limit]


def _picked(rows: QuerySet[Milestone], limit: int | None) -> QuerySet[Milestone]:
    """The first `limit` of `rows` (all with None), chosen by id alone: the person's open milestones are one
    range of an index, and only the rows chosen are read whole with their parties."""
    return Milestone.objects.filter(pk__in=rows.values("pk")[:limit])


PENDING = Q(fired_at__isnull=True, cancelled_at__isnull=True)
# among steps due at the same time: newest contract first (ids grow with time), then its own milestone order
LATEST_FIRST = ("-contract_id", "position", "id")
SOONEST = (F("due_on").asc(nulls_last=True), *LATEST_FIRST)  # the order of the milestone_owed_* indexes


def _client_milestones(user: User, limit: int | None = None) -> QuerySet[Milestone]:
    """Milestones to fund (hours to pay are listed by hourly) or deliveries to review, with when each
    happens by itself: the contract is cancelled while nothing is funded, a delivery left unanswered is
    released. The `limit` most urgent."""
    funding = Q(status__in=statuses_allowing(Milestone, "fund", CLIENT), release_on_funding=False)
    reviewing = Q(status__in=statuses_allowing(Milestone, "request_changes", CLIENT))
    cancel_at = ContractTimer.objects.filter(PENDING, contract=OuterRef("contract_id"), action="cancel_unfunded")
    release_at = MilestoneTimer.objects.filter(PENDING, milestone=OuterRef("pk"), action="release")

    def by_urgency(rows: QuerySet[Milestone]) -> QuerySet[Milestone]:
        return rows.annotate(
            step=Case(When(funding, then=Value("fund")), default=Value("review_delivery")),
            due_at=Case(
                When(funding, then=Subquery(cancel_at.order_by("due_at").values("due_at")[:1])),
                default=Subquery(release_at.order_by("due_at").values("due_at")[:1]),
            ),
        ).order_by(F("due_at").asc(nulls_last=True), *LATEST_FIRST)

    mine = Milestone.objects.filter(funding | reviewing, client_id=user.pk, contract__status=Contract.Status.ACTIVE)
    return by_urgency(_picked(by_urgency(mine), limit)).select_related("contract__freelancer")


def _freelancer_milestones(user: User, limit: int | None = None) -> QuerySet[Milestone]:
    """Funded milestones to deliver and sent-back ones to revise, by due date: the `limit` soonest, walked
    in the milestone_owed_freelancer index and stopped there."""
    submitting = statuses_allowing(Milestone, "submit", FREELANCER)
    mine = Milestone.objects.filter(
        status__in=submitting, freelancer_id=user.pk, contract__status=Contract.Status.ACTIVE
    ).select_related("contract__client")
    return mine.order_by(*SOONEST)[:limit] if limit else mine.order_by(*SOONEST)


def _client_action(m: Milestone) -> Action:
    what = {"title": m.title, "name": m.contract.freelancer.name}
    url = reverse("contract_detail", args=[m.contract_id])
    due_at = m.due_at  # type: ignore[attr-defined]
    if m.step == "fund":  # type: ignore[attr-defined]
        title = _("Fund “%(title)s” for %(name)s") % what
        return Action(kind="fund", title=title, url=f"{url}#fund-{m.pk}", due_at=due_at)
    title = _("Review the delivery of “%(title)s” from %(name)s") % what
    return Action(kind="review_delivery", title=title, url=f"{url}#work-{m.pk}", due_at=due_at)


def _freelancer_action(m: Milestone) -> Action:
    what = {"title": m.title, "name": m.contract.client.name}
    url = f"{reverse('contract_detail', args=[m.contract_id])}#work-{m.pk}"
    if m.status == S.CHANGES_REQUESTED:  # the same step, named for the changes asked
        title = _("Revise “%(title)s” for %(name)s") % what
        return Action(kind="revise", title=title, url=url, due_at=_end_of(m.due_on))
    title = _("Deliver “%(title)s” to %(name)s") % what
    return Action(kind="deliver", title=title, url=url, due_at=_end_of(m.due_on))


def _end_of(day: date | None) -> datetime | None:
    """A due date as the last minute of that day in the site's time zone, so a date sorts among times."""
    return timezone.make_aware(datetime.combine(day, time(23, 59))) if day else None


# ---- this year's money -------------------------------------------------------------------------------


def money_by_month(*, user: User, role: str, year: int) -> list[chart.Series]:
    """A freelancer's earnings (released to their wallet, net of fees) or a client's spend (paid from their
    wallet into escrow with the client fee, less refunds) by month of `year`, per currency. One query: each
    side of the wallet is its own part, a range of the ledger's (account, kind, created_at) index."""
    Kind = Transfer.Kind
    start = timezone.make_aware(datetime(year, 1, 1))
    this_year = Q(created_at__gte=start, created_at__lt=start.replace(year=year + 1), phase=Phase.POSTED)
    if role == FREELANCER:
        signs: dict[str, int] = {Kind.RELEASE: 1}
        rows = _monthly(this_year & Q(kind=Kind.RELEASE) & _wallet("credit", user))
    else:
        signs = {Kind.FUND: 1, Kind.CLIENT_FEE: 1, Kind.REFUND: -1, Kind.CLIENT_FEE_REFUND: -1}
        paid = _monthly(this_year & Q(kind__in=[Kind.FUND, Kind.CLIENT_FEE]) & _wallet("debit", user))
        refunded = _monthly(this_year & Q(kind__in=[Kind.REFUND, Kind.CLIENT_FEE_REFUND]) & _wallet("credit", user))
        rows = paid.union(refunded, all=True)  # no kind is in both, so no month's total is split in two
    return chart.monthly(
        [(row["month"], row["currency"], signs[row["kind"]] * row["total"]) for row in rows], year=year
    )


def _monthly(transfers: Q) -> QuerySet[Transfer, Any]:
    return (
        Transfer.objects.filter(transfers)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "currency", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
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
        .order_by(*NEWEST)
    )
    if status in STATUS_FILTERS:
        rows = rows.filter(status__in=STATUS_FILTERS[status])
    return rows


def contracts_page(*, user: User, status: str = "", cursor: str | None = None, size: int) -> keyset.Page:
    """A keyset page of `contracts_list` ("Newer"/"Older"); a cursor we did not give out, or an offset one,
    shows the first page. Only the rows such a page can hold are read and summed: see `_page_candidates`."""
    rows = contracts_list(user=user, status=status)
    try:
        position = keyset.decode(cursor, keyset.keys_of(rows))
    except keyset.BadCursor:
        position = {}
    if "v" not in position:
        cursor, position = None, {}
    candidates = _page_candidates(user=user, status=status, position=position, size=size)
    return keyset.paginate(rows.filter(pk__in=candidates), cursor=cursor, size=size)


def _page_candidates(*, user: User, status: str, position: dict[str, Any], size: int) -> QuerySet[Contract, Any]:
    """The ids of the `size` + 1 newest contracts on each side, and of the `size` + 1 beyond the cursor's row
    in its direction: each a walk down one side's index (of that status, when filtered) stopped there."""
    walks = [(Q(), NEWEST)] + ([_beyond(*position["v"], newer=position["d"] == "n")] if "v" in position else [])
    status_in = {"status__in": STATUS_FILTERS[status]} if status in STATUS_FILTERS else {}
    branches = [
        Contract.objects.filter(start, **status_in, **{side: user.pk}).order_by(*order).values("pk")[: size + 1]
        for side in ("client_id", "freelancer_id")
        for start, order in walks
    ]
    # each limited branch is wrapped: SQLite takes no LIMIT inside a UNION's own parts
    first, *rest = [Contract.objects.filter(pk__in=branch).order_by().values("pk") for branch in branches]
    return first.union(*rest, all=True)


def _beyond(created_at: datetime, pk: int, *, newer: bool) -> tuple[Q, tuple[str, ...]]:
    """The rows past the cursor's (newer ones nearest first, or older ones), with the order that walks them;
    the bound on created_at alone lets the index start there."""
    if newer:
        after = Q(created_at__gt=created_at) | Q(created_at=created_at, pk__gt=pk)
        return after & Q(created_at__gte=created_at), ("created_at", "id")
    before = Q(created_at__lt=created_at) | Q(created_at=created_at, pk__lt=pk)
    return before & Q(created_at__lte=created_at), NEWEST


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
