"""Operators' writes to the market as a whole: the brand."""

from django.core.exceptions import ValidationError
from django.db import transaction

from openhour.accounts.models import User
from openhour.lib.errors import InvalidInput, NotAllowed, field_errors
from openhour.operations.branding import brand_forget
from openhour.operations.models import BRAND_PK, Brand


def brand_open(*, by: User) -> Brand:
    """The one brand row for an operator to edit, made the first time one opens it."""
    _require_brand_permission(by)
    record, _created = Brand.objects.get_or_create(pk=BRAND_PK)  # a process that loses the race reads the winner's
    return record


def brand_save(*, brand: Brand, by: User) -> Brand:
    """Save the brand an operator edited; every page and e-mail shows it from the next request on."""
    _require_brand_permission(by)
    try:
        brand.full_clean()
    except ValidationError as error:
        raise InvalidInput(fields=field_errors(error.message_dict)) from None
    with transaction.atomic():
        replaced = Brand.objects.filter(pk=brand.pk).values_list("logo", flat=True).first()
        brand.save()
        if replaced and replaced != brand.logo.name:
            storage, name = brand.logo.storage, replaced
            transaction.on_commit(lambda: storage.delete(name))  # once no row points at it
        brand_forget()
    return brand


def _require_brand_permission(by: User) -> None:
    if not (by.is_active and by.is_staff and by.has_perm("operations.change_brand")):
        raise NotAllowed()
