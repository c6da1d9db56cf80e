"""Closing ends the person's open work through each process's own steps, taken as them and noted "The account
was closed.": the other side sees the same history as if they had acted themselves."""

import pytest
from django.test import Client

from openhour.accounts.closing.tests.kit import close_by_api
from openhour.catalog.models import Hourlie, Order
from openhour.catalog.services import hourlies
from openhour.catalog.tests.test_hourlies_services import service
from openhour.contracts.models import Contract
from openhour.contracts.services.offers import offer_create
from openhour.jobs.models import Project, Proposal
from openhour.jobs.tests.proposal_kit import post, send
from openhour.money.tests.kit import contract_between

pytestmark = pytest.mark.django_db
NOTE = "The account was closed."


def offer(client, freelancer) -> Contract:
    milestones = [{"title": "Audit", "amount": 20_000, "due_in_days": 10}]
    return offer_create(
        client=client,
        to=freelancer.username,
        title="Audit",
        message="An audit of our shop.",
        currency="GBP",
        milestones=milestones,
    )


def test_a_freelancer_s_proposals_hourlies_offers_and_contracts_end(clara, fred, bearer, ledger_ok):
    proposal = send(post(clara), fred)
    hourlie = hourlies.hourlie_publish(freelancer=fred, **service())
    offered, working = offer(clara, fred), contract_between(clara, fred, 25_000)

    assert close_by_api(Client(), **bearer(fred)).status_code == 204

    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.WITHDRAWN and proposal.events.last().note == NOTE
    assert Hourlie.objects.get(pk=hourlie.pk).status == Hourlie.Status.REMOVED
    assert Contract.objects.get(pk=offered.pk).status == Contract.Status.DECLINED
    ended = Contract.objects.get(pk=working.pk)
    assert (ended.status, ended.outcome) == (Contract.Status.ENDED, Contract.Outcome.CANCELLED)
    assert Project.objects.get(pk=proposal.project_id).status == Project.Status.OPEN  # Clara's project carries on
    ledger_ok()


def test_a_client_s_projects_offers_and_unpaid_orders_end(clara, fred, olga, bearer, ledger_ok):
    project = post(clara)
    proposal = send(project, fred)
    offered = offer(clara, olga)
    order = hourlies.order_place(
        hourlie_id=hourlies.hourlie_publish(freelancer=fred, **service()).pk,
        client=clara,
        package="basic",
        requirements="Our checkout page crashes on Safari.",
    )

    assert close_by_api(Client(), **bearer(clara)).status_code == 204

    assert Project.objects.get(pk=project.pk).status == Project.Status.CLOSED
    assert Proposal.objects.get(pk=proposal.pk).status == Proposal.Status.CLOSED  # Fred's, released with it
    assert Contract.objects.get(pk=offered.pk).status == Contract.Status.WITHDRAWN
    assert Order.objects.get(pk=order.pk).status == Order.Status.CANCELLED
    assert Contract.objects.get(order=order).status == Contract.Status.ENDED
    ledger_ok()
