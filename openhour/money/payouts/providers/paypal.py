"""PayPal Payouts: one payout per PayPal batch, sent when the hold is over, then polled until it settles.

The PayoutTimer fires inside the timer worker's transaction: it applies `send` (the money moves to payouts
in flight) and leaves the HTTP call to after the commit. A payout that is sent but has no PayPal batch id
yet (the process died, PayPal was down) is submitted again by `run_payouts`; PayPal deduplicates on
`sender_batch_id` (the payout id) and on the `PayPal-Request-Id`, so it pays once.
"""

import logging
from decimal import Decimal
from typing import Any

import requests
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from openhour.lib.db import require_no_transaction
from openhour.lib.process import SYSTEM
from openhour.money.models import Payout, PayoutTimer
from openhour.money.payouts import services
from openhour.operations.branding import brand

log = logging.getLogger(__name__)
TIMEOUT = 20  # seconds; a slow PayPal leaves the payout sent without a batch id, and the next round retries
PAID = {"SUCCESS"}
FAILED = {"FAILED", "RETURNED", "BLOCKED", "DENIED", "REFUNDED", "REVERSED"}


class PayPalError(Exception):
    """PayPal answered, and said no (`final`) or could not answer now (not final: try again later)."""

    def __init__(self, message: str, *, final: bool) -> None:
        super().__init__(message)
        self.final = final


def _url(path: str) -> str:
    return settings.PAYPAL_API_BASE.rstrip("/") + path


def _token() -> str:
    try:
        answer = requests.post(
            _url("/v1/oauth2/token"),
            data={"grant_type": "client_credentials"},
            timeout=TIMEOUT,
            auth=(settings.PAYPAL_CLIENT_ID, settings.PAYPAL_CLIENT_SECRET),
            headers={"Accept": "application/json"},
        )
    except requests.RequestException as error:
        raise PayPalError(f"PayPal could not be reached: {error}", final=False) from error
    if answer.status_code != 200:
        raise PayPalError(f"PayPal refused our credentials ({answer.status_code})", final=False)
    return str(answer.json()["access_token"])


def _call(method: str, path: str, *, body: dict[str, Any] | None = None, request_id: str = "") -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {_token()}", "Content-Type": "application/json"}
    if request_id:
        headers["PayPal-Request-Id"] = request_id
    try:
        answer = requests.request(method, _url(path), json=body, headers=headers, timeout=TIMEOUT)
    except requests.RequestException as error:
        raise PayPalError(f"PayPal could not be reached: {error}", final=False) from error
    if answer.status_code >= 500 or answer.status_code in (401, 408, 409, 429):
        raise PayPalError(f"PayPal is not answering now ({answer.status_code})", final=False)
    found: dict[str, Any] = answer.json() if answer.content else {}
    if answer.status_code >= 400:
        raise PayPalError(str(found.get("message") or found.get("name") or answer.status_code), final=True)
    return found


def amount_value(amount: int) -> str:
    """PayPal takes money as a decimal string: 2550 -> "25.50"."""
    return str((Decimal(amount) / 100).quantize(Decimal("0.01")))


def _payout_body(payout: Payout) -> dict[str, Any]:
    return {
        "sender_batch_header": {
            "sender_batch_id": str(payout.pk),
            "email_subject": _("You have a payout from %(site)s") % {"site": brand().name},
        },
        "items": [
            {
                "recipient_type": "EMAIL",
                "receiver": payout.method.details["email"],
                "sender_item_id": str(payout.pk),
                "amount": {"value": amount_value(payout.amount), "currency": payout.currency},
            }
        ],
    }


def paypal_submit(*, payout_id: Any) -> Payout:
    """Send a payout that is `sent` here to PayPal, and keep PayPal's batch id. Outside any transaction."""
    require_no_transaction("A PayPal payout")
    payout = Payout.objects.select_related("method").get(pk=payout_id)
    if payout.status != Payout.Status.SENT or payout.provider_ref:
        return payout
    try:
        answer = _call("POST", "/v1/payments/payouts", body=_payout_body(payout), request_id=str(payout.pk))
    except PayPalError as error:
        if not error.final:
            log.warning("payout %s not submitted yet: %s", payout.pk, error)
            return payout
        return services.payout_mark_failed(
            payout_id=payout.pk, reason=_("PayPal refused it: %(why)s") % {"why": error}, actor=SYSTEM
        )
    with transaction.atomic():
        payout = services.locked(payout.pk)
        if not payout.provider_ref:
            payout.provider_ref = str(answer["batch_header"]["payout_batch_id"])[:100]
            payout.save(update_fields=["provider_ref", "updated_at"])
    return payout


def paypal_poll(*, payout_id: Any) -> Payout:
    """Ask PayPal how a sent payout is doing: paid, failed (the money returns), or not yet."""
    require_no_transaction("A PayPal status check")
    payout = Payout.objects.select_related("method").get(pk=payout_id)
    if payout.status != Payout.Status.SENT:
        return payout
    if not payout.provider_ref:
        return paypal_submit(payout_id=payout.pk)
    try:
        answer = _call("GET", f"/v1/payments/payouts/{payout.provider_ref}")
    except PayPalError as error:
        log.warning("payout %s not polled: %s", payout.pk, error)
        return payout
    items = answer.get("items") or [{}]
    status = str(items[0].get("transaction_status") or answer.get("batch_header", {}).get("batch_status", ""))
    if status in PAID:
        return services.payout_mark_paid(payout_id=payout.pk, actor=SYSTEM, note=gettext_noop("PayPal paid it."))
    if status in FAILED:
        why = (items[0].get("errors") or {}).get("message") or status.lower()
        return services.payout_mark_failed(
            payout_id=payout.pk, reason=_("PayPal: %(why)s") % {"why": why}, actor=SYSTEM
        )
    return payout


def fire(timer: PayoutTimer) -> None:
    """A PayPal payout's hold is over: send it here now, and to PayPal once this transaction commits."""
    payout = services.locked(timer.payout_id)
    if timer.action != "send" or payout.status != Payout.Status.HELD:
        return
    services.send_locked(payout, actor=SYSTEM, note=gettext_noop("The hold is over."))
    transaction.on_commit(lambda: _submit_quietly(payout.pk))


def _submit_quietly(payout_id: Any) -> None:
    try:
        paypal_submit(payout_id=payout_id)
    except Exception:  # the next `run_payouts` round submits it again
        log.exception("payout %s: submitting to PayPal failed", payout_id)


def payouts_due() -> list[Any]:
    """Sent PayPal payouts to submit or poll, oldest first."""
    rows = Payout.objects.filter(provider="paypal", status=Payout.Status.SENT).order_by("updated_at")
    return list(rows.values_list("pk", flat=True)[:500])
