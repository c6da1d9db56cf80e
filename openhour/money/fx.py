"""Currency exchange: reference rates from the ECB, cross rates through EUR, and wallet conversions.

Rates are `Decimal`; amounts stay integer minor units. A conversion rounds the converted amount once,
half-up, then posts three legs through the per-currency exchange accounts, the fee as its own leg.
"""

import csv
import io
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openhour.accounts.models import User
from openhour.lib.errors import Conflict, InvalidInput
from openhour.lib.money import Currency, is_whole
from openhour.money import fees, ledger
from openhour.money.ledger import IdempotencyMismatch, Leg
from openhour.money.models import FxRate, Purpose, Transfer

BASE = "EUR"
RATE_PLACES = Decimal("0.00000001")  # FxRate.rate keeps 8 decimal places; cross rates are rounded to match
CONVERSIONS = uuid.UUID("0b7e4f6c-3c55-4f4e-9a53-5d0f1f0a6c21")  # namespace for conversion ids from keys


def currencies() -> tuple[str, ...]:
    """The currencies the marketplace holds money in (and so the only rates worth storing)."""
    return tuple(Currency.values)


class FxRateStale(Conflict):
    code = "fx_rate_stale"
    default_message = "The exchange rate is out of date, so conversions are paused. Try again later."


class FxRateMissing(Conflict):
    code = "fx_rate_missing"
    default_message = "There is no exchange rate for that currency yet."


class FxFileError(ValueError):
    """The file is not in either ECB reference-rate format."""


# ---- loading ECB files -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DayRates:
    as_of: date
    rates: dict[str, Decimal]  # quote currency -> units per 1 EUR


def parse_ecb(text: str) -> list[DayRates]:
    """Either the ECB CSV (`Date, USD, JPY, ...` then rows) or its XML (`<Cube time=...><Cube currency=...`)."""
    text = text.lstrip("\ufeff").strip()
    if not text:
        raise FxFileError("the file is empty")
    days = _parse_xml(text) if text.startswith("<") else _parse_csv(text)
    if not days:
        raise FxFileError("the file holds no rates")
    return days


def _parse_csv(text: str) -> list[DayRates]:
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text)) if any(c.strip() for c in row)]
    if len(rows) < 2 or rows[0][0].lower() != "date":
        raise FxFileError("expected a header row starting with 'Date' and at least one row of rates")
    header = rows[0]
    days = []
    for row in rows[1:]:
        rates = {}
        for name, cell in zip(header[1:], row[1:], strict=False):
            if name and cell and cell.upper() != "N/A":
                rates[name.upper()] = _rate(cell, name)
        days.append(DayRates(as_of=_csv_date(row[0]), rates=rates))
    return days


