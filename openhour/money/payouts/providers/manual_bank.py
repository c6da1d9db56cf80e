"""Bank payouts the operator makes from their own bank: SEPA credit-transfer files (pain.001) for IBAN
accounts in euros, uploaded to the bank by hand, then marked paid here once the bank has executed them.

A SEPA file reaches only euro payments to IBANs. UK sort-code accounts, and payouts in pounds or dollars,
cannot go in one: the operator pays them from their banking (Faster Payments), marks each sent with the
bank's reference and then paid, as with wires; `faster_payments_csv` lists them for a bulk upload.
"""

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from sepaxml import SepaTransfer

from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput, NotAllowed
from openhour.lib.process import OPERATOR
from openhour.money.models import Payout, PayoutBatch
from openhour.money.payouts import services
from openhour.money.payouts.methods import is_sepa_account
from openhour.operations.branding import brand

SEPA_CURRENCY = "EUR"


def route(payout: Payout) -> str:
    """How the operator pays this manual bank payout: in a SEPA file, or by hand."""
    if is_sepa_account(payout.method) and payout.currency == SEPA_CURRENCY:
        return _("SEPA batch")
    if is_sepa_account(payout.method):
        return _("By hand: SEPA files carry euros only")
    return _("By hand: UK sort-code account (Faster Payments)")


def end_to_end_id(payout: Payout) -> str:
    return payout.pk.hex  # 32 characters; the field allows 35


def ready_preview(*, currency: str = SEPA_CURRENCY) -> Any:
    """Held manual bank payouts to IBANs in `currency` whose hold is over: what the next file would hold."""
    return (
        Payout.objects.select_related("method", "owner", "reservation")
        .filter(
            provider="manual_bank",
            status=Payout.Status.HELD,
            currency=currency,
            hold_until__lte=timezone.now(),
            method__details__has_key="iban",
        )
        .order_by("pk")
    )


def _ready(currency: str) -> list[Payout]:
    """The same, locked in a fixed order (another export running at once waits, then finds none)."""
    return list(ready_preview(currency=currency).select_for_update(of=("self",)))


def _sepa_file(payouts: Iterable[Payout]) -> tuple[str, str]:
    sepa = SepaTransfer(
        {
            "name": settings.OPERATOR_LEGAL_NAME,
            "IBAN": settings.OPERATOR_IBAN,
            "BIC": settings.OPERATOR_BIC,
            "batch": True,
            "currency": SEPA_CURRENCY,
        }
    )
    today = timezone.localdate()
    for payout in payouts:
        details = payout.method.details
        sepa.add_payment(
            {
                "name": details["account_holder"],
                "IBAN": details["iban"],
                "BIC": details["bic"],
                "amount": payout.amount,
                "execution_date": today,
                "endtoend_id": end_to_end_id(payout),
                "description": _("%(site)s payout %(ref)s") % {"site": brand().name, "ref": str(payout.pk)[:8]},
            }
        )
    return sepa.msg_id, sepa.export(validate=True).decode()


def batch_export(*, by: User | None, currency: str = SEPA_CURRENCY) -> PayoutBatch:
    """Every ready payout in one pain.001 file, saved on a new batch; each payout becomes sent."""
    if not (by is not None and by.is_staff):
        raise NotAllowed()
    if currency != SEPA_CURRENCY:
        raise InvalidInput(_("SEPA credit transfers are in euros only."), fields={"currency": [_("Use EUR.")]})
    with transaction.atomic():
        payouts = _ready(currency)
        if not payouts:
            raise InvalidInput(
                _("No euro bank payouts are ready: none is held with its hold over."), code="nothing_ready"
            )
        message_id, xml = _sepa_file(payouts)
        batch = PayoutBatch.objects.create(
            message_id=message_id, currency=currency, xml=xml, total=sum(p.amount for p in payouts), created_by=by
        )
        note = _("Exported in SEPA batch %(id)s") % {"id": message_id}
        for payout in payouts:
            payout.batch = batch
            payout.save(update_fields=["batch", "updated_at"])
            services.send_locked(payout, actor=OPERATOR, by=by, note=note, provider_ref=end_to_end_id(payout))
    return batch


def batch_mark_paid(*, batch: PayoutBatch, by: User | None, note: str = "") -> PayoutBatch:
    """The bank executed the file: every payout still sent in it is paid. Repeating changes nothing."""
    if not (by is not None and by.is_staff):
        raise NotAllowed()
    with transaction.atomic():
        batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.status == PayoutBatch.Status.PAID:
            return batch
        note = note.strip() or _("SEPA batch %(id)s executed by the bank") % {"id": batch.message_id}
        for payout_id in batch.payouts.filter(status=Payout.Status.SENT).order_by("pk").values_list("pk", flat=True):
            services.payout_mark_paid(payout_id=payout_id, actor=OPERATOR, by=by, note=note)
        batch.status, batch.paid_at = PayoutBatch.Status.PAID, timezone.now()
        batch.save(update_fields=["status", "paid_at"])
    return batch


def faster_payments_csv(payouts: Iterable[Payout]) -> str:
    """Sort-code payouts as rows a UK bank's bulk upload takes: name, sort code, account, amount, reference."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "sort_code", "account_number", "amount", "currency", "reference"])
    for payout in payouts:
        details = payout.method.details
        if "sort_code" not in details:
            continue
        units, minor = divmod(payout.amount, 100)
        writer.writerow(
            [
                details["account_holder"],
                details["sort_code"],
                details["account_number"],
                f"{units}.{minor:02d}",
                payout.currency,
                str(payout.pk)[:18],
            ]
        )
    return out.getvalue()
