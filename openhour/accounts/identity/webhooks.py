"""Stripe Identity's webhooks: a signed report that a verification session was verified or needs new input.

Checked like the card webhooks (`openhour.money.webhooks`): the Stripe-Signature header against the raw body
and our endpoint secret, before anything is read from it. A repeated event finds its check settled already
and changes nothing.
"""

import logging

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from openhour.accounts.identity.services.decisions import identity_settle

log = logging.getLogger(__name__)

VERIFIED, REQUIRES_INPUT = "identity.verification_session.verified", "identity.verification_session.requires_input"


@csrf_exempt
@require_POST
def stripe_identity_webhook(request: HttpRequest) -> JsonResponse:
    import stripe  # loaded on first use, as the card webhooks do

    secret = settings.STRIPE_IDENTITY_WEBHOOK_SECRET
    try:
        if not secret:  # an empty key would let anyone sign
            raise ValueError("no STRIPE_IDENTITY_WEBHOOK_SECRET configured")
        event = stripe.Webhook.construct_event(request.body, request.headers.get("Stripe-Signature"), secret)
    except (stripe.SignatureVerificationError, ValueError) as error:  # ValueError: not JSON, not UTF-8
        log.warning("stripe identity webhook refused: %s", error)
        message = "The Stripe-Signature header does not match this body and our webhook secret."
        return JsonResponse({"error": {"code": "bad_signature", "message": message, "fields": {}}}, status=400)
    data = event.to_dict()
    session = (data.get("data") or {}).get("object") or {}
    if data.get("type") not in (VERIFIED, REQUIRES_INPUT) or not session.get("id"):
        return JsonResponse({"received": True, "handled": False})
    from openhour.accounts.identity.providers.stripe import rejection_reason

    handled = identity_settle(
        provider_name="stripe",
        ref=str(session["id"]),
        verified=data["type"] == VERIFIED,
        reason=rejection_reason(session),
    )
    return JsonResponse({"received": True, "handled": handled})
