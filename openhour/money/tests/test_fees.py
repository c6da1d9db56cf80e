"""The published fee tiers: 20% of the first £500 billed to one client, 7.5% up to £5,000, 3.5% above."""

import pytest

from openhour.money.fees import freelancer_fee


@pytest.mark.parametrize(
    ("amount", "billed_before", "fee"),
    [
        (10_000, 0, 2_000),  # £100 in the first tier: £20
        (50_000, 0, 10_000),  # exactly the first tier
        (60_000, 0, 10_750),  # £500 at 20% + £100 at 7.5%
        (10_000, 50_000, 750),  # all in the second tier
        (10_000, 45_000, 1_375),  # £50 at 20% + £50 at 7.5%
        (100_000, 500_000, 3_500),  # all above £5,000
        (1_000_000, 0, 10_000 + 33_750 + 17_500),  # spans all three tiers
        (1, 0, 0),  # 0.2p rounds half-up to 0
        (3, 0, 1),  # 0.6p rounds to 1p
        (10, 50_000, 1),  # 0.75p rounds to 1p
    ],
)
def test_fee_follows_the_tiers(amount, billed_before, fee):
    preview = freelancer_fee(amount=amount, billed_before=billed_before, currency="GBP")
    assert preview.fee == fee
    assert preview.receive == amount - fee


def test_splitting_work_never_costs_more_than_a_pennys_rounding():
    whole = freelancer_fee(amount=700_000, billed_before=0, currency="EUR").fee
    billed, parts = 0, 0
    for part in (30_000, 40_000, 130_000, 500_000):
        parts += freelancer_fee(amount=part, billed_before=billed, currency="EUR").fee
        billed += part
    assert abs(parts - whole) <= 4


def test_preview_reads_as_money():
    preview = freelancer_fee(amount=60_000, billed_before=0, currency="GBP").as_dict()
    assert preview["receive"] == {"amount": 49_250, "currency": "GBP"}
    assert preview["schedule_version"] == "2026-11"


@pytest.mark.parametrize(("amount", "billed_before"), [(0, 0), (-5, 0), (100, -1)])
def test_nonsense_is_refused(amount, billed_before):
    with pytest.raises(ValueError):
        freelancer_fee(amount=amount, billed_before=billed_before, currency="GBP")
