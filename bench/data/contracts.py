"""Stage `contracts`: a contract for every hired project, its milestones, and the money that moved for them.

Each funded milestone was paid by card (a Payment and its DEPOSIT from a gateway shard into the client's
wallet), then funded (FUND into the milestone's escrow account, CLIENT_FEE to a platform fees shard); each
released one paid the freelancer (RELEASE) less the tiered fee on the pair's billings (FREELANCER_FEE). Leg ids,
references, accounts and shards are those the services use (`money.services.escrow`, `payments`), fees come
from `money.fees`, and the accounts' cached balances and the pairs' Billing rows are the sums of what was
written, so `manage.py ledger_check` holds."""

import random
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from django.db.models import F

from bench.data.plan import ENDED, Plan
from bench.data.projects import split
from bench.data.writer import Table, next_id, sequences_reset
from openhour.contracts.models import Contract, Milestone
from openhour.jobs.models import BudgetType, Proposal
from openhour.money import fees, ledger
from openhour.money.models import Account, Billing, Payment, Purpose, Transfer
from openhour.money.services.escrow import ESCROW
from openhour.money.services.payments import DEPOSITS

CURRENCY = "GBP"
BENCH = uuid.UUID("0b3c1a52-7d0e-4f6a-9c41-5e2d8b7a6f30")  # namespace of the generated card payments' ids


def leg_id(milestone: int, what: str) -> uuid.UUID:
    """As `escrow._leg_id` makes it for a milestone's leg."""
    return uuid.uuid5(ESCROW, f"milestone:{milestone}:{what}")


class Books:
    """Accounts by (owner, purpose, reference) with the balance the transfers give them, and the transfers."""

    def __init__(self, now: datetime) -> None:
        self.transfers = Table(Transfer, now)
        self.payments = Table(Payment, now)
        self.ids: dict[tuple[Any, str, str], int] = {}
        self.balances: dict[int, int] = defaultdict(int)
        self.existing: set[int] = set()
        for shard in range(ledger.PLATFORM_SHARDS):
            for purpose in (Purpose.GATEWAY, Purpose.PLATFORM_FEES):
                account = ledger.platform_account(purpose=purpose, currency=CURRENCY, key=uuid.UUID(int=shard))
                self.ids[(None, purpose, account.reference)] = account.pk
                self.existing.add(account.pk)
        self.next_account = next_id(Account)  # after the platform shards, which may just have been made
        self.schedule = fees.schedule_for(fees.current_schedule().version)

    def account(self, owner: int | None, purpose: str, reference: str = "") -> int:
        key = (owner, purpose, reference)
        if key not in self.ids:
            self.ids[key] = self.next_account
            self.next_account += 1
        return self.ids[key]

    def shard(self, purpose: str, key: uuid.UUID) -> int:
        return self.ids[(None, purpose, f"shard-{key.int % ledger.PLATFORM_SHARDS}")]

    def move(
        self, id: uuid.UUID, debit: int, credit: int, amount: int, kind: str, when: datetime, **extra: Any
    ) -> None:
        self.balances[debit] -= amount
        self.balances[credit] += amount
        self.transfers.add(
            id=id,
            debit_id=debit,
            credit_id=credit,
            amount=amount,
            currency=CURRENCY,
            kind=kind,
            created_at=when,
            **extra,
        )

    def save(self, now: datetime) -> None:
        self.transfers.flush()
        self.payments.flush()
        accounts = Table(Account, now)
        for (owner, purpose, reference), pk in self.ids.items():
            if pk not in self.existing:
                accounts.add(
                    id=pk,
                    owner_id=owner,
                    purpose=purpose,
                    currency=CURRENCY,
                    reference=reference,
                    balance=self.balances[pk],
                    may_go_negative=False,
                    created_at=now,
                )
        accounts.flush()
        for pk in self.existing:
            Account.objects.filter(pk=pk).update(balance=F("balance") + self.balances[pk])
        sequences_reset(Account)


