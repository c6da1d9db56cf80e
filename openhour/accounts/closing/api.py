"""Closing one's own account over HTTP."""

from django.http import HttpRequest
from ninja import Router, Status
from pydantic import Field

from openhour.accounts.closing.services.close import account_close
from openhour.api.auth import current_user
from openhour.api.schemas import Input

router = Router(tags=["closing"])


class AccountCloseIn(Input):
    password: str = Field("", max_length=200, description="Your current password, to confirm it is you")


@router.post("/me/close", response={204: None})
def me_close(request: HttpRequest, payload: AccountCloseIn) -> Status[None]:
    """Closes your own account for good: 204, and the token you used stops working with every other.

    Your personal data is erased; the ledger, invoices, contracts, published reviews and messages you sent to
    others stay, shown as by "a former member". 400 on `password` when it is missing or wrong (an account without
    a password is closed from the /me/close page, with a second-factor code). 409 while it cannot be closed yet:
    `dispute_open`, `escrow_held` (a funded milestone not released or refunded, or a card payment being
    processed) or `balance_remaining` (money in a wallet, in any currency, or a withdrawal on its way)."""
    user = current_user(request)
    account_close(user=user, by=user, password=payload.password, request=request)
    return Status(204, None)
