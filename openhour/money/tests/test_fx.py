"""Exchange rates: loading the ECB files, cross rates through EUR, stale rates refused, wallet conversions."""

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from openhour.lib.errors import InvalidInput
from openhour.money import fx, ledger
from openhour.money.ledger import InsufficientFunds, Leg
from openhour.money.models import Account, FxRate, Purpose, Transfer

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def rates(db):
    """The ECB rates of 20 November 2026 (the XML sample): 1 EUR = 0.8329 GBP = 1.0498 USD."""
    call_command("fx_load", str(DATA / "eurofxref-daily.xml"))


def deposit(user, amount: int, currency: str) -> None:
    gateway = ledger.platform_account(purpose=Purpose.GATEWAY, currency=currency)
    ledger.post(Leg(debit=gateway, credit=ledger.wallet(owner=user, currency=currency), amount=amount, kind="deposit"))


def balance(user, currency: str) -> int:
    return ledger.wallet(owner=user, currency=currency).balance


def platform_total(purpose: str, currency: str) -> int:
    return sum(a.balance for a in Account.objects.filter(owner=None, purpose=purpose, currency=currency))


# ---- loading -------------------------------------------------------------------------------------


def test_fx_load_csv_stores_only_configured_currencies(db, capsys) -> None:
    call_command("fx_load", str(DATA / "eurofxref.csv"))
    stored = {(r.quote, r.as_of, r.rate) for r in FxRate.objects.all()}
    assert stored == {
        ("GBP", date(2026, 11, 21), Decimal("0.83410000")),
        ("USD", date(2026, 11, 21), Decimal("1.05120000")),
    }
    assert all(r.base == "EUR" for r in FxRate.objects.all())
    assert "loaded 2 rate(s)" in capsys.readouterr().out


def test_fx_load_xml_and_loading_again_changes_nothing(db) -> None:
    for _ in range(2):
        call_command("fx_load", str(DATA / "eurofxref-daily.xml"))
    assert FxRate.objects.count() == 2
    assert FxRate.objects.get(quote="GBP").rate == Decimal("0.8329")
    assert FxRate.objects.get(quote="USD").as_of == date(2026, 11, 20)


def test_fx_load_the_next_day_adds_rows(db) -> None:
    call_command("fx_load", str(DATA / "eurofxref-daily.xml"))
    call_command("fx_load", str(DATA / "eurofxref.csv"))
    assert FxRate.objects.count() == 4


@pytest.mark.parametrize("name", ["malformed.csv", "malformed.xml", "missing.csv"])
def test_fx_load_refuses_a_malformed_file(db, name: str) -> None:
    with pytest.raises(CommandError):
        call_command("fx_load", str(DATA / name))
    assert FxRate.objects.count() == 0


def test_parse_ecb_csv_skips_unpublished_rates() -> None:
    days = fx.parse_ecb("Date, USD, GBP, \n21 November 2026, N/A, 0.8341, \n")
    assert days == [fx.DayRates(as_of=date(2026, 11, 21), rates={"GBP": Decimal("0.8341")})]


# ---- rates ---------------------------------------------------------------------------------------


def test_cross_rate_gbp_to_usd_goes_through_eur(rates, now) -> None:
    assert fx.rate(from_currency="GBP", to_currency="USD") == Decimal("1.26041542")  # 1.0498 / 0.8329
    assert fx.rate(from_currency="EUR", to_currency="GBP") == Decimal("0.8329")
    assert fx.rate(from_currency="USD", to_currency="EUR") == Decimal("0.95256239")  # 1 / 1.0498
    assert fx.rate(from_currency="GBP", to_currency="GBP") == 1


def test_the_newest_rate_wins(rates, now) -> None:
    call_command("fx_load", str(DATA / "eurofxref.csv"))
    assert fx.rate(from_currency="GBP", to_currency="USD") == Decimal("1.26028054")  # 1.0512 / 0.8341
    # ... but not a rate from after the moment asked about
    assert fx.rate(from_currency="GBP", to_currency="USD", at=date(2026, 11, 20)) == Decimal("1.26041542")


