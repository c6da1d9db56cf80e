"""Stripe Identity: a verification session (document and matching selfie) the person completes on Stripe's page.

The answer arrives by signed webhook (`openhour.accounts.identity.webhooks`): `verified` or `requires_input`.
The client, its retries and its timeout are the card gateway's (`openhour.money.gateways.stripe`).
"""

import logging
from collections.abc import Mapping
from typing import Any

import stripe
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.accounts.identity.providers.base import ProviderUnavailable, Started
from openhour.money.gateways.stripe import _client, _timeout

log = logging.getLogger(__name__)


class StripeIdentityProvider:
    name = "stripe"
    takes_files = False

    def __init__(self) -> None:
        self.client = _client(settings.STRIPE_SECRET_KEY, settings.STRIPE_API_BASE, _timeout())

    def start(self, *, attempt: str, user_id: int, return_url: str) -> Started:
        params: Any = {
            "type": "document",
            "options": {"document": {"require_matching_selfie": True}},
            "metadata": {"user_id": str(user_id)},
            "return_url": return_url,
        }
        try:
            session = self.client.v1.identity.verification_sessions.create(
                params=params, options={"idempotency_key": attempt}
            ).to_dict()
        except stripe.StripeError as error:
            log.warning("stripe identity call failed (HTTP %s): %s", error.http_status, error.user_message or error)
            raise ProviderUnavailable(
                _("The identity service did not answer. Please try again in a moment.")
            ) from error
        if not session.get("id") or not session.get("url"):
            raise ProviderUnavailable(_("The identity service did not answer. Please try again in a moment."))
        return Started(ref=str(session["id"]), url=str(session["url"]))


def rejection_reason(session: Mapping[str, Any]) -> str:
    """What Stripe says went wrong with a session that requires input, as the person will read it."""
    problem = session.get("last_error") or {}
    return str(problem.get("reason") or problem.get("code") or "") or gettext_noop(
        "The identity check was not completed."
    )
