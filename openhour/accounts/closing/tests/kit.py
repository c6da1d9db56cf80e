"""Building blocks for closing tests: asking to close through the API and the page, and a freelancer whose
contract is over, reviewed both ways, and whose earnings are withdrawn and paid."""

from typing import Any

from django.test import Client

from conftest import PASSWORD
from openhour.contracts.models import Contract
from openhour.money import ledger
from openhour.money.payouts.methods import payout_method_add
from openhour.money.payouts.services import payout_mark_paid, payout_request, payout_send
from openhour.reviews.services.reviews import review_submit
from openhour.reviews.tests.kit import body, finished

CLOSE = "/api/v1/me/close"
PAGE = "/me/close"


def close_by_api(client: Client, password: str | None = PASSWORD, **headers: Any) -> Any:
    data = {} if password is None else {"password": password}
    return client.post(CLOSE, data, content_type="application/json", headers=headers)


def error_of(answer: Any) -> tuple[int, str]:
    return answer.status_code, answer.json()["error"]["code"]


def reviewed_and_paid_out(clara: Any, fred: Any, operator: Any) -> Contract:
    """Clara hired Fred, released his pay and ended the contract; both reviewed (so both reviews are published);
    Fred withdrew everything he earned, and the payout was paid: nothing of his is left in the marketplace."""
    contract = finished(clara, fred)
    review_submit(contract_id=contract.pk, by=clara, data=body("client", 5))
    review_submit(contract_id=contract.pk, by=fred, data=body("freelancer", 4, went_well="Clear brief, paid on time."))
    paid_out(fred, operator)
    return contract


def paid_out(person: Any, operator: Any) -> None:
    """`person` withdraws all their pounds to PayPal, and the payout is sent and paid."""
    method = payout_method_add(owner=person, kind="paypal", details={"email": "fred@example.com"})
    earned = ledger.wallet(owner=person, currency="GBP").balance
    payout = payout_request(owner=person, amount=earned, currency="GBP", method_id=method.pk)
    payout_send(payout_id=payout.pk, actor="operator", by=operator, note="Sent by hand.")
    payout_mark_paid(payout_id=payout.pk, actor="operator", by=operator, note="The bank confirmed.")
