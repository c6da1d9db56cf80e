"""Writes of seller reporting: a freelancer's tax details, checked whole before they are kept."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries
from stdnum import vatin

from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput, NotAllowed, field_errors
from openhour.money.reporting.models import TaxDetails
from openhour.money.reporting.tin import tin_clean

FIELDS = (
    "kind",
    "first_name",
    "last_name",
    "entity_name",
    "birth_date",
    "street",
    "city",
    "postcode",
    "country",
    "tin",
    "tin_country",
    "vat_number",
    "registration_number",
)
TIN_INVALID = gettext_lazy("This is not a valid tax identification number for the country that issued it.")
NEEDED: dict[str, tuple[str, ...]] = {
    TaxDetails.Kind.INDIVIDUAL: ("first_name", "last_name", "birth_date"),
    TaxDetails.Kind.ENTITY: ("entity_name", "registration_number"),
}


def tax_details_save(*, user: User, by: User, **values: Any) -> TaxDetails:
    """Replace `user`'s tax details with `values` (the fields of FIELDS; those left out are emptied). Only the
    person themselves writes them: the report carries what they declared."""
    if by.pk != user.pk:
        raise NotAllowed(_("Only the seller can give their own tax details."))
    # A code that names no country is refused before the field reads it (django-countries fails on "5¹").
    unknown = [name for name in ("country", "tin_country") if values.get(name) and values[name] not in countries]
    if unknown:
        fields = {name: [_("Choose your country from the list.")] for name in unknown}
        raise InvalidInput(_("Some of your tax details need correcting."), fields=fields)
    with transaction.atomic():
        details = TaxDetails.objects.select_for_update().filter(user=user).first() or TaxDetails(user=user)
        for name in FIELDS:
            value = values.get(name)
            setattr(details, name, value if value is not None or name == "birth_date" else "")
        _check(details)
        details.save()
    return details


def _check(details: TaxDetails) -> None:
    """Django's field checks, then what the kind of seller needs and the numbers' formats, all reported at once."""
    problems: dict[str, list[str]] = {}
    try:
        details.full_clean(exclude=["user"])
    except ValidationError as error:
        problems = field_errors(error.message_dict)
    for name in NEEDED.get(details.kind, ()):
        if not getattr(details, name) and name not in problems:
            problems[name] = [_("This field is required.")]
    problems |= _number_problems(details, problems)
    if problems:
        raise InvalidInput(_("Some of your tax details need correcting."), fields=problems)


def _number_problems(details: TaxDetails, known: dict[str, list[str]]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    if details.birth_date and not date(1900, 1, 1) <= details.birth_date <= timezone.localdate():
        problems["birth_date"] = [_("Enter your real date of birth.")]
    if details.tin and details.tin_country and "tin" not in known:
        cleaned = tin_clean(details.tin, str(details.tin_country))
        if cleaned is None:
            problems["tin"] = [str(TIN_INVALID)]
        else:
            details.tin = cleaned
    if details.vat_number:
        if vatin.is_valid(details.vat_number):
            details.vat_number = vatin.compact(details.vat_number)
        else:
            problems["vat_number"] = [_("Enter a valid VAT number, starting with its country code (FR, DE, …).")]
    return problems