def load(plan: Plan, now: datetime) -> str:
    rng = random.Random(f"{plan.seed}:contracts")  # noqa: S311 -- test data, not secrets
    books = Books(now)
    contracts, milestones = Table(Contract, now), Table(Milestone, now)
    contract_id, milestone_id = next_id(Contract), next_id(Milestone)
    billed: dict[tuple[int, int], int] = defaultdict(int)
    hired = (
        Proposal.objects.filter(status=Proposal.Status.ACCEPTED, contract__isnull=True)
        .order_by("pk")
        .values_list(
            "pk",
            "project_id",
            "project__client_id",
            "freelancer_id",
            "price",
            "delivery_days",
            "created_at",
            "project__title",
            "project__budget_type",
            "project__budget_min",
        )
    )
    for proposal, project, client, freelancer, price, days, sent, title, budget_type, rate in hired.iterator(50_000):
        started = sent + timedelta(days=rng.randint(1, 5))
        ended = (
            started + timedelta(days=days) if rng.random() < ENDED and started + timedelta(days=days) < now else None
        )
        hourly = budget_type == BudgetType.HOURLY
        contracts.add(
            id=contract_id,
            client_id=client,
            freelancer_id=freelancer,
            title=title,
            currency=CURRENCY,
            fee_schedule_version=books.schedule.version,
            project_id=project,
            proposal_id=proposal,
            kind=Contract.Kind.HOURLY if hourly else Contract.Kind.FIXED,
            hourly_rate=rate if hourly else None,
            weekly_limit=40 if hourly else None,
            status=Contract.Status.ENDED if ended else Contract.Status.ACTIVE,
            outcome=Contract.Outcome.COMPLETED if ended else "",
            started_at=started,
            ended_at=ended,
            created_at=started,
            updated_at=ended or started,
        )
        amounts = split(price)
        for position, amount in enumerate(amounts):
            last = position == len(amounts) - 1
            status = (
                Milestone.Status.RELEASED
                if ended or not last
                else (Milestone.Status.FUNDED if rng.random() < 0.7 else Milestone.Status.AWAITING_FUNDING)
            )
            paid = _money(books, billed, milestone_id, client, freelancer, amount, status, started, position)
            milestones.add(
                id=milestone_id,
                contract_id=contract_id,
                client_id=client,
                freelancer_id=freelancer,
                amount=amount,
                due_in_days=7 * (position + 1),
                title=f"Hours, part {position + 1}" if hourly else ("Delivery" if position else "First draft"),
                due_on=(started + timedelta(days=7 * (position + 1))).date(),
                position=position,
                status=status,
                created_at=started,
                updated_at=ended or started,
                **paid,
            )
            milestone_id += 1
        contract_id += 1
    contracts.flush()
    milestones.flush()
    books.save(now)
    billings, first = Table(Billing, now), next_id(Billing)
    for number, ((client, freelancer), total) in enumerate(sorted(billed.items())):
        billings.add(id=first + number, client_id=client, freelancer_id=freelancer, currency=CURRENCY, billed=total)
    billings.flush()
    sequences_reset(Contract, Milestone, Billing)
    return f"{contracts.count} contracts, {milestones.count} milestones, {books.transfers.count} transfers"


def _money(
    books: Books,
    billed: dict,
    milestone: int,
    client: int,
    freelancer: int,
    amount: int,  # type: ignore[type-arg]
    status: str,
    started: datetime,
    position: int,
) -> dict[str, int]:
    """The legs of funding (and releasing) one milestone; the milestone's money fields."""
    if status == Milestone.Status.AWAITING_FUNDING:
        return {}
    funded = started + timedelta(days=7 * position, hours=2)
    client_fee = fees.client_fee(amount=amount, currency=CURRENCY, schedule=books.schedule)
    wallet = books.account(client, Purpose.WALLET)
    payment = uuid.uuid5(BENCH, f"milestone:{milestone}")
    books.payments.add(
        id=payment,
        payer_id=client,
        amount=amount + client_fee,
        currency=CURRENCY,
        purpose=Payment.Purpose.MILESTONE,
        milestone_id=milestone,
        gateway="sandbox",
        status=Payment.Status.SUCCEEDED,
        created_at=funded,
        updated_at=funded,
    )
    books.move(
        uuid.uuid5(DEPOSITS, str(payment)),
        books.shard(Purpose.GATEWAY, payment),
        wallet,
        amount + client_fee,
        Transfer.Kind.DEPOSIT,
        funded,
        reference=f"payment:{payment}",
        description="Card payment",
    )
    escrow = books.account(client, Purpose.ESCROW, f"milestone:{milestone}")
    ref = {"reference": f"milestone:{milestone}", "milestone_id": milestone}
    books.move(leg_id(milestone, "fund"), wallet, escrow, amount, Transfer.Kind.FUND, funded, **ref)
    fee_shard = books.shard(Purpose.PLATFORM_FEES, leg_id(milestone, "client_fee"))
    if client_fee:
        books.move(
            leg_id(milestone, "client_fee"), wallet, fee_shard, client_fee, Transfer.Kind.CLIENT_FEE, funded, **ref
        )
    if status != Milestone.Status.RELEASED:
        return {"client_fee": client_fee}
    released = funded + timedelta(days=5)
    quote = fees.freelancer_fee(
        amount=amount, billed_before=billed[(client, freelancer)], currency=CURRENCY, schedule=books.schedule
    )
    billed[(client, freelancer)] += amount
    payee = books.account(freelancer, Purpose.WALLET)
    books.move(leg_id(milestone, "release"), escrow, payee, quote.receive, Transfer.Kind.RELEASE, released, **ref)
    if quote.fee:
        shard = books.shard(Purpose.PLATFORM_FEES, leg_id(milestone, "freelancer_fee"))
        books.move(
            leg_id(milestone, "freelancer_fee"), escrow, shard, quote.fee, Transfer.Kind.FREELANCER_FEE, released, **ref
        )
    return {"client_fee": client_fee, "released": amount, "freelancer_fee": quote.fee}
