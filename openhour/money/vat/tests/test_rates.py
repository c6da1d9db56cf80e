"""The VAT rates table: loaded with the EU's standard rates (correct as of 1 August 2025), each country's rate
read as of a day, and kept by operators in the admin; nobody else reaches it."""

from datetime import date
from decimal import Decimal

import pytest

from openhour.money.vat.models import VatRate
from openhour.money.vat.rules import rate_in

pytestmark = pytest.mark.django_db


def test_every_member_state_has_a_standard_rate_from_the_start_of_the_table():
    loaded = set(VatRate.objects.filter(valid_from=date(2024, 1, 1)).values_list("country", flat=True))

    assert len(loaded) == 27 and {"DE", "FR", "GR", "IE"} <= loaded and "GB" not in loaded


@pytest.mark.parametrize(
    ("country", "day", "percent"),
    [
        ("EE", date(2025, 6, 30), Decimal(22)),
        ("EE", date(2025, 7, 1), Decimal(24)),
        ("FI", date(2025, 1, 1), Decimal("25.5")),
        ("RO", date(2025, 8, 1), Decimal(21)),
        ("SK", date(2024, 12, 31), Decimal(20)),
        ("SK", date(2025, 1, 1), Decimal(23)),
        ("HU", date(2025, 8, 1), Decimal(27)),
        ("LU", date(2025, 8, 1), Decimal(17)),
    ],
)
def test_a_countrys_rate_is_the_one_in_force_that_day(country, day, percent):
    assert rate_in(country, day) == percent


def test_a_country_or_a_day_the_table_does_not_know_has_no_rate():
    assert rate_in("US", date(2025, 8, 1)) is None
    assert rate_in("DE", date(2023, 12, 31)) is None


def test_operators_keep_the_rates_in_the_admin_and_others_cannot(operator, clara, client_for):
    admin = client_for(operator)
    listed = admin.get("/admin/vat/vatrate/?country__exact=DE")
    assert listed.status_code == 200 and "19.00" in listed.text

    added = admin.post("/admin/vat/vatrate/add/", {"country": "DE", "percent": "20", "valid_from": "2027-01-01"})

    assert added.status_code == 302
    assert rate_in("DE", date(2027, 1, 1)) == Decimal(20) and rate_in("DE", date(2026, 12, 31)) == Decimal(19)
    assert client_for(clara).get("/admin/vat/vatrate/").status_code == 302  # not staff: to the admin login
    assert admin.get("/admin/vat/billingdetails/add/").status_code == 403  # only their owners write those
