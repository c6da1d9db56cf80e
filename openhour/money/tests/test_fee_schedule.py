"""The fee schedule comes from settings, is versioned, and a recorded version keeps its numbers."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from openhour.lib.tests.test_settings import manage
from openhour.money.fees import (
    FEE_SCHEDULE_VERSION,
    client_fee,
    conversion_fee,
    current_schedule,
    freelancer_fee,
    schedule_for,
)


def test_the_defaults_are_the_published_schedule():
    schedule = current_schedule()
    assert schedule.version == FEE_SCHEDULE_VERSION == "2026-11"
    assert (schedule.client_fee_rate, schedule.conversion_fee_rate) == (Decimal("0.05"), Decimal("0.025"))
    assert schedule_for("2026-11") == schedule


@override_settings(FEE_SCHEDULE_VERSION="2027-01", CLIENT_FEE_PERCENT=Decimal(6), CONVERSION_FEE_PERCENT=Decimal(3))
def test_settings_drive_the_rates():
    assert client_fee(amount=10_000, currency="GBP") == 600
    assert conversion_fee(amount=10_000, currency="GBP") == 300
    assert freelancer_fee(amount=10_000, billed_before=0, currency="GBP").version == "2027-01"


@override_settings(CLIENT_FEE_PERCENT=Decimal(6))
def test_a_published_version_cannot_change_its_rates():
    with pytest.raises(ImproperlyConfigured, match="FEE_SCHEDULE_VERSION"):
        current_schedule()


@override_settings(FEE_SCHEDULE_VERSION="2027-01", CLIENT_FEE_PERCENT=Decimal(6), CONVERSION_FEE_PERCENT=Decimal(4))
def test_a_recorded_version_keeps_its_numbers_after_the_settings_change():
    recorded = schedule_for("2026-11")
    assert client_fee(amount=10_000, currency="GBP", schedule=recorded) == 500
    assert conversion_fee(amount=10_000, currency="GBP", schedule=recorded) == 250
    assert freelancer_fee(amount=60_000, billed_before=0, currency="GBP", schedule=recorded).version == "2026-11"
    assert schedule_for("2027-01").client_fee_rate == Decimal("0.06")


def test_an_unknown_version_is_an_error():
    with pytest.raises(LookupError):
        schedule_for("1999-01")


@pytest.mark.parametrize(
    ("currency", "first", "second"),
    [("GBP", 50_000, 500_000), ("EUR", 57_500, 575_000), ("USD", 62_500, 625_000)],
)
def test_thresholds_are_converted_to_whole_units(currency, first, second):
    assert [ceiling for ceiling, _rate in current_schedule().tiers_in(currency)] == [first, second, None]
    # the whole first tier at 20%, then 7.5% on the next unit
    assert freelancer_fee(amount=first, billed_before=0, currency=currency).fee == first // 5
    assert freelancer_fee(amount=100, billed_before=first, currency=currency).fee == 8  # 7.5p rounds up
    assert freelancer_fee(amount=100, billed_before=second, currency=currency).fee == 4  # 3.5p rounds up


@pytest.mark.parametrize(
    ("amount", "fee"),
    [(10_000, 500), (10, 1), (9, 0), (30, 2), (50, 3), (1, 0)],  # 0.5p -> 1p, 0.45p -> 0, 1.5p -> 2p, 2.5p -> 3p
)
def test_the_client_fee_rounds_half_up_once(amount, fee):
    assert client_fee(amount=amount, currency="GBP") == fee


@pytest.mark.parametrize("call", [client_fee, conversion_fee])
def test_client_and_conversion_fees_refuse_nonsense(call):
    with pytest.raises(ValueError):
        call(amount=0, currency="GBP")
    with pytest.raises(ValueError):
        call(amount=100, currency="XYZ")


@pytest.mark.parametrize(
    ("name", "value", "complaint"),
    [
        ("CLIENT_FEE_PERCENT", "five", "CLIENT_FEE_PERCENT must be a number"),
        ("CONVERSION_FEE_PERCENT", "150", "CONVERSION_FEE_PERCENT must be a percentage"),
    ],
)
def test_bad_fee_settings_fail_loudly(tmp_path, name, value, complaint):
    result = manage("check", VAR_DIR=str(tmp_path), **{name: value})
    assert result.returncode != 0
    assert complaint in result.stderr
