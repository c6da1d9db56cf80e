"""Offers and contract timers on PostgreSQL under real parallel processes: the same offer sent twice at once
makes one contract; an answer racing the offer's expiry, and a funding racing the cancel of a never-funded
contract, each end one way or the other, never both, never deadlocked."""

import multiprocessing
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from openhour.contracts.models import Contract
from openhour.contracts.services import contracts, offers
from openhour.contracts.tests.test_offers_kit import fixed_offer, milestones
from openhour.contracts.timers import contracts_fire_due
from openhour.money.tests.kit import top_up
from openhour.money.tests.test_escrow_postgres import in_processes

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_same_offer_sent_twice_at_once_makes_one_contract(clara, fred):
    def send() -> Any:
        made = offers.offer_create(
            client=clara, to="fred", title="Shop", message="A shop.", currency="GBP", milestones=milestones(10_000)
        )
        return made.status

    assert sorted(in_processes(4, send)) == ["offer_pending"] * 3 + ["offered"]
    assert Contract.objects.count() == 1


def test_an_answer_racing_the_expiry_ends_one_way(clara, fred):
    offer = fixed_offer(clara, fred)
    offer.timers.update(due_at=timezone.now() - timedelta(minutes=1))

    def accept_or_expire() -> Any:
        if accept_or_expire.index == 0:
            return offers.offer_accept(contract_id=offer.pk, by=fred).status
        return contracts_fire_due()

    results = in_processes(2, _alternating(accept_or_expire))
    offer.refresh_from_db()
    assert not any(str(result).startswith("crash") for result in results), results
    if offer.status == "active":
        assert results.count("active") == 1 and not offer.events.filter(action="expire").exists()
    else:
        assert offer.status == "withdrawn" and "contract_withdrawn" in results


def test_a_funding_racing_the_unfunded_cancel_ends_one_way(clara, fred, ledger_ok):
    offer = fixed_offer(clara, fred, 20_000)
    offers.offer_accept(contract_id=offer.pk, by=fred)
    offer.timers.filter(action="cancel_unfunded").update(due_at=timezone.now() - timedelta(minutes=1))
    offer.timers.filter(action="remind_funding").update(cancelled_at=timezone.now())
    top_up(clara, 21_000)
    milestone = offer.milestones.get()

    def fund_or_cancel() -> Any:
        if fund_or_cancel.index == 0:
            return contracts.milestone_fund(milestone_id=milestone.pk, by=clara, method="wallet").milestone.status
        return contracts_fire_due()

    results = in_processes(2, _alternating(fund_or_cancel))
    offer.refresh_from_db()
    milestone.refresh_from_db()
    assert not any(str(result).startswith("crash") for result in results), results
    assert (offer.status, milestone.status) in (("active", "funded"), ("ended", "awaiting_funding"))
    if offer.status == "ended":
        assert "contract_ended" in results
    ledger_ok()


def _alternating(work: Any) -> Any:
    """`work` with `work.index` set to 0 in the first process to call it and 1 in the other."""
    counter = multiprocessing.get_context("fork").Value("i", 0)

    def run() -> Any:
        with counter.get_lock():
            work.index = counter.value
            counter.value += 1
        return work()

    return run
