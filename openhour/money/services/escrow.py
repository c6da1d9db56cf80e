"""Escrow: fund a milestone, release it, refund it, or split it. Each is one transaction that applies the
milestone's transition and posts its ledger legs, so the state and the money never disagree.

Leg ids derive from the milestone, so funding or releasing one milestone twice can never move money twice,
whatever the callers do in parallel. Callers hold no locks; these lock the milestone row (and its contract)
first, then the accounts of the step in id order, in one statement, and last, when money goes to the freelancer,
the pair's billing row (always while holding the freelancer's wallet, so it never queues on its own). No
platform-wide row is locked: fee accounts are sharded, and invoices are numbered after commit.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.models import User
from openhour.catalog.models import Order
from openhour.contracts.models import Contract, Milestone
from openhour.lib.errors import Conflict, InvalidInput, NotFound
from openhour.lib.money import format_money, is_whole
from openhour.lib.process import OPERATOR, SYSTEM, timers_cancel, transition
from openhour.messaging.notifications.events import notify_step
from openhour.money import fees, fx, ledger
from openhour.money.ledger import AccountKey, Leg
from openhour.money.models import Account, Billing, Purpose, Transfer
from openhour.money.services import invoices
from openhour.webhooks.services import events as webhooks

ESCROW = uuid.UUID("5f1d3c2a-8b7e-4e0c-9d6a-2f4b1c7e9a10")  # namespace for leg ids of escrow movements


def _leg_id(milestone: Milestone, what: str) -> uuid.UUID:
    return uuid.uuid5(ESCROW, f"milestone:{milestone.pk}:{what}")


def escrow_account(milestone: Milestone) -> Account:
    return ledger.account_of(_escrow_key(milestone))


def _escrow_key(milestone: Milestone) -> AccountKey:
    """The account that holds the milestone's money: the client's, one per milestone."""
    contract = milestone.contract
    return AccountKey(contract.client_id, Purpose.ESCROW, contract.currency, _ref(milestone))


def _fees_key(milestone: Milestone, what: str) -> AccountKey:
    """The shard of platform fees a milestone's `what` fee goes to: fixed by the milestone, so that a refund of the
    client fee finds the shard its funding credited."""
    return ledger.platform_key(
        purpose=Purpose.PLATFORM_FEES, currency=milestone.contract.currency, key=_leg_id(milestone, what)
    )


def _locked(milestone_id: int, *, people: bool = False) -> Milestone:
    """The milestone and its contract, locked; with `people`, the two parties with their profiles and billing
    details come along (read, not locked) for the notice and the invoice."""
    rows = Milestone.objects.select_for_update(of=("self", "contract")).select_related("contract")
    if people:
        rows = rows.select_related(
            "contract__client__profile",
            "contract__freelancer__profile",
            "contract__client__billing_details",
            "contract__freelancer__billing_details",
        )
    found = rows.filter(pk=milestone_id).first()
    if found is None:
        raise NotFound(_("No such milestone."))
    return found


def _fees_account(milestone: Milestone, what: str) -> Account:
    return ledger.account_of(_fees_key(milestone, what))


def _ref(milestone: Milestone) -> str:
    return f"milestone:{milestone.pk}"


def _escrow_leg(
    milestone: Milestone, kind: Transfer.Kind, *, debit: Account, credit: Account, amount: int, description: str
) -> Leg:
    """One of a milestone's legs: its id (the idempotency key) comes from the milestone and the kind's value."""
    return Leg(
        debit=debit,
        credit=credit,
        amount=amount,
        kind=kind,
        id=_leg_id(milestone, kind.value),
        reference=_ref(milestone),
        milestone_id=milestone.pk,
        description=description,
    )


@dataclass(frozen=True)
class FundingQuote:
    amount: int
    client_fee: int
    total: int
    currency: str


def funding_quote(milestone: Milestone) -> FundingQuote:
    """What funding costs the client: the milestone plus the client service fee of the contract's schedule."""
    contract = milestone.contract
    fee = fees.client_fee(
        amount=milestone.amount,
        currency=contract.currency,
        schedule=fees.schedule_for(contract.fee_schedule_version),
    )
    return FundingQuote(
        amount=milestone.amount, client_fee=fee, total=milestone.amount + fee, currency=contract.currency
    )


