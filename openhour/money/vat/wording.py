"""What invoices and pages say about the VAT on the platform's fees, in one place: the legal wordings of a
reverse charge and the sentence naming the rule applied."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from openhour.money.models import VatTreatment
from openhour.money.vat.numbers import is_eu

# What the law asks an invoice without VAT to a business abroad to say (UK VAT Notice 700/1) and, for a customer
# in the EU, the article of the VAT Directive that makes the customer liable for the VAT.
REVERSE_CHARGE = gettext_lazy("Reverse charge: the customer accounts for the VAT.")
EU_ARTICLE = gettext_lazy("Article 196 of Council Directive 2006/112/EC.")


def legal_wordings(treatment: str | None, buyer_country: str) -> list[str]:
    if treatment != VatTreatment.REVERSE_CHARGE:
        return []
    return [str(REVERSE_CHARGE), str(EU_ARTICLE)] if is_eu(buyer_country) else [str(REVERSE_CHARGE)]


def percent_text(rate: Decimal) -> str:
    """20.00 -> "20", 25.50 -> "25.5"."""
    return f"{rate.normalize():f}"


def treatment_line(treatment: str | None, *, rate: Decimal, buyer_country: str) -> str:
    """One sentence naming the rule; empty when no VAT is charged at all."""
    percent = percent_text(rate)
    if treatment == VatTreatment.REVERSE_CHARGE:
        return _("No VAT is charged on the service fee: the customer is a business registered for VAT abroad.")
    if treatment == VatTreatment.CONSUMER_COUNTRY:
        return _("The service fee includes VAT at %(percent)s%%, the rate of %(country)s.") % {
            "percent": percent,
            "country": countries.name(buyer_country) or buyer_country,
        }
    if treatment in (VatTreatment.DOMESTIC, VatTreatment.CONSUMER) and rate > 0:
        return _("The service fee includes VAT at %(percent)s%%.") % {"percent": percent}
    return ""
