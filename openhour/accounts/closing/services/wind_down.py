"""The person's open work ends through each process's own services, as the person: the other side is told as
if they had acted themselves, and nothing sets a status by hand."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.catalog.models import Hourlie, Order
from openhour.catalog.services.hourlies import hourlie_remove, order_cancel
from openhour.contracts.models import Contract
from openhour.contracts.services.contracts import contract_end
from openhour.contracts.services.offers import offer_decline, offer_withdraw
from openhour.jobs.models import Project, Proposal
from openhour.jobs.services.projects import project_close
from openhour.jobs.services.proposals import proposal_withdraw

# Kept in English in the step's history, as every step note is.
NOTE = gettext_noop("The account was closed.")
LISTED = (Hourlie.Status.PUBLISHED, Hourlie.Status.PAUSED)


def open_work_end(*, user: User) -> None:
    """Close open projects, withdraw live proposals and unanswered offers, take Hourlies off the market, cancel
    unpaid orders and end active contracts (escrow holds nothing for them any more: `closing_refusals` saw to it).
    A contract that cannot end yet (hours still in review) refuses the closing with its own 409."""
    for project_id in _ids(Project.objects.filter(client=user, status=Project.Status.OPEN)):
        project_close(project_id=project_id, by=user, note=NOTE)
    for proposal_id in _ids(Proposal.objects.filter(freelancer=user, status__in=Proposal.LIVE)):
        proposal_withdraw(proposal_id=proposal_id, by=user, note=NOTE)
    for hourlie_id in _ids(Hourlie.objects.filter(freelancer=user, status__in=LISTED)):
        hourlie_remove(hourlie_id=hourlie_id, by=user, note=NOTE)
    for order_id in _ids(Order.objects.filter(client=user, status=Order.Status.AWAITING_PAYMENT)):
        order_cancel(order_id=order_id, by=user, note=NOTE)
    _offers_end(user)
    for contract_id in _ids(_contracts(user, Contract.Status.ACTIVE)):
        contract_end(contract_id=contract_id, by=user, note=NOTE)


def _offers_end(user: User) -> None:
    for contract in _contracts(user, Contract.Status.OFFERED).only("pk", "client_id"):
        answer = offer_withdraw if contract.client_id == user.pk else offer_decline
        answer(contract_id=contract.pk, by=user, note=NOTE)


def _contracts(user: User, status: str) -> QuerySet[Contract]:
    return Contract.objects.filter(Q(client=user) | Q(freelancer=user), status=status)


def _ids(rows: QuerySet[Any]) -> list[int]:
    return list(rows.order_by("pk").values_list("pk", flat=True))