def _csv_date(text: str) -> date:
    for fmt in ("%d %B %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise FxFileError(f"not a date: {text!r}")


def _parse_xml(text: str) -> list[DayRates]:
    try:
        # Only the ECB file an operator passes to `manage.py fx_load`; expat >= 2.4 caps entity expansion.
        root = ET.fromstring(text)  # noqa: S314  # nosec B314
    except ET.ParseError as exc:
        raise FxFileError(f"not well-formed XML: {exc}") from exc
    days = []
    for cube in root.iter():
        if _local(cube.tag) != "Cube" or "time" not in cube.attrib:
            continue
        try:
            as_of = date.fromisoformat(cube.attrib["time"])
        except ValueError as exc:
            raise FxFileError(f"not a date: {cube.attrib['time']!r}") from exc
        rates = {}
        for child in cube:
            if _local(child.tag) == "Cube" and "currency" in child.attrib:
                rates[child.attrib["currency"].upper()] = _rate(child.attrib.get("rate", ""), child.attrib["currency"])
        days.append(DayRates(as_of=as_of, rates=rates))
    return days


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _rate(text: str, currency: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise FxFileError(f"not a rate for {currency}: {text!r}") from exc
    if not value.is_finite() or value <= 0:
        raise FxFileError(f"not a rate for {currency}: {text!r}")
    return value.quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def load_rates(days: list[DayRates]) -> int:
    """Store the configured currencies' rates; loading the same day again updates it in place. Returns the count."""
    stored = 0
    with transaction.atomic():
        for day in days:
            for quote, value in day.rates.items():
                if quote == BASE or quote not in currencies():
                    continue
                FxRate.objects.update_or_create(quote=quote, as_of=day.as_of, defaults={"rate": value})
                stored += 1
    return stored


# ---- rates -----------------------------------------------------------------------------------------


def _day(at: date | datetime | None) -> date:
    if at is None:
        return timezone.now().date()
    if isinstance(at, datetime):
        return at.date() if timezone.is_naive(at) else at.astimezone(UTC).date()
    return at


def check_currency(currency: str, field: str) -> None:
    if currency not in currencies():
        raise InvalidInput(
            _("%(currency)s is not a currency we hold.") % {"currency": currency},
            fields={field: [_("Unsupported currency.")]},
            code="unsupported_currency",
        )


def per_euro(currency: str, *, at: date | datetime | None = None) -> FxRate | None:
    """The newest stored rate for `currency` on or before `at`; None for EUR itself or when nothing is loaded."""
    if currency == BASE:
        return None
    return FxRate.objects.filter(quote=currency, as_of__lte=_day(at)).order_by("-as_of").first()


def rate(*, from_currency: str, to_currency: str, at: date | datetime | None = None) -> Decimal:
    """How many units of `to_currency` one unit of `from_currency` buys, through the EUR reference rates."""
    check_currency(from_currency, "from")
    check_currency(to_currency, "to")
    if from_currency == to_currency:
        return Decimal(1)
    day = _day(at)
    legs = []
    for currency in (from_currency, to_currency):
        if currency == BASE:
            legs.append(Decimal(1))
            continue
        found = per_euro(currency, at=day)
        if found is None:
            raise FxRateMissing()
        if (day - found.as_of).days > settings.FX_MAX_AGE_DAYS:
            raise FxRateStale()
        legs.append(found.rate)
    return (legs[1] / legs[0]).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ---- wallet conversions ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ConversionResult:
    id: uuid.UUID
    amount: int  # taken from the from-wallet
    from_currency: str
    converted: int  # amount x rate, rounded half-up once
    fee: int  # in to_currency, kept by the platform
    received: int  # converted - fee, credited to the to-wallet
    to_currency: str
    rate: Decimal

    def as_dict(self) -> dict[str, Any]:
        def money(amount: int, currency: str) -> dict[str, Any]:
            return {"amount": amount, "currency": currency}

        return {
            "id": str(self.id),
            "rate": str(self.rate),
            "amount": money(self.amount, self.from_currency),
            "converted": money(self.converted, self.to_currency),
            "fee": money(self.fee, self.to_currency),
            "received": money(self.received, self.to_currency),
        }


def _leg_ids(conversion: uuid.UUID) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    return uuid.uuid5(conversion, "out"), uuid.uuid5(conversion, "in"), uuid.uuid5(conversion, "fee")


def wallet_convert(
    *, user: User, amount: int, from_currency: str, to_currency: str, idempotency_key: str | None = None
) -> ConversionResult:
    """Move `amount` from the user's `from_currency` wallet into their `to_currency` wallet, less the fee."""
    _check_conversion(amount=amount, from_currency=from_currency, to_currency=to_currency)
    conversion = uuid.uuid5(CONVERSIONS, f"{user.pk}:{idempotency_key}") if idempotency_key else uuid.uuid4()
    earlier = _earlier(conversion, amount=amount, from_currency=from_currency, to_currency=to_currency)
    if earlier is not None:
        return earlier
    fx_rate = rate(from_currency=from_currency, to_currency=to_currency)
    converted = round_half_up(amount * fx_rate)
    fee = fees.conversion_fee(amount=converted, currency=to_currency)
    result = ConversionResult(
        id=conversion,
        amount=amount,
        from_currency=from_currency,
        converted=converted,
        fee=fee,
        received=converted - fee,
        to_currency=to_currency,
        rate=fx_rate,
    )
    if result.received <= 0:
        raise InvalidInput(
            _("That amount is too small to convert."), fields={"amount": [_("Too small.")]}, code="amount_too_small"
        )
    ledger.post(*_conversion_legs(user, result))
    return result


def _check_conversion(*, amount: int, from_currency: str, to_currency: str) -> None:
    check_currency(from_currency, "from")
    check_currency(to_currency, "to")
    if from_currency == to_currency:
        raise InvalidInput(_("Choose two different currencies."), fields={"to": [_("Same as the source currency.")]})
    if not is_whole(amount) or amount <= 0:
        raise InvalidInput(
            _("Amounts are whole numbers of minor units above zero."), fields={"amount": [_("Invalid amount.")]}
        )


def _conversion_legs(user: User, result: ConversionResult) -> list[Leg]:
    """Wallet → FX account in the source currency, FX account → wallet in the target one, and the fee."""
    out_id, in_id, fee_id = _leg_ids(result.id)
    reference, description = f"conversion:{result.id}", f"rate {result.rate}"
    fx_from = ledger.platform_account(purpose=Purpose.FX, currency=result.from_currency, key=result.id)
    fx_to = ledger.platform_account(purpose=Purpose.FX, currency=result.to_currency, key=result.id)
    source = ledger.wallet(owner=user, currency=result.from_currency)
    target = ledger.wallet(owner=user, currency=result.to_currency)
    legs = [
        Leg(source, fx_from, result.amount, Transfer.Kind.FX, id=out_id, reference=reference, description=description),
        Leg(fx_to, target, result.received, Transfer.Kind.FX, id=in_id, reference=reference, description=description),
    ]
    if result.fee:
        fees_account = ledger.platform_account(
            purpose=Purpose.PLATFORM_FEES, currency=result.to_currency, key=result.id
        )
        legs.append(Leg(fx_to, fees_account, result.fee, Transfer.Kind.FX_FEE, id=fee_id, reference=reference))
    return legs


def _earlier(conversion: uuid.UUID, *, amount: int, from_currency: str, to_currency: str) -> ConversionResult | None:
    """The result of a conversion already posted with this key, rebuilt from its transfers."""
    out_id, in_id, fee_id = _leg_ids(conversion)
    found = Transfer.objects.in_bulk([out_id, in_id, fee_id])
    if not found:
        return None
    out, received = found.get(out_id), found.get(in_id)
    if out is None or received is None:
        raise IdempotencyMismatch()
    if (out.amount, out.currency, received.currency) != (amount, from_currency, to_currency):
        raise IdempotencyMismatch()
    fee = found[fee_id].amount if fee_id in found else 0
    return ConversionResult(
        id=conversion,
        amount=out.amount,
        from_currency=out.currency,
        converted=received.amount + fee,
        fee=fee,
        received=received.amount,
        to_currency=received.currency,
        rate=Decimal(out.description.removeprefix("rate ")),
    )