def escrow_fund(*, milestone_id: int, actor: str, by: User | None = None, note: str = "") -> Milestone:
    """Client wallet -> the milestone's escrow, and the client fee -> platform fees. The client's wallet
    in the contract currency must hold the total (a card funding deposits it first, in the same call)."""
    with transaction.atomic():
        milestone = _locked(milestone_id)
        order, contract = _locked_order_and_contract(milestone)
        if contract.status != Contract.Status.ACTIVE:
            raise Conflict(_not_active(contract), code=f"contract_{contract.status}")
        notify_step(transition(obj=milestone, action="fund", actor=actor, by=by, note=note))
        quote = funding_quote(milestone)
        wallet = ledger.wallet(owner=contract.client, currency=contract.currency)
        legs = [
            _escrow_leg(
                milestone,
                Transfer.Kind.FUND,
                debit=wallet,
                credit=escrow_account(milestone),
                amount=quote.amount,
                description=_("Funded “%(title)s” in escrow") % {"title": milestone.title},
            ),
        ]
        if quote.client_fee:
            legs.append(
                _escrow_leg(
                    milestone,
                    Transfer.Kind.CLIENT_FEE,
                    debit=wallet,
                    credit=_fees_account(milestone, "client_fee"),
                    amount=quote.client_fee,
                    description=_("Client service fee for “%(title)s”") % {"title": milestone.title},
                )
            )
        ledger.post(*legs)
        milestone.client_fee = quote.client_fee
        milestone.save(update_fields=["client_fee", "updated_at"])
        webhooks.emit("milestone.funded", about=milestone, audience=webhooks.parties(milestone))
        if order is not None and order.status == Order.Status.AWAITING_PAYMENT:  # an Hourlie order is paid now
            transition(obj=order, action="pay", actor=SYSTEM)
        invoices.receipt_for_funding(milestone)
        if milestone.release_on_funding:  # approved hours: the client has already accepted the work
            escrow_release(
                milestone_id=milestone.pk, actor=SYSTEM, note=gettext_noop("Approved hours, paid once funded.")
            )
            milestone.refresh_from_db()
    return milestone


def _not_active(contract: Contract) -> str:
    if contract.status == Contract.Status.OFFERED:
        return _("This contract is still an offer: it can be funded once the freelancer accepts it.")
    if contract.status in (Contract.Status.DECLINED, Contract.Status.WITHDRAWN):
        return _("This offer was not accepted, so nothing is paid into it.")
    return _("This contract has ended, so nothing more is paid into it.")


def _locked_order_and_contract(milestone: Milestone) -> tuple[Order | None, Contract]:
    """Lock the contract's Hourlie order (if any) and then the contract, in the order cancelling an order
    does, so a cancel and a funding never cross: whichever comes second sees what the first did."""
    order = Order.objects.select_for_update().filter(contract_id=milestone.contract_id).first()
    return order, Contract.objects.select_for_update().get(pk=milestone.contract_id)


def escrow_release(*, milestone_id: int, actor: str, by: User | None = None, note: str = "") -> Milestone:
    """Escrow -> the freelancer's wallet net of the tiered fee, and the fee -> platform fees.

    Fifteen statements between BEGIN and COMMIT once the accounts exist: the milestone locked with its contract
    and people, the three accounts looked up (created if money never touched them) and then locked in id order
    (the same statement finds whether the legs were posted),
    the pair's billing total, the transfers, the balances, the milestone and its event, the notice (four), the
    timers (two) and the statement, numbered after commit (`invoices.invoices_number`, by the worker or the
    first read) so no release waits on a series counter."""
    with transaction.atomic():
        milestone = _locked(milestone_id, people=True)
        _refuse_unless_listed(milestone, "release", actor=actor, by=by, note=note)
        keys = _release_keys(milestone)
        locked = ledger.accounts_locked(*keys, leg_ids=_leg_ids(milestone, *RELEASE_KINDS))
        _pay_freelancer(milestone, locked[keys[0]].balance, locked, keys)
        event = transition(obj=milestone, action="release", actor=actor, by=by, note=note, fields=RELEASED)
        notify_step(event)
        webhooks.emit("milestone.released", about=milestone, audience=webhooks.parties(milestone))
        timers_cancel(obj=milestone)
        invoices.statement_for_release(milestone, first=True)  # the release transition happens once
    return milestone


