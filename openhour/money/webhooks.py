"""Stripe's webhooks: a signed report that a card payment succeeded or failed, settled at most once.

The signature is checked against the raw body before anything is read from it. Each event id is stored in
the same transaction that applies it, so a replayed event (Stripe retries until it gets a 2xx) moves nothing.
"""

import contextlib
import logging
import uuid
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from openhour.money.models import Payment, WebhookEvent
from openhour.money.services import payments

log = logging.getLogger(__name__)

HANDLED = {"payment_intent.succeeded", "payment_intent.payment_failed"}


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> JsonResponse:
    import stripe  # half a second of start-up that only markets taking cards through Stripe pay, on first use

    try:
        event = stripe.Webhook.construct_event(
            request.body, request.headers.get("Stripe-Signature"), settings.STRIPE_WEBHOOK_SECRET
        )
    except (stripe.SignatureVerificationError, ValueError) as error:  # ValueError: not JSON, not UTF-8
        log.warning("stripe webhook refused: %s", error)
        message = "The Stripe-Signature header does not match this body and our webhook secret."
        return JsonResponse({"error": {"code": "bad_signature", "message": message, "fields": {}}}, status=400)
    data = event.to_dict()
    if data.get("type") not in HANDLED or not data.get("id"):
        return JsonResponse({"received": True, "handled": False})
    return JsonResponse({"received": True, "handled": _apply(data)})


def _apply(event: dict[str, Any]) -> bool:
    """Settle the payment the event is about, once per event id. False for a replay or a stranger's event."""
    intent = (event.get("data") or {}).get("object") or {}
    with transaction.atomic():
        try:
            with transaction.atomic():
                WebhookEvent.objects.create(id=str(event["id"])[:100], gateway="stripe", type=event["type"])
        except IntegrityError:
            return False  # handled before (a parallel copy waits on the row lock, then lands here too)
        payment = _payment_for(intent)
        if payment is None:
            return False
        from openhour.money.gateways.stripe import charge_from_intent

        payments.payment_settle(payment_id=payment.pk, charge=charge_from_intent(intent))
    return True


def _payment_for(intent: dict[str, Any]) -> Payment | None:
    """Our payment for this intent, if the intent really is for it (same amount and currency)."""
    metadata = intent.get("metadata") or {}
    found = None
    with contextlib.suppress(ValueError):  # no payment id in the metadata: look for the intent id instead
        found = Payment.objects.filter(pk=uuid.UUID(str(metadata.get("payment_id")))).first()
    if found is None and intent.get("id"):
        found = Payment.objects.filter(gateway="stripe", provider_ref=str(intent["id"])).first()
    if found is None or found.gateway != "stripe":
        return None
    if (found.amount, found.currency.lower()) != (intent.get("amount"), str(intent.get("currency")).lower()):
        log.warning("stripe webhook for payment %s disagrees on the amount; ignored", found.pk)
        return None
    return found