def test_a_stale_rate_is_refused(rates, settings) -> None:
    settings.FX_MAX_AGE_DAYS = 3
    with time_machine.travel(datetime(2026, 11, 23, 9, 0, tzinfo=UTC), tick=False):  # Monday: Friday's is fine
        assert fx.rate(from_currency="GBP", to_currency="USD")
    with time_machine.travel(datetime(2026, 11, 24, 9, 0, tzinfo=UTC), tick=False):
        with pytest.raises(fx.FxRateStale) as refused:
            fx.rate(from_currency="GBP", to_currency="USD")
        assert refused.value.code == "fx_rate_stale"
        assert refused.value.status == 409
        assert fx.rate(from_currency="EUR", to_currency="EUR") == 1  # nothing to look up


def test_unsupported_currency_is_refused(rates, now) -> None:
    with pytest.raises(InvalidInput) as refused:
        fx.rate(from_currency="GBP", to_currency="JPY")
    assert refused.value.code == "unsupported_currency"


def test_no_rate_loaded_is_refused(db, now) -> None:
    with pytest.raises(fx.FxRateMissing):
        fx.rate(from_currency="GBP", to_currency="USD")


# ---- conversions ---------------------------------------------------------------------------------


def test_conversion_moves_money_exactly(rates, now, clara, ledger_ok) -> None:
    deposit(clara, 25_000, "GBP")
    result = fx.wallet_convert(user=clara, amount=10_000, from_currency="GBP", to_currency="USD")
    # £100.00 x 1.26041542 = $126.041542 -> 12604 cents; fee 2.5% = 315.1 -> 315
    assert (result.converted, result.fee, result.received) == (12_604, 315, 12_289)
    assert result.rate == Decimal("1.26041542")
    assert balance(clara, "GBP") == 15_000
    assert balance(clara, "USD") == 12_289
    assert platform_total(Purpose.FX, "GBP") == 10_000
    assert platform_total(Purpose.FX, "USD") == -12_604
    assert platform_total(Purpose.PLATFORM_FEES, "USD") == 315
    legs = {t.kind: t for t in Transfer.objects.filter(reference=f"conversion:{result.id}")}
    assert set(legs) == {"fx", "fx_fee"}
    fee_leg = legs["fx_fee"]
    assert (fee_leg.amount, fee_leg.currency, fee_leg.credit.purpose) == (315, "USD", Purpose.PLATFORM_FEES)
    assert fee_leg.debit.purpose == Purpose.FX
    ledger_ok()


def test_overdraft_is_refused_and_nothing_moves(rates, now, clara, ledger_ok) -> None:
    deposit(clara, 5_000, "GBP")
    before = Transfer.objects.count()
    with pytest.raises(InsufficientFunds):
        fx.wallet_convert(user=clara, amount=5_001, from_currency="GBP", to_currency="EUR")
    assert Transfer.objects.count() == before
    assert balance(clara, "GBP") == 5_000
    assert balance(clara, "EUR") == 0
    ledger_ok()


@pytest.mark.parametrize("amount", [0, -5, 1.5, True])
def test_conversion_amount_is_a_positive_integer(rates, now, clara, amount, ledger_ok) -> None:
    deposit(clara, 5_000, "GBP")
    with pytest.raises(InvalidInput):
        fx.wallet_convert(user=clara, amount=amount, from_currency="GBP", to_currency="EUR")
    assert balance(clara, "GBP") == 5_000
    ledger_ok()


def test_a_repeated_idempotency_key_returns_the_first_result(rates, now, clara, ledger_ok) -> None:
    deposit(clara, 25_000, "GBP")
    first = fx.wallet_convert(user=clara, amount=10_000, from_currency="GBP", to_currency="USD", idempotency_key="k1")
    call_command("fx_load", str(DATA / "eurofxref.csv"))  # the rate moves in between
    again = fx.wallet_convert(user=clara, amount=10_000, from_currency="GBP", to_currency="USD", idempotency_key="k1")
    assert again == first
    assert balance(clara, "GBP") == 15_000
    assert balance(clara, "USD") == 12_289
    assert Transfer.objects.filter(kind__in=["fx", "fx_fee"]).count() == 3
    ledger_ok()


def test_a_stale_rate_stops_a_conversion(rates, clara, ledger_ok) -> None:
    deposit(clara, 25_000, "GBP")
    with time_machine.travel(datetime(2026, 12, 1, tzinfo=UTC), tick=False), pytest.raises(fx.FxRateStale):
        fx.wallet_convert(user=clara, amount=10_000, from_currency="GBP", to_currency="USD")
    assert balance(clara, "GBP") == 25_000
    ledger_ok()
