"""The VAT rules for the platform's fees, decided once when a fee invoice is issued and frozen on it.

The operator is in OPERATOR_COUNTRY and charges VAT_PERCENT there. For the person an invoice is addressed to:
- a business in the operator's country pays domestic VAT;
- a business elsewhere with a (format-valid) VAT number is reverse-charged: no VAT, the customer accounts for it;
- anyone else (consumers, businesses abroad without a VAT number) pays the operator's rate, or, with
  VAT_CONSUMER_COUNTRY_RATES, the standard rate of their own country from the VatRate table (EU OSS style);
- an operator who charges no VAT at all (VAT_PERCENT 0, country rates off) charges none to anybody.
Fees are VAT-inclusive: the rule changes the VAT inside a fee, never the amount paid. A credit note takes the
terms of the receipt it credits (`terms_of`), so a refund gives back exactly the VAT that was charged."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.utils import timezone

from openhour.accounts.models import Profile, User
from openhour.money.models import Invoice, VatTreatment
from openhour.money.vat.models import BillingDetails, VatRate

CENT = Decimal("0.01")


@dataclass(frozen=True)
class VatTerms:
    treatment: str
    rate: Decimal  # percent
    buyer_vat_number: str = ""
    buyer_country: str = ""


def vat_terms_for(person: User, *, on: date | None = None) -> VatTerms:
    """The terms for `person` now, from their billing details (none: a consumer in their profile's country)."""
    details = billing_details_of(person)
    country = str(details.country) if details else ""
    number = details.vat_number if details else ""
    if not charges_vat():
        return VatTerms(VatTreatment.NONE, Decimal(0), number, country)
    if details is not None and details.kind == BillingDetails.Kind.BUSINESS:
        if country == settings.OPERATOR_COUNTRY:
            return VatTerms(VatTreatment.DOMESTIC, operator_rate(), number, country)
        if number:
            return VatTerms(VatTreatment.REVERSE_CHARGE, Decimal(0), number, country)
    return _consumer_terms(country or _profile_country(person), number, on or timezone.now().date())


def _consumer_terms(country: str, number: str, on: date) -> VatTerms:
    if settings.VAT_CONSUMER_COUNTRY_RATES and country and country != settings.OPERATOR_COUNTRY:
        percent = rate_in(country, on)
        if percent is not None:
            return VatTerms(VatTreatment.CONSUMER_COUNTRY, percent, number, country)
    return VatTerms(VatTreatment.CONSUMER, operator_rate(), number, country)


def charges_vat() -> bool:
    return settings.VAT_PERCENT > 0 or settings.VAT_CONSUMER_COUNTRY_RATES


def operator_rate() -> Decimal:
    return Decimal(settings.VAT_PERCENT).quantize(CENT, rounding=ROUND_HALF_UP)


def rate_in(country: str, on: date) -> Decimal | None:
    """The standard rate of `country` in force on `on`, or None when the table does not know it."""
    rows = VatRate.objects.filter(country=country, valid_from__lte=on).order_by("-valid_from")
    return rows.values_list("percent", flat=True).first()


def terms_of(invoice: Invoice) -> VatTerms:
    """The terms frozen on an invoice. One issued before the rules existed charged the issuer's rate."""
    if not invoice.vat_treatment or invoice.vat_rate is None:
        percent = Decimal(invoice.issuer.get("vat_percent") or 0).quantize(CENT)
        treatment = VatTreatment.CONSUMER if percent > 0 else VatTreatment.NONE
        return VatTerms(treatment, percent, invoice.buyer_vat_number, invoice.buyer_country)
    return VatTerms(invoice.vat_treatment, invoice.vat_rate, invoice.buyer_vat_number, invoice.buyer_country)


def vat_included(fees: int, rate: Decimal) -> int:
    """The VAT inside `fees` (minor units, VAT included) at `rate` percent: fees × r / (100 + r), half-up once."""
    if rate <= 0 or not fees:
        return 0
    return int((fees * rate / (100 + rate)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def billing_details_of(person: User) -> BillingDetails | None:
    """From the person as loaded when the caller (or an earlier call) brought the details along, else read now
    and kept on the person, so issuing an invoice reads them once."""
    related = User.billing_details.related
    if related.is_cached(person):
        return getattr(person, "billing_details", None)
    found = BillingDetails.objects.filter(person=person).first()
    related.set_cached_value(person, found)
    return found


def _profile_country(person: User) -> str:
    """Only asked when a consumer's own country's rate may apply and they gave no billing country."""
    if not settings.VAT_CONSUMER_COUNTRY_RATES:
        return ""
    if User.profile.is_cached(person):
        profile = getattr(person, "profile", None)
        return str(profile.country) if profile is not None and profile.country else ""
    found = Profile.objects.filter(user=person).values_list("country", flat=True).first()
    return str(found or "")
