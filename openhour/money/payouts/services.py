"""Withdrawals as a process: requested -> held -> sent -> paid | failed, or cancelled while held.

The money follows the status in the same transaction: a request reserves the amount in the wallet (a
pending transfer to the owner's payouts-in-flight account); sending posts the reservation; paid moves it
on to the gateway (out of the marketplace); a failure after sending returns it to the wallet; a cancel
voids the reservation. Leg ids derive from the payout id, so a repeated step never moves money twice.
Callers hold no locks: these lock the payout row first, then (inside `ledger.post`) the accounts.
"""

import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.identity.requirements import identity_require_for_payout
from openhour.accounts.models import User
from openhour.accounts.services import require_verified_email
from openhour.lib.errors import InvalidInput, NotAllowed, NotFound
from openhour.lib.money import format_money, is_whole
from openhour.lib.process import OPERATOR, OWNER, SYSTEM, timers_cancel, transition
from openhour.messaging.notifications.events import notify_step
from openhour.money import fx, ledger
from openhour.money.ledger import IdempotencyMismatch, InsufficientFunds, Leg
from openhour.money.models import Account, Payout, PayoutMethod, Phase, Purpose, Transfer
from openhour.money.payouts.methods import display, method_for
from openhour.webhooks.services import events as webhooks

PAYOUTS = uuid.UUID("3d6f0b8e-7a41-4c52-8f0e-1b2c3d4e5f60")  # namespace for leg ids of payout movements
PROVIDERS: dict[str, str] = {
    PayoutMethod.Kind.BANK_TRANSFER: "manual_bank",
    PayoutMethod.Kind.PAYPAL: "paypal",
    PayoutMethod.Kind.WIRE: "wire",
}
Status = Payout.Status


def _leg_id(payout: Payout, what: str) -> uuid.UUID:
    return uuid.uuid5(PAYOUTS, f"payout:{payout.pk}:{what}")


def _ref(payout: Payout) -> str:
    return f"payout:{payout.pk}"


def _wallet(payout: Payout) -> Account:
    return ledger.wallet(owner=payout.owner, currency=payout.currency)


def _in_flight(payout: Payout) -> Account:
    return ledger.account_for(owner=payout.owner, purpose=Purpose.PAYOUTS_IN_FLIGHT, currency=payout.currency)


def _check_amount(amount: Any, currency: str) -> int:
    if not is_whole(amount) or amount <= 0:
        raise InvalidInput(
            _("Amounts are whole numbers of minor units above zero."), fields={"amount": [_("Invalid amount.")]}
        )
    if amount < settings.PAYOUT_MINIMUM:
        least = format_money(settings.PAYOUT_MINIMUM, currency)
        raise InvalidInput(
            _("The smallest withdrawal is %(least)s.") % {"least": least},
            fields={"amount": [_("At least %(least)s.") % {"least": least}]},
            code="below_minimum",
        )
    if amount > settings.AMOUNT_CEILING * 100:
        raise InvalidInput(_("That is more than one withdrawal may be."), fields={"amount": [_("Too large.")]})
    return amount


def payout_request(*, owner: User, amount: Any, currency: str, method_id: object, idempotency_key: str = "") -> Payout:
    """Withdraw `amount` from the owner's wallet in `currency` to one of their methods. The amount is
    reserved at once and the payout is held until the method's hold is over (at least until now)."""
    require_verified_email(owner)
    fx.check_currency(currency, "currency")
    amount = _check_amount(amount, currency)
    identity_require_for_payout(user=owner, amount=amount, currency=currency)  # 409 before anything is reserved
    method = method_for(owner=owner, method_id=method_id)
    if len(idempotency_key) > 200:
        raise InvalidInput(_("The Idempotency-Key header is too long (200 characters at most)."))
    fields = {"amount": amount, "currency": currency, "method_id": method.pk}
    if idempotency_key:
        earlier = Payout.objects.filter(owner=owner, idempotency_key=idempotency_key).first()
        if earlier is not None:
            return _same_request(earlier, fields)
    try:
        with transaction.atomic():
            return _open(owner=owner, method=method, amount=amount, currency=currency, key=idempotency_key)
    except IntegrityError:  # the same key sent twice at once: the other request made the payout
        earlier = Payout.objects.filter(owner=owner, idempotency_key=idempotency_key).first()
        if not idempotency_key or earlier is None:
            raise
        return _same_request(earlier, fields)


def _same_request(earlier: Payout, fields: dict[str, Any]) -> Payout:
    if any(getattr(earlier, name) != value for name, value in fields.items()):
        raise IdempotencyMismatch()
    return earlier


def _open(*, owner: User, method: PayoutMethod, amount: int, currency: str, key: str) -> Payout:
    now = timezone.now()
    payout = Payout.objects.create(
        owner=owner,
        method=method,
        amount=amount,
        currency=currency,
        provider=PROVIDERS[method.kind],
        hold_until=max(now, method.usable_from),
        idempotency_key=key,
    )
    payout.events.create(actor=OWNER, by=owner, action="request", from_status="", to_status=payout.status)
    try:
        (reservation,) = ledger.post(
            Leg(
                debit=_wallet(payout),
                credit=_in_flight(payout),
                amount=amount,
                kind=Transfer.Kind.PAYOUT,
                phase=Phase.PENDING,
                id=_leg_id(payout, "reserve"),
                reference=_ref(payout),
                description=_("Withdrawal to %(method)s") % {"method": display(method)},
            )
        )
    except InsufficientFunds:
        available = ledger.wallet(owner=owner, currency=currency).available
        raise InsufficientFunds(
            _("You have %(available)s available to withdraw.") % {"available": format_money(available, currency)},
            fields={"amount": [_("More than your available balance.")]},
        ) from None
    payout.reservation = reservation
    payout.save(update_fields=["reservation", "updated_at"])
    transition(obj=payout, action="hold", actor=SYSTEM)
    if payout.provider == "paypal":
        payout.timers.create(action="send", due_at=payout.hold_until)
    return payout