RELEASE_KINDS = (Transfer.Kind.RELEASE, Transfer.Kind.FREELANCER_FEE)
RELEASED = ("released", "freelancer_fee")


def _refuse_unless_listed(milestone: Milestone, action: str, **step: Any) -> None:
    """Refuse (409) as `transition()` would when the table has no such step from this status, before any money
    is looked at; who may take it (403) and the operator's reason (400) it checks when it is applied."""
    if (milestone.status, action) not in Milestone.TRANSITIONS:
        transition(obj=milestone, action=action, **step)


def _leg_ids(milestone: Milestone, *kinds: Transfer.Kind) -> list[uuid.UUID]:
    return [_leg_id(milestone, kind.value) for kind in kinds]


def _release_keys(milestone: Milestone) -> tuple[AccountKey, AccountKey, AccountKey]:
    """The milestone's escrow, the freelancer's wallet and the shard of platform fees its fee goes to."""
    contract = milestone.contract
    wallet = AccountKey(contract.freelancer_id, Purpose.WALLET, contract.currency)
    return _escrow_key(milestone), wallet, _fees_key(milestone, "freelancer_fee")


def _refund_keys(milestone: Milestone) -> tuple[AccountKey, AccountKey, AccountKey]:
    """The milestone's escrow, the client's wallet and the shard of platform fees the client fee went to."""
    contract = milestone.contract
    wallet = AccountKey(contract.client_id, Purpose.WALLET, contract.currency)
    return _escrow_key(milestone), wallet, _fees_key(milestone, "client_fee")


def escrow_refund(*, milestone_id: int, actor: str, by: User | None = None, note: str = "") -> Milestone:
    """Escrow -> the client's wallet, with the client fee paid on it."""
    with transaction.atomic():
        milestone = _locked(milestone_id)
        notify_step(transition(obj=milestone, action="refund", actor=actor, by=by, note=note))
        timers_cancel(obj=milestone)
        _refund_client(milestone, escrow_account(milestone).balance, milestone.client_fee)
        milestone.save(update_fields=["refunded", "updated_at"])
        webhooks.emit("milestone.refunded", about=milestone, audience=webhooks.parties(milestone))
        invoices.credit_note_for_refund(milestone)
    return milestone


def escrow_split(*, milestone_id: int, release: int, by: User | None, note: str, actor: str = OPERATOR) -> Milestone:
    """A dispute decision (an operator's, or the system applying one): `release` minor units go to the
    freelancer (net of the fee), the rest back to the client with the same share of the client fee.
    All five accounts are locked at once, in id order, before the pair's billing row, as a release does."""
    with transaction.atomic():
        milestone = _locked(milestone_id)
        held = escrow_account(milestone).balance
        # The state first: splitting a milestone that holds nothing is a 409, not a bad amount.
        transition(obj=milestone, action="split", actor=actor, by=by, note=note)
        timers_cancel(obj=milestone)
        if not is_whole(release) or not 0 < release < held:
            raise InvalidInput(
                _("Release part of the %(held)s held: more than nothing, less than all.")
                % {"held": format_money(held, milestone.contract.currency)},
                fields={"release": [_("Choose an amount between the two.")]},
            )
        refund = held - release
        fee_back = fx.round_half_up(Decimal(milestone.client_fee) * refund / held)
        paid, back = _release_keys(milestone), _refund_keys(milestone)
        kinds = (*RELEASE_KINDS, Transfer.Kind.REFUND, Transfer.Kind.CLIENT_FEE_REFUND)
        locked = ledger.accounts_locked(*paid, *back[1:], leg_ids=_leg_ids(milestone, *kinds))
        _pay_freelancer(milestone, release, locked, paid)
        ledger.post_locked(*_refund_legs(milestone, refund, fee_back, *(locked[key] for key in back)), locked=locked)
        milestone.refunded = refund
        milestone.save(update_fields=["released", "freelancer_fee", "refunded", "updated_at"])
        webhooks.emit("milestone.released", about=milestone, audience=webhooks.parties(milestone))
        webhooks.emit("milestone.refunded", about=milestone, audience=webhooks.parties(milestone))
        invoices.statement_for_release(milestone)
        invoices.credit_note_for_refund(milestone)
    return milestone


