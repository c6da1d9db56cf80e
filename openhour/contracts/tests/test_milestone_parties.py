"""Every milestone carries its contract's client and freelancer, however it was made: a hire from a proposal,
an Hourlie order, a change order adding one, approved hours. The dashboard finds a person's open milestones
by these alone, so a milestone made without them would vanish from someone's steps and deadlines."""

import pytest

from openhour.catalog.services import hourlies
from openhour.catalog.tests.test_hourlies_services import publish
from openhour.contracts.change_orders.tests.helpers import ADD, answer, propose
from openhour.contracts.hourly.tests.test_paying_hours import approve, week_in_review
from openhour.contracts.models import Contract, Milestone
from openhour.jobs.services import proposals
from openhour.jobs.tests.proposal_kit import post, send
from openhour.money.tests.kit import contract_between, top_up

pytestmark = pytest.mark.django_db


def parties(contract: Contract) -> set[tuple[int, int]]:
    return set(Milestone.objects.filter(contract=contract).values_list("client_id", "freelancer_id"))


def test_a_hire_from_a_proposal(clara, fred):
    contract = proposals.proposal_accept(proposal_id=send(post(clara), fred).pk, by=clara)
    assert contract.milestones.count() == 2
    assert parties(contract) == {(clara.pk, fred.pk)}


def test_an_hourlie_order(clara, fred):
    service = publish(fred)
    order = hourlies.order_place(
        hourlie_id=service.pk, client=clara, package=service.packages.first().pk, requirements="Fix the login page."
    )
    assert order.contract is not None and order.contract.milestones.count() == 1
    assert parties(order.contract) == {(clara.pk, fred.pk)}


def test_a_milestone_added_by_a_change_order(clara, fred, client_for):
    contract = contract_between(clara, fred, 30_000)
    created = propose(client_for(fred), contract, ADD)
    assert answer(client_for(clara), created.json()["id"], "accept").status_code == 200
    assert contract.milestones.filter(title="Extra page").exists()
    assert parties(contract) == {(clara.pk, fred.pk)}


def test_approved_hours(clara, fred, client_for):
    week = week_in_review(clara, fred, client_for, "2")
    top_up(clara, 20_000)
    assert approve(client_for(clara), week).status_code == 200
    assert parties(week.contract) == {(clara.pk, fred.pk)}


def test_the_same_people_on_the_other_sides_stay_apart(clara, fred):
    """Fred hiring Clara is another contract: its milestones name him as the client."""
    fred.is_client = clara.is_freelancer = True
    fred.save(update_fields=["is_client"])
    clara.save(update_fields=["is_freelancer"])
    theirs = contract_between(fred, clara, 10_000)
    assert parties(theirs) == {(fred.pk, clara.pk)}
