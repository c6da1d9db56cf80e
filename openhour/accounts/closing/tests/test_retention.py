"""What accounting law keeps of a closed account (the name on its invoices, the bank details its payouts went to)
is erased by the timers once CLOSED_ACCOUNT_RECORDS_YEARS have passed, not a day before; the invoices and the
ledger stay."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client

from openhour.accounts.closing.models import Closing
from openhour.accounts.closing.services.retention import closed_records_erase_due
from openhour.accounts.closing.tests.kit import close_by_api, paid_out
from openhour.accounts.privacy.models import PersonalDataAccess
from openhour.money.invoice_pdf import invoice_html
from openhour.money.models import Invoice, PayoutMethod
from openhour.reviews.tests.kit import finished

pytestmark = pytest.mark.django_db


def test_kept_records_are_erased_after_the_retention_only(clara, fred, operator, bearer, settings, ledger_ok):
    settings.CLOSED_ACCOUNT_RECORDS_YEARS = 6
    finished(clara, fred)
    paid_out(fred, operator)
    assert close_by_api(Client(), **bearer(fred)).status_code == 204
    closed_at = Closing.objects.get(user=fred).closed_at
    statement = Invoice.objects.get(recipient=fred, kind="statement")
    assert statement.billed_to["name"] == "Fred Freelancer"  # as issued: kept for the accounts

    with time_machine.travel(closed_at + timedelta(days=365 * 6 - 1), tick=False):
        assert closed_records_erase_due() == 0
    assert Invoice.objects.get(pk=statement.pk).billed_to["name"] == "Fred Freelancer"

    with time_machine.travel(closed_at + timedelta(days=365 * 6 + 1), tick=False):
        assert closed_records_erase_due() == 1
        assert closed_records_erase_due() == 0  # once only

    statement.refresh_from_db()
    assert statement.billed_to == {"name": "Former member"}
    printed = invoice_html(statement)
    assert "Fred" not in printed and "Former member" in printed
    assert PayoutMethod.objects.get(owner=fred).details == {}
    assert Invoice.objects.get(recipient=clara, kind="receipt").billed_to["name"] == "Clara Client"
    assert PersonalDataAccess.objects.filter(subject=fred, what="erased").count() == 2
    ledger_ok()
