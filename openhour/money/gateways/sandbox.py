"""The offline sandbox: deterministic answers for the test card tokens, no network, no secrets.

`tok_visa` succeeds; `tok_declined` is declined for insufficient funds; `tok_3ds` waits for the payer to
confirm on our own page (standing in for the bank's 3-D Secure screen), then succeeds.
"""

from django.conf import settings
from django.urls import reverse

from openhour.money.gateways.base import Charge

DECLINED = "The card was declined: insufficient funds."


class SandboxGateway:
    name = "sandbox"

    def charge(self, *, payment_id: str, amount: int, currency: str, card_token: str, return_url: str) -> Charge:
        ref = f"sandbox_{payment_id}"
        outcome = TEST_CARDS.get(card_token)
        if outcome == "succeeded":
            return Charge(ref=ref, status="succeeded")
        if outcome == "requires_action":
            url = settings.SITE_URL + reverse("payment_authenticate", args=[payment_id])
            return Charge(ref=ref, status="requires_action", action_url=url)
        message = DECLINED if outcome else f"Unknown sandbox card. Use one of: {', '.join(TEST_CARDS)}."
        return Charge(ref=ref, status="failed", failure_code="card_declined", failure_message=message)

    def lookup(self, *, ref: str, confirmed: bool = False) -> Charge:
        return Charge(ref=ref, status="succeeded" if confirmed else "requires_action")

    def refund(self, *, ref: str, amount: int, refund_id: str) -> str:
        return f"sandbox_refund_{refund_id}"


TEST_CARDS = {"tok_visa": "succeeded", "tok_declined": "failed", "tok_3ds": "requires_action"}
