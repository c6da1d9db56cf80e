"""A small market built through the real services at set moments around a week's and a month's edges, with the
figures it should give worked out by hand below each step.

Weeks start on Monday 00:00 UTC: Sunday 29 November 2026 belongs to the week of 23 November, Monday 30 November to
the week of 30 November (and still to November), Tuesday 1 December to that same week but to December.
"""

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import time_machine

from conftest import make_user
from openhour.contracts.dashboard.tests.kit import fund
from openhour.contracts.disputes.services import dispute_open, dispute_withdraw
from openhour.contracts.services import contracts
from openhour.jobs.services.proposals import proposal_accept
from openhour.jobs.tests.proposal_kit import post, send
from openhour.money import fx
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.services import payout_request
from openhour.money.tests.kit import contract_between, top_up

SUNDAY_LATE = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)  # week of 23 Nov, November
MONDAY = datetime(2026, 11, 30, 0, 0, tzinfo=UTC)  # the first moment of the week of 30 Nov, still November
DECEMBER = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)  # the first moment of December, in the week of 30 Nov
LATER = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)  # when the figures are read


def at(moment: datetime, hours: float = 0) -> Any:
    from datetime import timedelta

    return time_machine.travel(moment + timedelta(hours=hours), tick=False)


def build(clara: Any, fred: Any, olga: Any) -> dict[str, Any]:
    """Clara posts two projects and hires Fred on the first; money moves in GBP and EUR; one dispute, one refund,
    one conversion and one payout request. Returns the things made, by name."""
    with at(SUNDAY_LATE):
        shop = post(clara, title="Django shop")  # week of 23 Nov
    with at(SUNDAY_LATE, hours=2):
        proposal = send(shop, fred, price=60_000)  # 2 h after posting, on Monday 01:30
    with at(SUNDAY_LATE, hours=6):
        hired = proposal_accept(proposal_id=proposal.pk, by=clara)  # 6 h after posting; a hire in November
    with at(MONDAY):
        post(clara, title="Logo for the shop")  # on the week's first moment: week of 30 Nov; no proposal
    design, build_ = hired.milestones.all()
    with at(DECEMBER):
        fund(design, clara)  # 30,000 + 5% client fee 1,500
        fund(build_, clara)  # 30,000 + 1,500
    with at(DECEMBER, hours=10):
        contracts.milestone_release(milestone_id=design.pk, by=clara)  # 20% fee: 6,000 kept, Fred gets 24,000
        dispute = dispute_open(milestone_id=build_.pk, by=clara, reason="The build is late.")
        dispute_withdraw(dispute_id=dispute.pk, by=clara)
        contracts.milestone_refund(milestone_id=build_.pk, by=fred)  # 30,000 and its 1,500 client fee go back
    with at(DECEMBER, hours=30):
        euro = contract_between(clara, olga, 10_000, currency="EUR")  # a repeat hire, of another freelancer
        fund(euro.milestones.get(), clara)  # 10,000 EUR + 500 client fee
        fx.load_rates([fx.DayRates(as_of=DECEMBER.date(), rates={"GBP": Decimal("0.85")})])
        top_up(clara, 10_000)
        fx.wallet_convert(user=clara, amount=10_000, from_currency="GBP", to_currency="EUR")  # fee 294 EUR
    with at(DECEMBER, hours=50):
        again = contract_between(clara, fred, 5_000)  # a repeat hire of the same freelancer; never funded
        paypal = payout_method_add(owner=fred, kind="paypal", details={"email": "fred@example.com"})
        payout = payout_request(owner=fred, amount=20_000, currency="GBP", method_id=paypal.pk)
    return {"shop": shop, "hired": hired, "euro": euro, "again": again, "dispute": dispute, "payout": payout}


def a_client(name: str) -> Any:
    return make_user(name, name=name.title(), client=True)
