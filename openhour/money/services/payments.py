"""Card payments: deposits into a wallet, and card funding of a milestone (a deposit, then escrow).

Three steps, never one transaction around a provider call:
1. `_open` writes the Payment row (idempotent on the payer's key) and commits;
2. the gateway charges the card, outside any transaction;
3. `payment_settle` records the outcome and, on success, posts the deposit (and the funding) in one
   transaction. Leg ids derive from the payment id, so a redirect and a webhook both reporting success
   move the money once. A process killed between 2 and 3 leaves a `processing` row and no money moved;
   the provider's webhook (or the payer's return) settles it later.
"""

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.contracts.models import Milestone
from openhour.lib.db import require_no_transaction
from openhour.lib.errors import Conflict, DomainError, InvalidInput, NotAllowed, NotFound
from openhour.lib.money import format_money, is_whole
from openhour.lib.process import CLIENT
from openhour.money import fx, ledger
from openhour.money.gateways import Charge, gateway
from openhour.money.ledger import IdempotencyMismatch, Leg
from openhour.money.models import Payment, Purpose, Transfer
from openhour.money.services import escrow

DEPOSITS = uuid.UUID("8c0a7d4e-1f2b-4c3d-9e5f-6a7b8c9d0e1f")  # namespace for deposit leg ids


class CardDeclined(DomainError):
    code = "card_declined"
    status = 402
    default_message = "The card was declined."


def _check_amount(amount: Any) -> int:
    ceiling = settings.AMOUNT_CEILING * 100
    if not is_whole(amount) or not 0 < amount <= ceiling:
        raise InvalidInput(
            _("Amounts are whole numbers of minor units above zero, at most %(ceiling)s.") % {"ceiling": ceiling},
            fields={"amount": [_("Invalid amount.")]},
        )
    return amount


def deposit_start(*, payer: User, amount: int, currency: str, card_token: str, idempotency_key: str = "") -> Payment:
    """Charge a card into the payer's wallet. Raises CardDeclined (402) when the card is refused; a
    payment waiting for 3-D Secure comes back with status `requires_action` and an `action_url`."""
    require_verified_email(payer)
    fx.check_currency(currency, "currency")
    payment = _open(
        payer=payer,
        amount=_check_amount(amount),
        currency=currency,
        purpose=Payment.Purpose.DEPOSIT,
        milestone=None,
        idempotency_key=idempotency_key,
    )
    return _charge(payment, card_token)


def milestone_card_fund(*, milestone: Milestone, by: User, card_token: str, idempotency_key: str = "") -> Payment:
    """Fund a milestone by card: the card pays the milestone plus the client fee into the client's wallet,
    and the same transaction moves it into escrow. The caller has found the milestone for `by`."""
    require_verified_email(by)
    if milestone.contract.client_id != by.pk:
        raise NotAllowed(_("Only the client funds a milestone."))
    if milestone.status != Milestone.Status.AWAITING_FUNDING:
        raise Conflict(_("This milestone is already funded."), code=f"milestone_{milestone.status}")
    quote = escrow.funding_quote(milestone)
    payment = _open(
        payer=by,
        amount=quote.total,
        currency=quote.currency,
        purpose=Payment.Purpose.MILESTONE,
        milestone=milestone,
        idempotency_key=idempotency_key,
    )
    return _charge(payment, card_token)


def _open(
    *, payer: User, amount: int, currency: str, purpose: str, milestone: Milestone | None, idempotency_key: str
) -> Payment:
    if len(idempotency_key) > 200:
        raise InvalidInput(_("The Idempotency-Key header is too long (200 characters at most)."))
    fields = {"amount": amount, "currency": currency, "purpose": purpose, "milestone": milestone}
    if idempotency_key:
        earlier = Payment.objects.filter(payer=payer, idempotency_key=idempotency_key).first()
        if earlier is not None:
            return _same_request(earlier, fields)
    try:
        with transaction.atomic():
            return Payment.objects.create(
                payer=payer, gateway=settings.PAYMENT_GATEWAY, idempotency_key=idempotency_key, **fields
            )
    except IntegrityError:  # the same key, sent twice at once: the other request made the row
        earlier = Payment.objects.get(payer=payer, idempotency_key=idempotency_key)
        return _same_request(earlier, fields)


