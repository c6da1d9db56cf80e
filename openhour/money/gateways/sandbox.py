"""The offline sandbox: deterministic answers for the test card tokens, no network, no secrets.

`tok_visa` succeeds; `tok_declined` is declined for insufficient funds; `tok_3ds` waits for the payer to
confirm on our own page (standing in for the bank's 3-D Secure screen), then succeeds. `tok_visa_<suffix>`
(letters and digits) pays like `tok_visa` as a card of its own: the fingerprint of a payment follows its
token, so two accounts paying with `tok_visa_family1` share a card and tests can plant one.
"""

import re

from django.conf import settings
from django.urls import reverse

from openhour.money.gateways.base import Charge

DECLINED = "The card was declined: insufficient funds."


class SandboxGateway:
    name = "sandbox"

    def charge(self, *, payment_id: str, amount: int, currency: str, card_token: str, return_url: str) -> Charge:
        ref = f"sandbox_{payment_id}"
        outcome = outcome_of(card_token)
        if outcome == "succeeded":
            return Charge(ref=ref, status="succeeded")
        if outcome == "requires_action":
            url = settings.SITE_URL + reverse("payment_authenticate", args=[payment_id])
            return Charge(ref=ref, status="requires_action", action_url=url)
        known = ", ".join([*TEST_CARDS, "tok_visa_<letters and digits>"])
        message = DECLINED if outcome else f"Unknown sandbox card. Use one of: {known}."
        return Charge(ref=ref, status="failed", failure_code="card_declined", failure_message=message)

    def lookup(self, *, ref: str, confirmed: bool = False) -> Charge:
        return Charge(ref=ref, status="succeeded" if confirmed else "requires_action")

    def refund(self, *, ref: str, amount: int, refund_id: str) -> str:
        return f"sandbox_refund_{refund_id}"


TEST_CARDS = {"tok_visa": "succeeded", "tok_declined": "failed", "tok_3ds": "requires_action"}
OWN_CARD = re.compile(r"tok_visa_[A-Za-z0-9]{1,64}")


def outcome_of(card_token: str) -> str | None:
    """What the sandbox does with a card token: a published test card's outcome, or a named card's."""
    return "succeeded" if OWN_CARD.fullmatch(card_token) else TEST_CARDS.get(card_token)
