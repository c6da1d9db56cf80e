"""Card refunds of wallet deposits: money goes back from the wallet to the card it came from.

Two phases, so money is never lost and a provider call never runs inside a transaction:
1. reserve the amount on the wallet (a pending transfer to the gateway account) and commit;
2. ask the provider to refund, with the reservation's id as the idempotency key;
3. post the reservation and count the refund on the payment; if the provider failed, void it instead.
A process killed between 2 and 3 leaves the amount reserved, not spent: nothing is lost either way.
"""

import uuid
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.db import require_no_transaction
from openhour.lib.errors import Conflict, InvalidInput
from openhour.lib.money import format_money, is_whole
from openhour.money import ledger
from openhour.money.gateways import GatewayError, gateway
from openhour.money.ledger import Leg
from openhour.money.models import Account, Payment, Phase, Purpose, Transfer
from openhour.money.services.payments import payment_for

REFUNDS = uuid.UUID("5d3e9b2a-7c41-4f6e-8a0b-1c2d3e4f5a6b")  # namespace for card refund leg ids
KIND = Transfer.Kind.CARD_REFUND


def payment_refund(*, payment_id: uuid.UUID | str, by: User, amount: Any) -> Payment:
    """Refund part or all of a succeeded card deposit to the card, from the payer's wallet."""
    payment = payment_for(payment_id=payment_id, viewer=by)  # anyone but the payer: 404
    reservation = _reserve(payment.pk, amount)
    require_no_transaction("A card refund")
    try:
        gateway(payment.gateway).refund(ref=payment.provider_ref, amount=amount, refund_id=str(reservation.pk))
    except GatewayError:
        _resolve(reservation, phase=Phase.VOID_PENDING)
        raise GatewayError(_("The card processor did not answer. Nothing was refunded; please try again.")) from None
    return _resolve(reservation, phase=Phase.POST_PENDING)


def _reserve(payment_id: uuid.UUID, amount: Any) -> Transfer:
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        _check(payment, amount)
        earlier = Transfer.objects.filter(kind=KIND, phase=Phase.PENDING, reference=_reference(payment)).count()
        wallet, source = _accounts(payment)
        (reservation,) = ledger.post(
            Leg(
                debit=wallet,
                credit=source,
                amount=amount,
                kind=KIND,
                phase=Phase.PENDING,
                id=uuid.uuid5(REFUNDS, f"{payment.pk}:{earlier + 1}"),
                reference=_reference(payment),
                description=_("Refund to your card of %(amount)s") % {"amount": format_money(amount, payment.currency)},
            )
        )
    return reservation


def _check(payment: Payment, amount: Any) -> None:
    if payment.purpose != Payment.Purpose.DEPOSIT:
        raise Conflict(_("Only wallet deposits are refunded to the card."), code="payment_not_a_deposit")
    if payment.status != Payment.Status.SUCCEEDED:
        raise Conflict(_("Only a succeeded payment can be refunded."), code=f"payment_{payment.status}")
    left = payment.amount - payment.refunded - _in_flight(payment)
    if not is_whole(amount) or not 0 < amount <= left:
        message = _("Refund between %(low)s and %(high)s.") % {
            "low": format_money(min(1, left), payment.currency),
            "high": format_money(left, payment.currency),
        }
        raise InvalidInput(message, fields={"amount": [message]})
    if ledger.wallet(owner=payment.payer, currency=payment.currency).available < amount:
        raise ledger.InsufficientFunds(_("Your wallet no longer holds that much: the money was spent."))


def _in_flight(payment: Payment) -> int:
    """Refunds reserved but not yet answered by the provider."""
    open_ = Transfer.objects.filter(kind=KIND, phase=Phase.PENDING, reference=_reference(payment), resolutions=None)
    return open_.aggregate(total=Sum("amount"))["total"] or 0


def _resolve(reservation: Transfer, *, phase: str) -> Payment:
    """Post (the provider refunded) or void (it did not) the reservation; count a posted refund."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=_payment_id(reservation))
        wallet, source = _accounts(payment)
        ledger.post(
            Leg(
                debit=wallet,
                credit=source,
                amount=reservation.amount,
                kind=KIND,
                phase=phase,
                pending=reservation,
                id=uuid.uuid5(REFUNDS, f"{reservation.pk}:{phase}"),
                reference=reservation.reference,
                description=reservation.description,
            )
        )
        if phase == Phase.POST_PENDING:
            payment.refunded += reservation.amount
            payment.save(update_fields=["refunded", "updated_at"])
    return payment


def _accounts(payment: Payment) -> tuple[Account, Account]:
    """The payer's wallet and the gateway account shard the deposit came from."""
    wallet = ledger.wallet(owner=payment.payer, currency=payment.currency)
    return wallet, ledger.platform_account(purpose=Purpose.GATEWAY, currency=payment.currency, key=payment.pk)


def _reference(payment: Payment) -> str:
    return f"payment:{payment.pk}"


def _payment_id(reservation: Transfer) -> str:
    return reservation.reference.removeprefix("payment:")
