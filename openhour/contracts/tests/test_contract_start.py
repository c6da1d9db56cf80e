"""contract_start: the one way a contract comes to be (a hire, an Hourlie order, a direct offer). It makes the
contract under today's fee schedule, its milestones in order, and the client's first event; work begins at
once (due dates, reminders to fund, the unfunded cancel, deadline reminders, and the freelancer hears they
are hired), unless it is an offer, which waits for the freelancer's answer."""

from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine

from openhour.accounts.models import User
from openhour.contracts.models import Contract, ContractTimer, Milestone, MilestoneTimer
from openhour.contracts.services.contracts import ContractTerms, MilestoneTerms, contract_start
from openhour.messaging.models import Notification

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
TERMS = [
    MilestoneTerms(title="Design", amount=30_000, due_in_days=10, criteria="Figma files"),
    MilestoneTerms(title="Build", amount=20_000, due_in_days=30),
]


@time_machine.travel(NOW, tick=False)
def test_a_started_contract_begins_work_at_once(clara: User, fred: User) -> None:
    shop = ContractTerms(title="Shop", currency="GBP")
    contract = contract_start(client=clara, freelancer=fred, terms=shop, milestones=TERMS)

    contract.refresh_from_db()
    assert (contract.client, contract.freelancer, contract.title, contract.currency) == (clara, fred, "Shop", "GBP")
    assert (contract.status, contract.kind, contract.revisions) == (Contract.Status.ACTIVE, Contract.Kind.FIXED, 2)
    assert contract.fee_schedule_version == "2026-11" and contract.started_at == NOW
    assert contract.project is None and contract.proposal is None
    assert (contract.hourly_rate, contract.weekly_limit, contract.time_zone) == (None, None, "Europe/London")
    milestones = list(contract.milestones.order_by("position"))
    assert [(m.position, m.title, m.amount, m.due_in_days, m.criteria) for m in milestones] == [
        (0, "Design", 30_000, 10, "Figma files"),
        (1, "Build", 20_000, 30, ""),
    ]
    assert [m.due_on for m in milestones] == [date(2026, 12, 11), date(2026, 12, 31)]
    assert {m.status for m in milestones} == {Milestone.Status.AWAITING_FUNDING}

    events = list(contract.events.values_list("actor", "by", "action", "from_status", "to_status"))
    assert events == [("client", clara.pk, "start", "", "active")]
    timers = ContractTimer.objects.filter(contract=contract).order_by("due_at")
    assert [(t.action, t.due_at.day) for t in timers] == [
        ("remind_funding", 4),
        ("remind_funding", 11),
        ("cancel_unfunded", 31),
    ]
    deadlines = MilestoneTimer.objects.filter(milestone__contract=contract, action="deadline")
    assert sorted(t.due_at.date() for t in deadlines) == [date(2026, 12, 9), date(2026, 12, 29)]
    hired = Notification.objects.get(kind="hired")
    assert (hired.user, hired.url) == (fred, f"/contracts/{contract.pk}")
    assert not Notification.objects.filter(user=clara).exists()


def test_revisions_come_from_the_settings_unless_the_terms_say(clara: User, fred: User, settings: Any) -> None:
    settings.REVISIONS_DEFAULT = 3
    assert ContractTerms(title="Logo", currency="EUR").revisions == 3
    logo = ContractTerms(title="Logo", currency="EUR", revisions=5)
    contract = contract_start(client=clara, freelancer=fred, terms=logo, milestones=TERMS[:1])
    assert (contract.revisions, contract.milestones.count()) == (5, 1)


@time_machine.travel(NOW, tick=False)
def test_an_offer_waits_for_the_freelancers_answer(clara: User, fred: User) -> None:
    support = ContractTerms(
        title="Support",
        currency="GBP",
        kind=Contract.Kind.HOURLY,
        hourly_rate=5_000,
        weekly_limit=10,
        time_zone="Europe/Paris",
        offer_message="Help us every week.",
    )
    contract = contract_start(client=clara, freelancer=fred, terms=support, milestones=[], offered=True)

    contract.refresh_from_db()
    assert (contract.status, contract.started_at) == (Contract.Status.OFFERED, None)
    assert (contract.kind, contract.hourly_rate, contract.weekly_limit) == (Contract.Kind.HOURLY, 5_000, 10)
    assert (contract.time_zone, contract.offer_message) == ("Europe/Paris", "Help us every week.")
    assert not contract.milestones.exists()
    events = list(contract.events.values_list("actor", "by", "action", "from_status", "to_status"))
    assert events == [("client", clara.pk, "offer", "", "offered")]
    assert not ContractTimer.objects.filter(contract=contract).exists()
    assert not Notification.objects.exists()  # offer_create tells the freelancer, with the offer's deadline


def test_an_offered_fixed_contract_sets_no_due_dates_until_accepted(clara: User, fred: User) -> None:
    shop = ContractTerms(title="Shop", currency="GBP")
    contract = contract_start(client=clara, freelancer=fred, terms=shop, milestones=TERMS, offered=True)
    assert [m.due_on for m in contract.milestones.all()] == [None, None]
    assert not MilestoneTimer.objects.filter(milestone__contract=contract).exists()
