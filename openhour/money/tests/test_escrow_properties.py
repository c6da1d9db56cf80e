"""Properties of escrow and its fees that must hold for any amounts and any order of operations.

Splitting work into parts changes the freelancer fee only by rounding, and by an exact bound: each part's
fee is its exact (tiered, billed cumulatively) fee rounded once half-up, so it is off by a value in
(-1/2, 1/2]; the exact fees of the parts add up to the exact fee of the whole, whose own rounding is off
by a value in (-1/2, 1/2] too. The difference is therefore strictly less than (n + 1) / 2 in size for n
parts, and being a whole number of minor units it is at most floor(n / 2): none for one part, one for two
or three, and never more than n - 1. The bound is reached (see the example below).
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from openhour.contracts.models import Milestone
from openhour.lib.errors import DomainError
from openhour.money import ledger
from openhour.money.audit import ledger_problems
from openhour.money.fees import freelancer_fee
from openhour.money.ledger import Leg
from openhour.money.models import Billing, Purpose
from openhour.money.services import escrow
from openhour.money.tests.kit import contract_between

currencies = st.sampled_from(["GBP", "EUR", "USD"])
billed = st.integers(0, 2_000_000)
gross = st.integers(1, 2_000_000)


def fee(amount: int, billed_before: int, currency: str = "GBP") -> int:
    return freelancer_fee(amount=amount, billed_before=billed_before, currency=currency).fee


def fee_of_parts(parts: list[int], billed_before: int, currency: str) -> int:
    """The parts released one after another, each charged on what was billed before it."""
    total, so_far = 0, billed_before
    for part in parts:
        total += fee(part, so_far, currency)
        so_far += part
    return total


@given(parts=st.lists(st.integers(1, 300_000), min_size=1, max_size=12), billed_before=billed, currency=currencies)
def test_the_fee_on_parts_differs_from_the_fee_on_the_whole_by_at_most_half_the_parts(parts, billed_before, currency):
    whole = fee(sum(parts), billed_before, currency)
    assert abs(fee_of_parts(parts, billed_before, currency) - whole) <= len(parts) // 2


def test_the_rounding_bound_is_reached():
    # 20p in the 7.5% tier is exactly 1.5p, which rounds up to 2p; four of them are 8p, 80p in one go is 6p.
    assert fee_of_parts([20] * 4, 50_000, "GBP") - fee(80, 50_000) == 2 == 4 // 2
    assert fee_of_parts([20] * 3, 50_000, "GBP") - fee(60, 50_000) == 1 == 3 // 2  # 6p against 4.5p -> 5p


@given(a=gross, b=gross, billed_before=billed, currency=currencies)
def test_in_every_currency_the_fee_grows_with_the_amount_and_stays_within_the_gross(a, b, billed_before, currency):
    low, high = sorted((a, b))
    assert 0 <= fee(low, billed_before, currency) <= fee(high, billed_before, currency) <= high


@given(amount=gross, a=billed, b=billed, currency=currencies)
def test_billing_more_before_never_makes_the_fee_higher(amount, a, b, currency):
    less, more = sorted((a, b))
    assert fee(amount, more, currency) <= fee(amount, less, currency)


# ---- random escrow operations -----------------------------------------------------------------------

PAIRS = [("clara", "fred"), ("clara", "olga"), ("olga", "fred")]  # olga hires fred too: another pair
PER_PAIR = 2
MILESTONES = len(PAIRS) * PER_PAIR
slot = st.integers(0, MILESTONES - 1)
operation = st.one_of(
    st.tuples(st.just("top_up"), st.sampled_from(["clara", "olga"]), st.integers(1_000, 200_000)),
    st.tuples(st.just("fund"), slot),
    st.tuples(st.just("release"), slot),
    st.tuples(st.just("refund"), slot),
    st.tuples(st.just("split"), slot, st.integers(-1, 101)),  # percent of the milestone released
)
amounts = st.lists(st.integers(1, 120_000), min_size=MILESTONES, max_size=MILESTONES)
opening = st.fixed_dictionaries({"clara": st.integers(0, 600_000), "olga": st.integers(0, 300_000)})


@dataclass
class Expected:
    """What should have happened so far, in plain values."""

    status: list[str]
    releases: dict[int, list[int]] = field(default_factory=dict)  # pair -> gross released, in order


def expected_refusal(op: tuple[Any, ...], milestone: Milestone, wallet: int) -> str | None:
    """The error code the service must give, or None when the operation must succeed."""
    kind = op[0]
    wanted = {"fund": "awaiting_funding"}.get(kind, "funded")
    if milestone.status != wanted:
        return f"milestone_{milestone.status}"
    if kind == "fund" and wallet < escrow.funding_quote(milestone).total:
        return "insufficient_funds"
    if kind == "split" and not 0 < split_release(op, milestone) < milestone.amount:
        return "invalid"
    return None


def split_release(op: tuple[Any, ...], milestone: Milestone) -> int:
    return milestone.amount * op[2] // 100


def apply(op: tuple[Any, ...], milestone: Milestone, cast: dict[str, Any]) -> None:
    kind, contract = op[0], milestone.contract
    if kind == "fund":
        escrow.escrow_fund(milestone_id=milestone.pk, actor="client", by=contract.client)
    elif kind == "release":
        escrow.escrow_release(milestone_id=milestone.pk, actor="client", by=contract.client)
    elif kind == "refund":
        escrow.escrow_refund(milestone_id=milestone.pk, actor="freelancer", by=contract.freelancer)
    else:
        escrow.escrow_split(
            milestone_id=milestone.pk, release=split_release(op, milestone), by=cast["operator"], note="Part delivered."
        )


def run(ops: list[tuple[Any, ...]], sizes: list[int], cast: dict[str, Any], deposits: dict[str, int]) -> None:
    gateway = ledger.platform_account(purpose=Purpose.GATEWAY, currency="GBP")
    ops = [("top_up", name, amount) for name, amount in deposits.items() if amount] + ops
    milestones: list[Milestone] = []
    for client, freelancer in PAIRS:
        milestones += contract_between(cast[client], cast[freelancer], *sizes[:PER_PAIR]).milestones.all()
        sizes = sizes[PER_PAIR:]
    expected = Expected(status=[m.status for m in milestones])
    for op in ops:
        if op[0] == "top_up":  # what a settled card deposit posts
            ledger.post(
                Leg(
                    debit=gateway,
                    credit=ledger.wallet(owner=cast[op[1]], currency="GBP"),
                    amount=op[2],
                    kind="deposit",
                    id=uuid.uuid4(),
                )
            )
            continue
        milestone = Milestone.objects.select_related("contract").get(pk=milestones[op[1]].pk)
        wallet = ledger.wallet(owner=milestone.contract.client, currency="GBP").balance
        refusal = expected_refusal(op, milestone, wallet)
        try:
            apply(op, milestone, cast)
        except DomainError as error:
            assert error.code == refusal, (op, error.code, refusal)
        else:
            assert refusal is None, (op, refusal)
            event(f"{op[0]} done")  # shown by --hypothesis-show-statistics: the sequences do reach each step
            milestone.refresh_from_db()
            expected.status[op[1]] = milestone.status
            if milestone.released:
                expected.releases.setdefault(op[1] // PER_PAIR, []).append(milestone.released)
        check(milestones, expected, cast)


def check(milestones: list[Milestone], expected: Expected, cast: dict[str, Any]) -> None:
    assert ledger_problems() == []
    fresh = Milestone.objects.select_related("contract").in_bulk([m.pk for m in milestones])
    assert [fresh[m.pk].status for m in milestones] == expected.status
    for index, (client, freelancer) in enumerate(PAIRS):
        mine = [fresh[m.pk] for m in milestones[index * PER_PAIR : (index + 1) * PER_PAIR]]
        row = Billing.objects.filter(client=cast[client], freelancer=cast[freelancer]).first()
        assert (row.billed if row else 0) == sum(m.released for m in mine)
        parts = expected.releases.get(index, [])
        if parts:  # the pair's fees, part by part, against the fee on all it released
            whole = fee(sum(parts), 0)
            assert abs(sum(m.freelancer_fee for m in mine) - whole) <= len(parts) // 2
    earned = sum(m.released - m.freelancer_fee for m in fresh.values() if m.contract.freelancer_id == cast["fred"].pk)
    assert ledger.wallet(owner=cast["fred"], currency="GBP").balance == earned  # released to him, net of fees


class Rollback(Exception):
    pass


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(ops=st.lists(operation, min_size=15, max_size=40), sizes=amounts, deposits=opening)
def test_random_escrow_operations_keep_the_ledger_and_billing_sound(
    db, clara, fred, olga, operator, ops, sizes, deposits
):
    cast = {"clara": clara, "fred": fred, "olga": olga, "operator": operator}
    try:
        with transaction.atomic():
            run(ops, sizes, cast, deposits)
            raise Rollback  # every example starts from an empty ledger
    except Rollback:
        pass
    assert ledger_problems() == []