def _same_request(earlier: Payment, fields: dict[str, Any]) -> Payment:
    if any(getattr(earlier, name) != value for name, value in fields.items()):
        raise IdempotencyMismatch()
    return earlier


def _charge(payment: Payment, card_token: str) -> Payment:
    """Call the gateway unless an earlier request with this key already did."""
    if payment.provider_ref:
        return _outcome(payment)
    if not card_token or len(card_token) > 200:
        raise InvalidInput(_("Give a card token."), fields={"card_token": [_("Required.")]})
    require_no_transaction("A card charge")
    Payment.objects.filter(pk=payment.pk).update(card_fingerprint=card_fingerprint(card_token))
    return_url = settings.SITE_URL + reverse("payment_authenticate", args=[payment.pk])  # back from 3-D Secure
    charge = gateway(payment.gateway).charge(
        payment_id=str(payment.pk),
        amount=payment.amount,
        currency=payment.currency,
        card_token=card_token,
        return_url=return_url,
    )
    return _outcome(payment_settle(payment_id=payment.pk, charge=charge))


def card_fingerprint(card_token: str) -> str:
    """The same card token always gives the same fingerprint; the token itself is not kept."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:card:{card_token}".encode()).hexdigest()


def _outcome(payment: Payment) -> Payment:
    if payment.status == Payment.Status.FAILED:
        raise CardDeclined(payment.failure_message or None, code=payment.failure_code or None)
    return payment


def payment_settle(*, payment_id: uuid.UUID | str, charge: Charge) -> Payment:
    """Record what the provider said. Success posts the deposit (and the funding) once; a later report of
    the same success changes nothing."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment_id)
        if payment.status in (Payment.Status.SUCCEEDED, Payment.Status.FAILED):
            return payment
        payment.provider_ref = charge.ref
        if charge.status == "succeeded":
            payment.status = Payment.Status.SUCCEEDED
            _post_deposit(payment)
        elif charge.status == "requires_action":
            payment.status, payment.action_url = Payment.Status.REQUIRES_ACTION, charge.action_url
        else:
            payment.status = Payment.Status.FAILED
            payment.failure_code = (charge.failure_code or "card_declined")[:40]
            payment.failure_message = (charge.failure_message or _("The card was declined."))[:300]
        payment.save(
            update_fields=["provider_ref", "status", "action_url", "failure_code", "failure_message", "updated_at"]
        )
    return payment


def _post_deposit(payment: Payment) -> None:
    source = ledger.platform_account(purpose=Purpose.GATEWAY, currency=payment.currency, key=payment.pk)
    ledger.post(
        Leg(
            debit=source,
            credit=ledger.wallet(owner=payment.payer, currency=payment.currency),
            amount=payment.amount,
            kind=Transfer.Kind.DEPOSIT,
            id=uuid.uuid5(DEPOSITS, str(payment.pk)),
            reference=f"payment:{payment.pk}",
            description=_("Card payment of %(amount)s") % {"amount": format_money(payment.amount, payment.currency)},
        )
    )
    milestone = payment.milestone
    if milestone is None:
        return
    try:
        with transaction.atomic():
            escrow.escrow_fund(milestone_id=milestone.pk, actor=CLIENT, by=payment.payer)
    except DomainError:
        pass  # funded meanwhile, or the contract ended: the card's money stays in the payer's wallet


def payment_confirm(*, payment_id: uuid.UUID | str, by: User) -> Payment:
    """The payer confirms a payment that waits for them (3-D Secure): ask the gateway, then settle."""
    payment = payment_for(payment_id=payment_id, viewer=by)
    if payment.status != Payment.Status.REQUIRES_ACTION:
        return _outcome(payment)
    charge = gateway(payment.gateway).lookup(ref=payment.provider_ref, confirmed=True)
    return _outcome(payment_settle(payment_id=payment.pk, charge=charge))


def payment_for(*, payment_id: uuid.UUID | str, viewer: User) -> Payment:
    """A payment, for its payer only: anyone else is told there is no such payment."""
    try:
        pk = uuid.UUID(str(payment_id))
    except ValueError:
        raise NotFound(_("No such payment.")) from None
    found = Payment.objects.select_related("milestone__contract").filter(pk=pk, payer_id=viewer.pk).first()
    if found is None:
        raise NotFound(_("No such payment."))
    return found
