"""The graph of who hired whom around a review: completed contracts (client → freelancer) in a window.

Only accounts that both hired and were hired in the window can sit on a cycle of hiring, so the search
starts only when the review's author and subject both did, and walks on through such accounts alone: an
ordinary client, an ordinary freelancer or a popular one ends the walk where it meets them. The walk is
bounded three ways (settings): GRAPH_HOPS queries at most, GRAPH_MAX_ACCOUNTS accounts, GRAPH_ROW_CAP
contracts per query; a cut walk keeps what it saw and marks the accounts it could not finish as unknown.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, QuerySet

from openhour.contracts.models import Contract
from openhour.reviews.integrity.thresholds import threshold


def completed_since(since: datetime) -> QuerySet[Contract]:
    return Contract.objects.filter(
        status=Contract.Status.ENDED, outcome=Contract.Outcome.COMPLETED, ended_at__gte=since
    ).order_by()


def window_start(submitted_at: datetime) -> datetime:
    return submitted_at - timedelta(days=threshold("GRAPH_WINDOW_DAYS"))


@dataclass
class Hires:
    """Contracts by (client, freelancer); `explored` accounts have all their contracts here."""

    contracts: dict[tuple[int, int], set[int]] = field(default_factory=dict)
    explored: set[int] = field(default_factory=set)
    both_roles: set[int] = field(default_factory=set)

    def add(self, contract_id: int, client_id: int, freelancer_id: int) -> None:
        self.contracts.setdefault((client_id, freelancer_id), set()).add(contract_id)

    def accounts(self) -> set[int]:
        return {account for pair in self.contracts for account in pair}

    def hired(self, account: int) -> set[int]:
        return {freelancer for client, freelancer in self.contracts if client == account}

    def hired_by(self, account: int) -> set[int]:
        return {client for client, freelancer in self.contracts if freelancer == account}

    def counterparties(self, account: int) -> set[int]:
        return self.hired(account) | self.hired_by(account)

    def contracts_among(self, members: set[int]) -> set[int]:
        return {pk for (a, b), pks in self.contracts.items() if a in members and b in members for pk in pks}

    def cycle_through(self, account: int) -> set[int]:
        """The accounts on some cycle of hiring through `account` (its strongly connected component)."""
        return _reach(account, self.hired) & _reach(account, self.hired_by)


def _reach(start: int, step: Any) -> set[int]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in step(todo.pop()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def hiring_both_ways(accounts: Iterable[int], since: datetime) -> set[int]:
    """Which of `accounts` both hired someone and were hired since `since` (one query)."""
    done = completed_since(since)
    return set(
        get_user_model()
        .objects.filter(pk__in=list(accounts))
        .filter(
            Exists(done.filter(client_id=OuterRef("pk"))),
            Exists(done.filter(freelancer_id=OuterRef("pk"))),
        )
        .values_list("pk", flat=True)
    )


def _step(frontier: set[int], since: datetime, cap: int) -> list[tuple[int, int, int, bool, bool]]:
    """The contracts of `frontier`, each with whether its client was ever hired and its freelancer ever hired."""
    done = completed_since(since)
    touching = done.filter(client_id__in=frontier) | done.filter(freelancer_id__in=frontier)
    rows = touching.annotate(
        client_hired=Exists(done.filter(freelancer_id=OuterRef("client_id"))),
        freelancer_hires=Exists(done.filter(client_id=OuterRef("freelancer_id"))),
    ).values_list("pk", "client_id", "freelancer_id", "client_hired", "freelancer_hires")
    return list(rows.order_by("pk")[: cap + 1])


def explore(seeds: set[int], since: datetime) -> Hires:
    """Walk from `seeds` (accounts that hire both ways) through accounts that hire both ways."""
    graph = Hires(both_roles=set(seeds))
    frontier = set(seeds)
    hops, most, cap = threshold("GRAPH_HOPS"), threshold("GRAPH_MAX_ACCOUNTS"), threshold("GRAPH_ROW_CAP")
    for _hop in range(hops):
        rows = _step(frontier, since, cap)
        for pk, client, freelancer, client_hired, freelancer_hires in rows[:cap]:
            graph.add(pk, client, freelancer)
            graph.both_roles |= {client} if client_hired else set()
            graph.both_roles |= {freelancer} if freelancer_hires else set()
        if len(rows) > cap:  # someone here is too busy to be read whole: keep them unknown
            break
        graph.explored |= frontier
        room = max(0, most - len(graph.explored))
        frontier = set(sorted((graph.both_roles & graph.accounts()) - graph.explored)[:room])
        if not frontier:
            break
    return graph
