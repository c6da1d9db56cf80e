"""Stripe: card charges as PaymentIntents confirmed at creation, 3-D Secure by redirect, partial refunds.

Every call carries an idempotency key (the payment id, the refund id), so the client library's own retries
and ours after a timeout never charge or refund twice. Webhooks are handled in `openhour.money.webhooks`.
"""

import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import stripe
from django.conf import settings
from django.utils.translation import gettext as _

from openhour.money.gateways.base import Charge, GatewayError

log = logging.getLogger(__name__)

NETWORK_RETRIES = 2  # the library retries timeouts, 409s and 5xx with the same idempotency key
INSUFFICIENT_FUNDS = "The card was declined: insufficient funds."


class StripeGateway:
    name = "stripe"

    def __init__(self) -> None:
        self.client = _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, _timeout())

    def charge(self, *, payment_id: str, amount: int, currency: str, card_token: str, return_url: str) -> Charge:
        params: Any = {
            "amount": amount,
            "currency": currency.lower(),
            "confirm": True,
            "return_url": return_url,
            "payment_method_data": {"type": "card", "card": {"token": card_token}},
            "metadata": {"payment_id": payment_id},
        }
        try:
            intent = self.client.v1.payment_intents.create(params=params, options={"idempotency_key": payment_id})
        except stripe.CardError as error:
            return _declined(error)
        except stripe.InvalidRequestError as error:
            if _about_the_card(error):
                return _unusable_card(error)
            raise _unavailable(error) from error
        except stripe.StripeError as error:
            raise _unavailable(error) from error
        return charge_from_intent(intent.to_dict())

    def lookup(self, *, ref: str, confirmed: bool = False) -> Charge:
        # Stripe's redirect already confirmed with the bank: `confirmed` adds nothing, the intent says it all.
        try:
            intent = self.client.v1.payment_intents.retrieve(ref)
        except stripe.StripeError as error:
            raise _unavailable(error) from error
        return charge_from_intent(intent.to_dict())

    def refund(self, *, ref: str, amount: int, refund_id: str) -> str:
        try:
            refund = self.client.v1.refunds.create(
                params={"payment_intent": ref, "amount": amount}, options={"idempotency_key": refund_id}
            )
        except stripe.StripeError as error:
            raise _unavailable(error) from error
        if refund.status in ("failed", "canceled"):
            raise GatewayError(_("The card processor refused the refund. Nothing was refunded."))
        return str(refund.id)


def charge_from_intent(intent: Mapping[str, Any]) -> Charge:
    """Our view of a PaymentIntent (from an API answer or a webhook event)."""
    ref, status = str(intent.get("id") or ""), intent.get("status")
    if status == "succeeded":
        return Charge(ref=ref, status="succeeded")
    if status in ("requires_payment_method", "canceled"):
        return _failure(ref, intent.get("last_payment_error") or {})
    # requires_action, or a state Stripe finishes on its own (processing): wait for the payer or the webhook.
    redirect = (intent.get("next_action") or {}).get("redirect_to_url") or {}
    return Charge(ref=ref, status="requires_action", action_url=str(redirect.get("url") or ""))


def _failure(ref: str, problem: Mapping[str, Any]) -> Charge:
    if problem.get("decline_code") == "insufficient_funds":
        message = _(INSUFFICIENT_FUNDS)
    else:
        message = str(problem.get("message") or _("The card was declined."))
    return Charge(ref=ref, status="failed", failure_code="card_declined", failure_message=message)


def _declined(error: stripe.CardError) -> Charge:
    problem = _problem(error)
    intent = problem.get("payment_intent") or {}
    return _failure(str(intent.get("id") or ""), problem)


def _about_the_card(error: stripe.InvalidRequestError) -> bool:
    """A token that does not exist or was already used is the payer's mistake, not an outage."""
    return str(_problem(error).get("param") or "").startswith("payment_method_data")


def _unusable_card(error: stripe.InvalidRequestError) -> Charge:
    message = _("The card could not be used: %(reason)s") % {"reason": _problem(error).get("message") or "?"}
    return Charge(ref="", status="failed", failure_code="card_invalid", failure_message=message)


def _problem(error: stripe.StripeError) -> Mapping[str, Any]:
    body = error.json_body if isinstance(error.json_body, dict) else {}
    problem = body.get("error")
    return problem if isinstance(problem, dict) else {}


def _unavailable(error: stripe.StripeError) -> GatewayError:
    log.warning("stripe call failed (HTTP %s): %s", error.http_status, error.user_message or error)
    if error.http_status == 401:  # a wrong secret key: retrying will not help, the operator must fix it
        return GatewayError(_("The card processor refused our credentials. Nothing was charged; please tell us."))
    return GatewayError()


def _timeout() -> float:
    return float(settings.STRIPE_TIMEOUT_SECONDS)


@lru_cache(maxsize=4)
def _client(api_key: str, api_base: str, timeout: float) -> stripe.StripeClient:
    """One client (and its pooled HTTP sessions) per configuration."""
    return stripe.StripeClient(
        api_key,
        base_addresses={"api": api_base},
        max_network_retries=NETWORK_RETRIES,
        http_client=stripe.RequestsClient(timeout=timeout),
    )
