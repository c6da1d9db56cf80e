"""What accounting law keeps of a closed account, erased once CLOSED_ACCOUNT_RECORDS_YEARS have passed (run_timers).

Kept until then: the name, e-mail and company printed on their invoices (`billed_to`) and the bank details their
payouts went to, and the tax details seller income reports were made with (the tax authority may ask about
them for as long). Invoices and ledger rows stay, naming a "Former member": the platform's own books need them."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from openhour.accounts.closing.models import Closing
from openhour.accounts.closing.services.erase import FORMER_NAME
from openhour.accounts.privacy.log import personal_data_accessed
from openhour.money.models import Invoice, PayoutMethod
from openhour.money.reporting.models import TaxDetails

BATCH = 100
ANONYMOUS_BILLED_TO = {"name": FORMER_NAME}


def closed_records_erase_due() -> int:
    """Erase the kept records of accounts closed longer ago than the retention; returns how many accounts."""
    cutoff = timezone.now() - timedelta(days=365 * settings.CLOSED_ACCOUNT_RECORDS_YEARS)
    due = Closing.objects.filter(closed_at__lt=cutoff, records_erased_at__isnull=True).order_by("closed_at")
    erased = 0
    for closing_id in list(due.values_list("pk", flat=True)[:BATCH]):
        erased += _records_erase(closing_id)
    return erased


def _records_erase(closing_id: int) -> int:
    with transaction.atomic():
        closing = Closing.objects.select_for_update().filter(pk=closing_id, records_erased_at__isnull=True).first()
        if closing is None:  # another worker took it
            return 0
        Invoice.objects.filter(recipient_id=closing.user_id).update(billed_to=ANONYMOUS_BILLED_TO)
        PayoutMethod.objects.filter(owner_id=closing.user_id).update(details={})
        TaxDetails.objects.filter(user_id=closing.user_id).delete()
        closing.records_erased_at = timezone.now()
        closing.save(update_fields=["records_erased_at"])
        personal_data_accessed(by=None, subject=closing.user, what="erased")
    return 1
