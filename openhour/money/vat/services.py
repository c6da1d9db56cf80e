"""Writes of billing details: only the person themselves, with the VAT number's format checked and, when the
operator asks (VAT_NUMBER_LOOKUP=vies), confirmed with VIES before the transaction, never inside it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_countries import countries

from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput, NotAllowed, field_errors
from openhour.money.vat.lookup import vat_number_lookup
from openhour.money.vat.models import BillingDetails
from openhour.money.vat.numbers import VatNumberInvalid, vat_number_clean

ADDRESS_MAX = 500


@dataclass(frozen=True)
class BillingInput:
    kind: str
    country: str
    legal_name: str = ""
    vat_number: str = ""
    address: str = ""


def billing_details_set(*, person: User, by: User, data: BillingInput) -> BillingDetails:
    """Create or replace `person`'s billing details. Invoices already issued keep the details they were made with."""
    if by.pk != person.pk:
        raise NotAllowed(_("Only the person themselves can change their billing details."))
    number = _checked(data)
    earlier = BillingDetails.objects.filter(person=person).first()
    check = _confirmed(number, earlier)
    with transaction.atomic():
        details = BillingDetails.objects.select_for_update().filter(person=person).first()
        details = details or BillingDetails(person=person)
        details.kind, details.country, details.address = data.kind, data.country, data.address.strip()
        details.legal_name = " ".join(data.legal_name.split())  # one line, single spaces: it heads invoices
        details.vat_number, details.vat_check = number, check
        try:
            details.full_clean()
        except ValidationError as error:
            problems = field_errors(error.message_dict)
            raise InvalidInput(_("Please correct the highlighted fields."), fields=problems) from None
        details.save()
    User.billing_details.related.set_cached_value(person, details)
    return details


def _checked(data: BillingInput) -> str:
    """The VAT number, compact and prefixed, or a field error naming what is wrong."""
    problems: dict[str, list[str]] = {}
    if data.kind not in BillingDetails.Kind.values:
        problems["kind"] = [_("Choose whether you are billed as a business or as a private person.")]
    if data.country not in countries:
        problems["country"] = [_("Choose your country from the list.")]
    if data.kind == BillingDetails.Kind.BUSINESS and not data.legal_name.strip():
        problems["legal_name"] = [_("Enter the business's legal name, as registered.")]
    if len(data.address) > ADDRESS_MAX:
        problems["address"] = [_("Keep the address under %(most)s characters.") % {"most": ADDRESS_MAX}]
    number = ""
    if data.vat_number.strip() and data.kind == BillingDetails.Kind.CONSUMER:
        problems["vat_number"] = [_("Only businesses give a VAT number: choose “A business” or leave it empty.")]
    elif data.vat_number.strip() and "country" not in problems:
        try:
            number = vat_number_clean(data.vat_number, data.country)
        except VatNumberInvalid as error:
            problems["vat_number"] = [str(error)]
    if problems:
        raise InvalidInput(_("Please correct the highlighted fields."), fields=problems)
    return number


def _confirmed(number: str, earlier: BillingDetails | None) -> str:
    """How far the number is confirmed; one VIES already confirmed is not asked about again."""
    if not number:
        return BillingDetails.Check.NONE
    if earlier is not None and earlier.vat_number == number and earlier.vat_check == BillingDetails.Check.CONFIRMED:
        return BillingDetails.Check.CONFIRMED
    try:
        return vat_number_lookup(number)
    except VatNumberInvalid as error:
        raise InvalidInput(_("Please correct the highlighted fields."), fields={"vat_number": [str(error)]}) from None
