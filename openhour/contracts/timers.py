"""Contract deadlines as they fire: an offer lapses unanswered; the client is reminded to fund a fixed
contract, and one on which nothing was ever funded is cancelled after UNFUNDED_CANCEL_DAYS; both parties
hear of a milestone's deadline shortly before it. Every timer checks again when it fires, so one that no
longer applies (a funded contract, an ended one, a delivered milestone) does nothing.

The timers are set by `services.work_timers_schedule` and `offers.offer_create`."""

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.catalog.models import Order
from openhour.contracts.models import Contract, ContractTimer, Milestone
from openhour.contracts.services import contracts as services
from openhour.contracts.services import offers
from openhour.lib.process import SYSTEM, timers_fire_due, transition
from openhour.messaging.notifications.said import Said, said
from openhour.messaging.notifications.services import notification_send

# A deadline reminder is only worth sending while the work is still to be delivered.
BEFORE_DELIVERY = (Milestone.Status.FUNDED, Milestone.Status.CHANGES_REQUESTED)


def contracts_fire_due() -> int:
    return timers_fire_due(timer_model=ContractTimer, fire=_fire)


def _fire(timer: ContractTimer) -> None:
    contract = timer.contract
    if contract.status == Contract.Status.OFFERED and timer.action == "expire":
        offers.offer_expire(contract_id=contract.pk)
    elif contract.status == Contract.Status.ACTIVE and timer.action == "remind_funding":
        _remind_funding(contract, timer)
    elif contract.status == Contract.Status.ACTIVE and timer.action == "cancel_unfunded":
        _cancel_unfunded(contract.pk)


def _remind_funding(contract: Contract, timer: ContractTimer) -> None:
    awaiting = contract.milestones.filter(status=Milestone.Status.AWAITING_FUNDING).values_list("title", flat=True)
    if not awaiting:
        return
    title = said(
        gettext_noop("Fund “%(title)s” so that %(name)s can start"), title=contract.title, name=contract.freelancer.name
    )
    body = said(
        gettext_noop(
            "Still to fund: %(titles)s. Your payment waits in escrow until you release it. If nothing is funded "
            "within %(days)s days of the start, the contract is cancelled."
        ),
        days=settings.UNFUNDED_CANCEL_DAYS,
        titles=", ".join(f"“{title}”" for title in awaiting),
    )
    _tell([contract.client], contract, "funding_due", title, body, f"contracttimer:{timer.pk}")


def _cancel_unfunded(contract_id: int) -> None:
    """End, as cancelled, a contract on which nothing was ever funded; its unpaid Hourlie order goes with it.
    Locks as funding does (the order, then the contract), so a funding and this cancel never cross."""
    order = Order.objects.select_for_update().filter(contract_id=contract_id).first()
    contract = services.contract_lock(contract_id)
    if contract.status != Contract.Status.ACTIVE or services.ever_funded(contract.milestones.all()):
        return
    note = _("Cancelled: nothing was funded within %(days)s days.") % {"days": settings.UNFUNDED_CANCEL_DAYS}
    if order is not None and order.status == Order.Status.AWAITING_PAYMENT:
        transition(obj=order, action="cancel", actor=SYSTEM, note=note)
    services.contract_finish(contract=contract, actor=SYSTEM, note=note)
    title = said(gettext_noop("“%(title)s” was cancelled"), title=contract.title)
    body = said(
        gettext_noop("Nothing was funded within %(days)s days of the start."), days=settings.UNFUNDED_CANCEL_DAYS
    )
    _tell(
        [contract.client, contract.freelancer],
        contract,
        "contract_cancelled",
        title,
        body,
        f"contract:{contract.pk}:cancel",
    )


def deadline_remind(milestone: Milestone) -> None:
    """Both parties hear that a milestone is due soon, while it is funded and not yet delivered."""
    contract = milestone.contract
    if contract.status != Contract.Status.ACTIVE or milestone.status not in BEFORE_DELIVERY or not milestone.due_on:
        return
    title = said(
        gettext_noop("“%(title)s” on “%(contract)s” is due on %(when)s"),
        title=milestone.title,
        contract=contract.title,
        when=milestone.due_on,
    )
    body = said(gettext_noop("It is funded and not yet delivered."))
    source = f"milestone:{milestone.pk}:due:{milestone.due_on.isoformat()}"
    _tell([contract.client, contract.freelancer], contract, "deadline_soon", title, body, source)


def _tell(people: list[Any], contract: Contract, kind: str, title: Said, body: Said, source: str) -> None:
    """In the timer's transaction, so a rolled-back timer tells nobody; e-mailed as each person prefers."""
    for person in people:
        notification_send(
            user=person, kind=kind, title=title, body=body, url=f"/contracts/{contract.pk}", source=source
        )