def _pay_freelancer(
    milestone: Milestone, gross: int, locked: ledger.Locked, keys: tuple[AccountKey, AccountKey, AccountKey]
) -> None:
    """Post `gross` from escrow to the freelancer, less the fee at the pair's tier; the accounts are locked."""
    contract = milestone.contract
    quote = fees.freelancer_fee(
        amount=gross,
        billed_before=_billed_before(contract, gross),
        currency=contract.currency,
        schedule=fees.schedule_for(contract.fee_schedule_version),
    )
    escrow, wallet, fees_account = (locked[key] for key in keys)
    what = {"title": milestone.title, "fee": format_money(quote.fee, contract.currency)}
    legs = [
        _escrow_leg(
            milestone,
            Transfer.Kind.RELEASE,
            debit=escrow,
            credit=wallet,
            amount=quote.receive,
            description=_("Payment for “%(title)s”, after the %(fee)s service fee") % what,
        ),
    ]
    if quote.fee:
        legs.append(
            _escrow_leg(
                milestone,
                Transfer.Kind.FREELANCER_FEE,
                debit=escrow,
                credit=fees_account,
                amount=quote.fee,
                description=_("Service fee on “%(title)s”") % what,
            )
        )
    ledger.post_locked(*legs, locked=locked)
    milestone.released, milestone.freelancer_fee = gross, quote.fee


def _refund_client(milestone: Milestone, amount: int, fee_back: int) -> None:
    contract = milestone.contract
    fees_account = _fees_account(milestone, "client_fee") if fee_back else None
    wallet = ledger.wallet(owner=contract.client, currency=contract.currency)
    ledger.post(*_refund_legs(milestone, amount, fee_back, escrow_account(milestone), wallet, fees_account))
    milestone.refunded = amount


def _refund_legs(
    milestone: Milestone, amount: int, fee_back: int, escrow: Account, wallet: Account, fees_account: Account | None
) -> list[Leg]:
    legs = [
        _escrow_leg(
            milestone,
            Transfer.Kind.REFUND,
            debit=escrow,
            credit=wallet,
            amount=amount,
            description=_("Refund of “%(title)s” from escrow") % {"title": milestone.title},
        ),
    ]
    if fee_back:
        assert fees_account is not None
        legs.append(
            _escrow_leg(
                milestone,
                Transfer.Kind.CLIENT_FEE_REFUND,
                debit=fees_account,
                credit=wallet,
                amount=fee_back,
                description=_("Client service fee returned for “%(title)s”") % {"title": milestone.title},
            )
        )
    return legs


def _billed_before(contract: Contract, gross: int) -> int:
    """Add `gross` to what the freelancer has billed this client (the row is made on their first release) and
    return the total before it. One statement, which also keeps the row locked until commit, so two releases
    for one pair never both see the same total."""
    table = connection.ops.quote_name(Billing._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (client_id, freelancer_id, currency, billed) VALUES (%s, %s, %s, %s) "  # noqa: S608  # nosec B608 -- our table name
            f"ON CONFLICT (client_id, freelancer_id, currency) DO UPDATE SET billed = {table}.billed + excluded.billed "
            "RETURNING billed",
            [contract.client_id, contract.freelancer_id, contract.currency, gross],
        )
        (after,) = cursor.fetchone()
    return int(after) - gross
