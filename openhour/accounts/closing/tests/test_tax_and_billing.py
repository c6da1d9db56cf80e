"""Closing erases the billing details at once (each invoice keeps the copy it was issued with), while the tax details
seller income reports were made with stay as long as the other records the law keeps, then go."""

from datetime import date, timedelta

import pytest
import time_machine
from django.test import Client

from openhour.accounts.closing.models import Closing
from openhour.accounts.closing.services.retention import closed_records_erase_due
from openhour.accounts.closing.tests.kit import close_by_api
from openhour.money.reporting.models import TaxDetails
from openhour.money.reporting.services import tax_details_save
from openhour.money.vat.models import BillingDetails
from openhour.money.vat.services import BillingInput, billing_details_set

pytestmark = pytest.mark.django_db


def test_billing_details_go_and_tax_details_wait_for_the_retention(fred, clara, bearer, settings):
    settings.CLOSED_ACCOUNT_RECORDS_YEARS = 6
    billing_details_set(person=fred, by=fred, data=BillingInput(kind="business", country="FR", legal_name="Fred SARL"))
    billing_details_set(person=clara, by=clara, data=BillingInput(kind="consumer", country="GB"))
    tax_details_save(
        user=fred, by=fred, kind="individual", first_name="Fred", last_name="Freelancer", birth_date=date(1990, 5, 1),
        street="1 Rue de la Paix", city="Paris", postcode="75002", country="FR", tin="3023217600053", tin_country="FR",
    )  # fmt: skip

    assert close_by_api(Client(), **bearer(fred)).status_code == 204

    assert not BillingDetails.objects.filter(person=fred).exists()
    assert BillingDetails.objects.filter(person=clara).exists()
    assert TaxDetails.objects.filter(user=fred).exists()
    closed_at = Closing.objects.get(user=fred).closed_at
    with time_machine.travel(closed_at + timedelta(days=365 * 6 + 1), tick=False):
        assert closed_records_erase_due() == 1
    assert not TaxDetails.objects.filter(user=fred).exists()