# ---- reads -----------------------------------------------------------------------------------------


def payouts_of(*, owner: User) -> QuerySet[Payout]:
    return Payout.objects.filter(owner=owner).select_related("method").order_by("-created_at", "-pk")


def payout_for(*, owner: User, payout_id: Any) -> Payout:
    """One of the owner's payouts; anyone else's (or a malformed id) answers 404."""
    try:
        pk = uuid.UUID(str(payout_id))
    except ValueError:
        raise NotFound(_("No such payout.")) from None
    found = payouts_of(owner=owner).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("No such payout."))
    return found


# ---- steps -----------------------------------------------------------------------------------------


def locked(payout_id: Any) -> Payout:
    rows = Payout.objects.select_for_update(of=("self",)).select_related("method", "owner", "reservation")
    payout = rows.filter(pk=payout_id).first()
    if payout is None:
        raise NotFound(_("No such payout."))
    return payout


def _operator(actor: str, by: User | None) -> None:
    if actor == OPERATOR and not (by is not None and by.is_staff):
        raise NotAllowed()


def payout_cancel(*, payout_id: Any, by: User, actor: str = OWNER, note: str = "") -> Payout:
    """The owner (or an operator, with a reason) stops a held payout: the reservation is voided."""
    _operator(actor, by)
    with transaction.atomic():
        payout = locked(payout_id)
        if actor == OWNER and payout.owner_id != by.pk:
            raise NotFound(_("No such payout."))
        transition(obj=payout, action="cancel", actor=actor, by=by, note=note)
        timers_cancel(obj=payout)
        ledger.post(
            Leg(
                debit=_wallet(payout),
                credit=_in_flight(payout),
                amount=payout.amount,
                kind=Transfer.Kind.PAYOUT_CANCEL,
                phase=Phase.VOID_PENDING,
                pending=payout.reservation,
                id=_leg_id(payout, "void"),
                reference=_ref(payout),
                description=_("Withdrawal cancelled"),
            )
        )
    return payout


def send_locked(
    payout: Payout, *, actor: str, by: User | None = None, note: str = "", provider_ref: str = ""
) -> Payout:
    """held -> sent for a payout the caller has locked: the reservation is posted into payouts in flight."""
    notify_step(transition(obj=payout, action="send", actor=actor, by=by, note=note))
    timers_cancel(obj=payout)
    if provider_ref:
        payout.provider_ref = provider_ref[:100]
        payout.save(update_fields=["provider_ref", "updated_at"])
    ledger.post(
        Leg(
            debit=_wallet(payout),
            credit=_in_flight(payout),
            amount=payout.amount,
            kind=Transfer.Kind.PAYOUT,
            phase=Phase.POST_PENDING,
            pending=payout.reservation,
            id=_leg_id(payout, "send"),
            reference=_ref(payout),
            description=_("Withdrawal to %(method)s sent") % {"method": display(payout.method)},
        )
    )
    return payout


def payout_send(
    *, payout_id: Any, actor: str, by: User | None = None, note: str = "", provider_ref: str = ""
) -> Payout:
    _operator(actor, by)
    with transaction.atomic():
        return send_locked(locked(payout_id), actor=actor, by=by, note=note, provider_ref=provider_ref)


def payout_mark_paid(*, payout_id: Any, actor: str, by: User | None = None, note: str = "") -> Payout:
    """The provider confirmed: the money leaves the marketplace through the gateway account."""
    _operator(actor, by)
    with transaction.atomic():
        payout = locked(payout_id)
        transition(obj=payout, action="pay", actor=actor, by=by, note=note)
        webhooks.emit("payout.paid", about=payout, audience=[payout.owner_id])
        gateway = ledger.platform_account(purpose=Purpose.GATEWAY, currency=payout.currency, key=payout.pk)
        ledger.post(
            Leg(
                debit=_in_flight(payout),
                credit=gateway,
                amount=payout.amount,
                kind=Transfer.Kind.PAYOUT_PAID,
                id=_leg_id(payout, "pay"),
                reference=_ref(payout),
                description=_("Withdrawal to %(method)s paid") % {"method": display(payout.method)},
            )
        )
    return payout


def payout_mark_failed(*, payout_id: Any, reason: str, actor: str, by: User | None = None, note: str = "") -> Payout:
    """The provider gave up (or returned the money): it goes back to the wallet, with the reason shown."""
    _operator(actor, by)
    reason = " ".join(reason.split())[:300]
    if not reason:
        raise InvalidInput(_("Say why the payout failed."), fields={"reason": [_("Give a reason.")]})
    with transaction.atomic():
        payout = locked(payout_id)
        notify_step(transition(obj=payout, action="fail", actor=actor, by=by, note=note or reason))
        payout.failure_reason = reason
        payout.save(update_fields=["failure_reason", "updated_at"])
        ledger.post(
            Leg(
                debit=_in_flight(payout),
                credit=_wallet(payout),
                amount=payout.amount,
                kind=Transfer.Kind.PAYOUT_RETURN,
                id=_leg_id(payout, "return"),
                reference=_ref(payout),
                description=_("Withdrawal returned: %(reason)s") % {"reason": reason},
            )
        )
    return payout


def payout_hold_over(payout: Payout, *, now: datetime | None = None) -> bool:
    return payout.hold_until <= (now or timezone.now())
